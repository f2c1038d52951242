import { sql } from 'drizzle-orm'
import { queryRows, type Queryable, type Tx } from '../../../db/client'
import { addDays, localDateTime } from '../../../domain/docs/timetable-week'
import { applyAlerts, type AlertEvent, type RaiseInput } from '../alerts/index'
import { passAlerts } from './alert-kinds'

/** What a pass's flag is as it stands now (at most one of the three at a time). */
export type PassFlag = 'pass_running_out' | 'pass_used_up' | 'pass_expired' | null

export interface PassSettingsRow {
  runningOutSessions: number
  runningOutDays: number
}

/** The facts of a pass its flag is decided from. */
export interface PassFacts {
  sessionsTotal: number | null
  sessionsUsed: number
  validUntil: string
  ended: boolean
  /** Another usable pass of the client covers its activities (a renewal): its flags are cleared. */
  renewed: boolean
  /** The client has left the center: their passes raise nothing (the nightly review clears what is open). */
  clientLeft: boolean
}

/**
 * The one flag a pass carries on `today` (YYYY-MM-DD in its branch's time zone): none when ended,
 * renewed or its client has left the center; used up (no sessions left) before expired (past its
 * last valid day) before running out (sessions left at or below the setting, or expiring within
 * the setting's days).
 */
export function passFlag(p: PassFacts, settings: PassSettingsRow, today: string): PassFlag {
  if (p.ended || p.renewed || p.clientLeft) return null
  const left = p.sessionsTotal === null ? null : p.sessionsTotal - p.sessionsUsed
  if (left !== null && left <= 0) return 'pass_used_up'
  if (p.validUntil < today) return 'pass_expired'
  if (left !== null && left <= settings.runningOutSessions) return 'pass_running_out'
  if (p.validUntil < addDays(today, settings.runningOutDays)) return 'pass_running_out'
  return null
}

/** The area's settings row (the migration inserts it; defaults if someone deleted it). */
export async function passSettings(db: Queryable): Promise<PassSettingsRow> {
  const [row] = await queryRows<{ s: number; d: number }>(
    db,
    sql`select running_out_sessions as s, running_out_days as d from pass_settings where id = 1`,
  )
  return { runningOutSessions: row?.s ?? 2, runningOutDays: row?.d ?? 7 }
}

/** A branch's today (its time zone), memoised per call. */
export function todayIn(timeZone: string | null | undefined, now = new Date()): string {
  return localDateTime(timeZone || 'UTC', now).date
}

const FLAGS = ['pass_running_out', 'pass_used_up', 'pass_expired'] as const

/** A date as the catalogue's `{until, date, medium}` takes it: noon UTC of that day (the same day in every zone). */
export const dateParam = (day: string): number => Date.parse(`${day}T12:00:00Z`)

interface ReviewRow {
  id: string
  client_id: string
  branch_id: string
  tz: string | null
  plan: string
  client: string
  sessions_total: number | null
  sessions_used: number
  valid_until: string
  ended: boolean
  renewed: boolean
  client_left: boolean
}

/**
 * Raises or clears `pass_running_out`, `pass_used_up` and `pass_expired` for these passes as they
 * are now, in the caller's transaction (never two open for one cause: the engine's unique index);
 * an ended pass, one of a client who has left the center (reviewed when the status changes:
 * commands/client-status.ts), or one renewed by another usable pass of the client covering its
 * activities, has all three cleared. `today` (YYYY-MM-DD) overrides each branch's today (tests,
 * the daily job). Returns the events to publish after commit.
 */
export async function reviewPassAlerts(
  tx: Tx | Queryable,
  passIds: string[],
  by: string | null,
  today?: string,
): Promise<AlertEvent[]> {
  const ids = [...new Set(passIds)]
  if (!ids.length) return []
  const rows = await queryRows<ReviewRow & { s_sessions: number | null; s_days: number | null }>(
    tx,
    sql`select p.id, p.client_id, p.branch_id, b.timezone as tz, pl.name as plan,
          (select running_out_sessions from pass_settings where id = 1) as s_sessions,
          (select running_out_days from pass_settings where id = 1) as s_days,
          trim(c.first_name || ' ' || c.last_name) as client,
          p.sessions_total, p.sessions_used, to_char(p.valid_until, 'YYYY-MM-DD') as valid_until,
          p.ended_at is not null as ended,
          exists (select 1 from passes o where o.client_id = p.client_id and o.id <> p.id and o.ended_at is null
            and o.activity_ids @> p.activity_ids and o.valid_until >= coalesce(${today ?? null}::date, current_date)
            and o.valid_until > p.valid_until
            and (o.sessions_total is null or o.sessions_used < o.sessions_total)) as renewed,
          coalesce(c.status = 'left', false) as client_left
        from passes p
        join pass_plans pl on pl.id = p.plan_id
        left join clients c on c.id = p.client_id
        left join branches b on b.id = p.branch_id
        where p.id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  )
  const raise: RaiseInput[] = []
  const clear: Array<{ kind: string; subject: string }> = []
  const now = new Date()
  const settings: PassSettingsRow = { runningOutSessions: rows[0]?.s_sessions ?? 2, runningOutDays: rows[0]?.s_days ?? 7 }
  for (const r of rows) {
    const day = today ?? todayIn(r.tz, now)
    const flag = passFlag(
      {
        sessionsTotal: r.sessions_total,
        sessionsUsed: r.sessions_used,
        validUntil: r.valid_until,
        ended: r.ended,
        renewed: r.renewed,
        clientLeft: r.client_left,
      },
      settings,
      day,
    )
    const subject = `pass:${r.id}`
    for (const k of FLAGS) if (k !== flag) clear.push({ kind: k, subject })
    if (!flag) continue
    const left = r.sessions_total === null ? null : r.sessions_total - r.sessions_used
    const base = { client: r.client || '—', plan: r.plan, until: dateParam(r.valid_until) }
    const message =
      flag === 'pass_used_up'
        ? { id: 'visits.alert.usedUp' as const, params: base }
        : flag === 'pass_expired'
          ? { id: 'visits.alert.expired' as const, params: base }
          : left !== null && left <= settings.runningOutSessions
            ? { id: 'visits.alert.runningOutSessions' as const, params: { ...base, left } }
            : { id: 'visits.alert.runningOutDays' as const, params: base }
    raise.push({
      kind: passAlerts[flag],
      subject,
      message,
      details: { passId: r.id, clientId: r.client_id, sessionsLeft: left, validUntil: r.valid_until },
      branchId: r.branch_id,
      by,
    })
  }
  return applyAlerts(tx, raise, clear, by)
}

/**
 * The open pass flag of each pass (for colour: red for used up / expired, amber for running out).
 */
export async function openPassFlags(db: Queryable, passIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  if (!passIds.length) return out
  const rows = await queryRows<{ subject: string; kind: string }>(
    db,
    sql`select subject, kind from alerts where cleared_at is null
          and kind in ('pass_running_out', 'pass_used_up', 'pass_expired')
          and subject in (${sql.join(
            passIds.map((id) => sql`${'pass:' + id}`),
            sql`, `,
          )})`,
  )
  for (const r of rows) out.set(r.subject.slice(5), r.kind)
  return out
}
