import type { Locale } from '../../../domain/i18n/locales'
import type { SeedContext } from '../../contracts/seed'
import { authorize } from '../../policies/policy'
import { authPolicies, changeOwnLocale, hashPassword, toActor } from '../auth/index'
import { createUser } from './commands/create-user'
import { demoStaff, type DemoStaffKey } from './seed-data'

export { demoStaff, type DemoStaff, type DemoStaffKey } from './seed-data'

/** Every demo account's password. */
export const DEMO_PASSWORD = 'clubroom'
/** One login per role (and a second receptionist and teacher), as printed at start: the same in every language. */
export const DEMO_LOGINS = [
  'owner',
  'manager',
  'reception',
  'reception2',
  'teacher',
  'teacher2',
  'storekeeper',
  'accountant',
  'auditor',
]

/** The login of a demo staff place in a language's demo (`demoLogin('hy', 'art')` → `tigran.khachatryan`). */
export function demoLogin(locale: Locale, key: DemoStaffKey): string {
  const found = demoStaff(locale).find((s) => s.key === key)
  if (!found) throw new Error(`The demo staff has no ${key}`)
  return found.login
}

/** The demo's first owner: the seed creates this account as the system before any step (nobody exists yet to do it). */
export function demoOwner(locale: Locale) {
  const owner = demoStaff(locale).find((s) => s.roles.includes('owner'))
  if (!owner) throw new Error('The demo staff has no owner')
  return { login: owner.login, name: owner.name, email: demoEmail(owner.login) }
}

function demoEmail(login: string) {
  return `${login}@demo.clubroom.local`
}

/**
 * The demo staff of the demo's language (`ctx.userIds[login]`, `ctx.actors[login]`): the owner
 * opens their accounts (`users.create`), after the branches they work in; one password for all.
 * Then those who read another language than the center's (or want theirs whatever the center's)
 * set it themselves: in the Armenian demo reception reads Armenian, reception2 Russian, the
 * manager English.
 */
export async function seedStaff(_tx: unknown, ctx: SeedContext): Promise<void> {
  const owner = ctx.as(demoOwner(ctx.locale).login)
  // every demo account has the same password: hashed once (argon2id is deliberately slow), not once per account
  let demoHash: Promise<string> | null = null
  const hashOnce = (password: string) =>
    password === DEMO_PASSWORD ? (demoHash ??= hashPassword(password)) : hashPassword(password)
  for (const s of demoStaff(ctx.locale)) {
    ctx.staff[s.key] = s.login
    if (ctx.actors[s.login]) continue // the first owner
    const row = await createUser(
      owner.ctx,
      owner.actor,
      {
        login: s.login,
        name: s.name,
        email: demoEmail(s.login),
        password: DEMO_PASSWORD,
        roles: s.roles,
        branchIds: s.branches.map((b) => ctx.branchIds[b]),
      },
      hashOnce,
    )
    ctx.userIds[s.login] = row.id
    ctx.actors[s.login] = toActor(row)
  }
  // a first look shows every language: some pick theirs in their profile (`auth.locale_change`), as they would
  for (const s of demoStaff(ctx.locale)) {
    if (!s.locale) continue
    const me = ctx.as(s.login)
    await changeOwnLocale(me.ctx, authorize(me.actor, authPolicies.changeOwnLanguage), s.locale)
  }
}
