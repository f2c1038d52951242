import { or, sql, type SQL } from 'drizzle-orm'
import type { AlertKind } from '../contracts/alerts'
import type { HookMap, HookName, Hooks } from '../contracts/hooks'
import type { OwingCheckDef, OwingContext } from '../contracts/owing'
import type { SeedStep } from '../contracts/seed'
import type { ApiRoutes, LiveEntity, Module } from '../modules/module'
import type { Policy } from '../policies/policy'
import { DocTypes } from '../realtime/collab/doc-registry'
import { INTERIM_LIVE_ENTITIES } from './interim-live-entities'

/**
 * Everything the modules declare, put together once at boot. The app, the document hub and the
 * socket server get what they need from here (handed to them, never imported from a module).
 */
export interface Registry {
  modules: readonly Module[]
  routes: readonly ApiRoutes[]
  siteRoutes: NonNullable<Module['siteRoutes']>
  publicRoutes: ReadonlySet<string>
  uploadRoutes: readonly RegExp[]
  policies: readonly Policy<never>[]
  docTypes: DocTypes
  alertKinds: ReadonlyMap<string, AlertKind>
  owing: OwingRules
  hooks: Hooks
  liveEntities: Readonly<Record<string, LiveEntity>>
  seedSteps: readonly SeedStep[]
}

/** The owing rule: every module's checks together. */
export interface OwingRules {
  /** The checks in force (their names), for the UI's legend and for tests. */
  names(): string[]
  /** Who of these clients owes, and why. */
  reasons(clientIds: string[], ctx: OwingContext): Promise<Map<string, string[]>>
  /**
   * The rule as one SQL condition on `clientId` when every check has an SQL form (`false` with no
   * check: nobody owes); null when some check exists only in code (ask `reasons` instead).
   */
  sql(clientId: SQL, ctx: Omit<OwingContext, 'db'>): SQL | null
}

/** The owing rule of these checks (a function: read when asked, so a module's list is read as it stands). */
export function owingRules(checksOf: () => readonly OwingCheckDef[]): OwingRules {
  return {
    names: () => checksOf().map((c) => c.name),
    async reasons(clientIds, ctx) {
      const out = new Map<string, string[]>()
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

/** Reads the modules' manifests, in order, and refuses duplicates (two modules claiming one name). */
export function buildRegistry(modules: readonly Module[]): Registry {
  const names = new Set<string>()
  const once = (what: string, name: string) => {
    const key = `${what}:${name}`
    if (names.has(key)) throw new Error(`${what} "${name}" is declared by two modules`)
    names.add(key)
  }
  const policies: Policy<never>[] = []
  const alertKinds = new Map<string, AlertKind>()
  const liveEntities: Record<string, LiveEntity> = {}
  const hookHandlers = new Map<HookName, Array<(input: never) => Promise<void>>>()
  for (const m of modules) {
    once('module', m.name)
    for (const p of m.policies ?? []) {
      once('policy', p.verb)
      policies.push(p)
    }
    for (const k of m.alertKinds ?? []) {
      once('alert kind', k.kind)
      alertKinds.set(k.kind, k)
    }
    for (const [type, entity] of Object.entries(m.liveEntities ?? {})) {
      once('live entity', type)
      liveEntities[type] = entity
    }
    for (const [name, handler] of Object.entries(m.hooks ?? {})) {
      const list = hookHandlers.get(name as HookName) ?? []
      list.push(handler)
      hookHandlers.set(name as HookName, list)
    }
  }
  const hooks: Hooks = {
    async run<H extends HookName>(name: H, input: HookMap[H]) {
      for (const handler of hookHandlers.get(name) ?? []) await handler(input as never)
    },
  }
  // what no module declares yet (server/boot/interim-live-entities.ts); a module's own parts win
  for (const [type, interim] of Object.entries(INTERIM_LIVE_ENTITIES)) liveEntities[type] = { ...interim, ...liveEntities[type] }
  return {
    modules,
    routes: modules.flatMap((m) => m.routes ?? []),
    siteRoutes: modules.flatMap((m) => m.siteRoutes ?? []),
    publicRoutes: new Set(modules.flatMap((m) => m.publicRoutes ?? [])),
    uploadRoutes: modules.flatMap((m) => m.uploadRoutes ?? []),
    policies,
    docTypes: new DocTypes(modules.flatMap((m) => m.docTypes ?? [])),
    alertKinds,
    owing: owingRules(() => modules.flatMap((m) => m.owingChecks ?? [])),
    hooks,
    liveEntities,
    seedSteps: modules.flatMap((m) => (m.seed ? [m.seed] : [])),
  }
}
