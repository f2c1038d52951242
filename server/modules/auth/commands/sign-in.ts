import type { Config } from '../../../env'
import { InvalidCredentialsError, TooManyRequestsError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { dummyPasswordHash, verifyPassword } from '../passwords'
import { findUserByLogin, type UserRow } from '../queries'
import { createSession, toActor } from '../sessions'
import { reserveLoginAttempt, settleLoginAttempt } from '../throttle'

export interface SignInInput {
  /** As typed; compared lower-cased. */
  login: string
  password: string
  ip: string
  userAgent?: string | null
}

/**
 * Signs in: the attempt takes its place in the throttle (and counts as a failure) before the hash
 * is checked; a failure is audited (`auth.login_failed`) and refused with one message whatever was
 * wrong; a success opens a session (`auth.login`). Unknown logins cost the same time as known ones.
 */
export async function signIn(
  ctx: CommandContext,
  config: Config,
  input: SignInInput,
): Promise<{ user: UserRow; session: { token: string; expiresAt: Date } }> {
  const login = input.login.toLowerCase()
  const { ip } = input
  const attempt = await reserveLoginAttempt(ctx.db, login, ip)
  if (attempt.id === null) throw TooManyRequestsError(attempt.retryAfter)

  const user = await findUserByLogin(ctx.db, login)
  const ok = user
    ? (await verifyPassword(user.passwordHash, input.password)) && user.active
    : (await verifyPassword(await dummyPasswordHash(), input.password)) && false
  if (!ok || !user) {
    await runCommand(ctx, 'auth.login_failed', async () => {
      return { result: null, entity: 'user', entityId: user?.id ?? null, after: { login, ip } }
    })
    throw InvalidCredentialsError()
  }
  ctx.actor = toActor(user)
  const session = await runCommand(ctx, 'auth.login', async (tx) => {
    await settleLoginAttempt(tx, attempt.id)
    const s = await createSession(tx, config, user.id, { ip, userAgent: input.userAgent })
    return { result: s, entity: 'user', entityId: user.id, after: { ip } }
  })
  return { user, session }
}
