import { or, sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '../../db/client'
import type { Locale } from '../../domain/i18n/locales'
import type { HookMap, HookName, Hooks } from '../contracts/hooks'
import type { OwingCheckDef, OwingContext, OwingReason } from '../contracts/owing'
import type { SeedStep } from '../contracts/seed'
import type { JobDef } from '../jobs/index'
import type { ApiRoutes, AuditArea, LiveEntity, LivePart, Module } from '../modules/module'
import { DocTypes } from '../realtime/collab/doc-registry'
import { INTERIM_LIVE_ENTITIES } from './interim-live-entities'

/**
 * Everything the modules declare, put together once at boot. The app, the document hub and the
 * socket server get what they need from here (handed to them, never imported from a module).
 */
export interface Registry {
  routes: readonly ApiRoutes[]
  siteRoutes: NonNullable<Module['siteRoutes']>
  publicRoutes: ReadonlySet<string>
  uploadRoutes: readonly RegExp[]
  docTypes: DocTypes
  owing: OwingRules
  hooks: Hooks
  liveEntities: Readonly<Record<string, LiveEntity>>
  seedSteps: readonly SeedStep[]
  /** The modules' jobs (the scheduler runs them). */
  jobs: readonly JobDef[]
  /** The modules' own live parts on Socket.IO (started by server/realtime/attach.ts). */
  liveParts: readonly LivePart[]
  /** The center's default language (the declaring module's, else `fallbackLocale`). */
  defaultLocale: (db: Queryable) => Promise<Locale>
  /** The language when no module keeps the center's settings, or they cannot be read. */
  fallbackLocale: Locale
  /** The audit's areas, as the modules declare them (server/modules/audit). */
  auditAreas: readonly AuditArea[]
}

/** A new center's language, and the answer when the center's settings cannot be read. */
export const FALLBACK_LOCALE: Locale = 'hy'

/** The owing rule: every module's checks together. */
export interface OwingRules {
  /** Who of these clients owes, and why. */
  reasons(clientIds: string[], ctx: OwingContext): Promise<Map<string, OwingReason[]>>
  /**
   * The rule as one SQL condition on `clientId` when every check has an SQL form (`false` with no
   * check: nobody owes); null when some check exists only in code (ask `reasons` instead).
   */
  sql(clientId: SQL, ctx: Omit<OwingContext, 'db'>): SQL | null
}

/** The owing rule of these checks. */
export function owingRules(checksOf: () => readonly OwingCheckDef[]): OwingRules {
  return {
    async reasons(clientIds, ctx) {
      const out = new Map<string, OwingReason[]>()
      if (!clientIds.length) return out
      for (const { check } of checksOf()) {
        for (const [clientId, reasons] of await check(clientIds, ctx)) {
          if (reasons.length) out.set(clientId, [...(out.get(clientId) ?? []), ...reasons])
        }
      }
      return out
    },
    sql(clientId, ctx) {
      const checks = checksOf()
      const withSql = checks.flatMap((c) => (c.sql ? [c.sql] : []))
      if (withSql.length < checks.length) return null
      if (!withSql.length) return sql`false`
      return or(...withSql.map((f) => sql`(${f(clientId, ctx)})`)) ?? sql`false`
    },
  }
}

/** Throws when two modules declare one name (a module, a policy verb, an alert kind, a live entity type). */
function refuseDuplicates(namesOf: Record<string, readonly string[]>): void {
  for (const [what, names] of Object.entries(namesOf)) {
    const seen = new Set<string>()
    for (const name of names) {
      if (seen.has(name)) throw new Error(`${what} "${name}" is declared by two modules`)
      seen.add(name)
    }
  }
}

/** Reads the modules' manifests, in order, and refuses duplicates (two modules claiming one name). */
export function buildRegistry(modules: readonly Module[]): Registry {
  refuseDuplicates({
    module: modules.map((m) => m.name),
    policy: modules.flatMap((m) => (m.policies ?? []).map((p) => p.verb)),
    'alert kind': modules.flatMap((m) => (m.alertKinds ?? []).map((k) => k.kind)),
    'live entity': modules.flatMap((m) => Object.keys(m.liveEntities ?? {})),
    job: modules.flatMap((m) => (m.jobs ?? []).map((j) => j.name)),
  })
  const hookHandlers = new Map<HookName, Array<(input: never) => Promise<void>>>()
  for (const m of modules) {
    for (const [name, handler] of Object.entries(m.hooks ?? {})) {
      hookHandlers.set(name as HookName, [...(hookHandlers.get(name as HookName) ?? []), handler])
    }
  }
  const hooks: Hooks = {
    async run<H extends HookName>(name: H, input: HookMap[H]) {
      for (const handler of hookHandlers.get(name) ?? []) await handler(input as never)
    },
  }
  // what no module declares yet (server/boot/interim-live-entities.ts); a module's own declaration wins
  const liveEntities: Record<string, LiveEntity> = { ...INTERIM_LIVE_ENTITIES }
  for (const m of modules) Object.assign(liveEntities, m.liveEntities)
  const owingChecks = modules.flatMap((m) => m.owingChecks ?? [])
  return {
    routes: modules.flatMap((m) => m.routes ?? []),
    siteRoutes: modules.flatMap((m) => m.siteRoutes ?? []),
    publicRoutes: new Set(modules.flatMap((m) => m.publicRoutes ?? [])),
    uploadRoutes: modules.flatMap((m) => m.uploadRoutes ?? []),
    docTypes: new DocTypes(modules.flatMap((m) => m.docTypes ?? [])),
    owing: owingRules(() => owingChecks),
    hooks,
    liveEntities,
    seedSteps: modules.flatMap((m) => (m.seed ? [m.seed] : [])),
    jobs: modules.flatMap((m) => m.jobs ?? []),
    liveParts: modules.flatMap((m) => m.liveParts ?? []),
    defaultLocale: modules.find((m) => m.defaultLocale)?.defaultLocale ?? (() => Promise.resolve(FALLBACK_LOCALE)),
    fallbackLocale: FALLBACK_LOCALE,
    auditAreas: modules.flatMap((m) => m.audit ?? []),
  }
}
