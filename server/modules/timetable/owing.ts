import { or, sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'

/**
 * The one place that decides whether a group member "owes": a member is owing when any check
 * below finds a reason — no pass with sessions left for the activity, an unpaid invoice, an
 * overdue textbook or kit loan. Passes, invoices and loans arrive with later areas; each adds
 * its check here with `registerOwingCheck`, and the timetable, the group list and the wall
 * dashboard all colour red from `owingReasons`.
 */
export interface OwingContext {
  db: Queryable
  /**
   * The activity of the lesson or group being looked at (passes are per activity); null when the
   * question is not about one activity (the client list's debt filter): does the client owe at all?
   */
  activityId: string | null
  /** The day it is looked at (YYYY-MM-DD). */
  on: string
}

/** Returns, per client id, the reasons that client owes (empty map when nobody does). */
export type OwingCheck = (clientIds: string[], ctx: OwingContext) => Promise<Map<string, string[]>>

/**
 * Optionally, the same check as an SQL condition on a client id (true when that client owes), so
 * a list can filter "owing" inside its query (keyset paging, CSV). It must agree with the check.
 */
export type OwingSql = (clientId: SQL, ctx: Omit<OwingContext, 'db'>) => SQL

const CHECKS: Array<{ name: string; check: OwingCheck; sql?: OwingSql }> = []

export function registerOwingCheck(name: string, check: OwingCheck, opts: { sql?: OwingSql } = {}): () => void {
  const entry = { name, check, sql: opts.sql }
  CHECKS.push(entry)
  return () => {
    const i = CHECKS.indexOf(entry)
    if (i >= 0) CHECKS.splice(i, 1)
  }
}

/** The checks in force (their names), for the UI's legend and for tests. */
export const owingChecks = () => CHECKS.map((c) => c.name)

/** Who of these clients owes, and why. */
export async function owingReasons(clientIds: string[], ctx: OwingContext): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (!clientIds.length) return out
  for (const { check } of CHECKS) {
    for (const [clientId, reasons] of await check(clientIds, ctx)) {
      if (reasons.length) out.set(clientId, [...(out.get(clientId) ?? []), ...reasons])
    }
  }
  return out
}

/**
 * The owing rule as one SQL condition on `clientId` when every check in force has an SQL form
 * (`false` while no check is registered: nobody owes); null when some check exists only in code,
 * and the caller must ask `owingReasons` instead.
 */
export function owingSql(clientId: SQL, ctx: Omit<OwingContext, 'db'>): SQL | null {
  if (CHECKS.some((c) => !c.sql)) return null
  if (!CHECKS.length) return sql`false`
  return or(...CHECKS.map((c) => sql`(${c.sql!(clientId, ctx)})`))!
}
