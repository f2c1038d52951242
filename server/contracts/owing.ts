import type { SQL } from 'drizzle-orm'
import type { Queryable } from '../../db/client'
import type { MessageId } from '../../domain/i18n/catalogue'

/**
 * "Owing": what makes a group member's line red on the timetable, the group list and the wall.
 * A member owes when any check finds a reason: no pass with sessions left for the activity, an
 * unpaid invoice, an overdue textbook or kit loan. Each area that knows such a reason declares a
 * check in its manifest (`owingChecks`); the timetable asks them all through `OwingRules`.
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

/**
 * Why a client owes, as a catalogue message (its area's, in hy, ru and en) with its parameters
 * (amounts and names already as text), never a rendered text: the timetable, the group list and
 * the client list show it in each reader's language.
 * @example { id: 'passes.owing.noSessionsLeft', params: { activity: 'Chess' } }
 */
export interface OwingReason {
  id: MessageId
  params?: Record<string, string | number>
}

/** Returns, per client id, the reasons that client owes (empty map when nobody does). */
export type OwingCheck = (clientIds: string[], ctx: OwingContext) => Promise<Map<string, OwingReason[]>>

/**
 * Optionally, the same check as an SQL condition on a client id (true when that client owes), so
 * a list can filter "owing" inside its query (keyset paging, CSV). It must agree with the check.
 */
export type OwingSql = (clientId: SQL, ctx: Omit<OwingContext, 'db'>) => SQL

/** One owing check, as a manifest declares it. */
export interface OwingCheckDef {
  name: string
  check: OwingCheck
  sql?: OwingSql
}
