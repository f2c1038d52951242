import { sql } from 'drizzle-orm'
import { queryRows, type Queryable, type Tx } from '../../../../db/client'
import type { CommandEvent } from '../../../contracts/hooks'
import { ConflictError, type MessageRef } from '../../../errors'
import { clearAlert, raiseAlert } from '../../alerts/index'
import { passAlerts } from '../alert-kinds'
import { reviewPassAlerts } from '../pass-alerts'

/**
 * Writing sessions off passes: the ledger `pass_visits` and the counter `passes.sessions_used`,
 * always together, under the pass row's lock (`select … for update`), so two write-offs racing
 * for a pass's last session never take it below zero (the loser re-checks, takes the next pass
 * or is owed; the check constraint `sessions_used <= sessions_total` is the last guard).
 * The ledger is insert-only: giving a session back is a row with sign −1 pointing at the one it
 * reverses.
 */

export type VisitSource = 'lesson' | 'absence' | 'check_in' | 'make_up'

/** A pass as the write-off sees it (locked). */
export interface PassRow {
  id: string
  client_id: string
  branch_id: string
  activity_ids: string[]
  sessions_total: number | null
  sessions_used: number
  starts_on: string
  valid_until: string
  ended: boolean
  burns_unexcused: boolean
  /** Frozen on the day asked about. */
  frozen: boolean
}

const PASS_COLUMNS = (on: string) => sql`p.id, p.client_id, p.branch_id, p.activity_ids, p.sessions_total, p.sessions_used,
  to_char(p.starts_on, 'YYYY-MM-DD') as starts_on, to_char(p.valid_until, 'YYYY-MM-DD') as valid_until,
  p.ended_at is not null as ended, p.burns_unexcused,
  exists (select 1 from pass_freezes f where f.pass_id = p.id and f.undone_at is null and f.from_on <= ${on}::date
    and ${on}::date < coalesce(f.resumed_on, f.from_on + f.days)) as frozen`

/** Why a pass cannot take a session off on that day for that activity (null: it can). */
export function unusableReason(p: PassRow, activityId: string | null, on: string): MessageRef | null {
  if (p.ended) return 'errors.visits.passEnded'
  if (activityId && !p.activity_ids.includes(activityId)) return 'errors.visits.passOtherActivity'
  if (on < p.starts_on) return 'errors.visits.passNotStarted'
  if (on > p.valid_until) return 'errors.visits.passExpired'
  if (p.frozen) return 'errors.visits.passFrozen'
  if (p.sessions_total !== null && p.sessions_used >= p.sessions_total) return 'errors.visits.passUsedUp'
  return null
}

/** One pass, locked for the rest of the transaction (null when there is none). */
export async function lockPass(tx: Queryable, passId: string, on: string): Promise<PassRow | null> {
  const [row] = await queryRows<PassRow>(
    tx,
    sql`select ${PASS_COLUMNS(on)} from passes p where p.id = ${passId}::uuid for update`,
  )
  return row ?? null
}

/**
 * The automatic choice: among the client's passes that cover the activity, are valid on the day,
 * not ended, not frozen then and have sessions left (or are unlimited), the one expiring first
 * (then the oldest). Each candidate is locked and re-checked; one emptied meanwhile by another
 * transaction is passed over for the next. Returns the locked pass, or null (the visit is owed).
 */
export async function choosePass(tx: Queryable, clientId: string, activityId: string, on: string): Promise<PassRow | null> {
  // every candidate locked in one statement (in id order, as everything else locks passes), then
  // re-checked as it is now (a row emptied meanwhile by another transaction is read after its
  // commit: PostgreSQL re-reads a locked row) and the earliest expiring usable one taken
  const candidates = await queryRows<PassRow & { created_at: string }>(
    tx,
    sql`select ${PASS_COLUMNS(on)}, p.created_at::text as created_at from passes p
        where p.client_id = ${clientId}::uuid and p.ended_at is null and p.activity_ids @> array[${activityId}::uuid]
          and p.starts_on <= ${on}::date and p.valid_until >= ${on}::date
          and (p.sessions_total is null or p.sessions_used < p.sessions_total)
        order by p.id
        for update of p`,
  )
  const usable = candidates.filter((p) => !unusableReason(p, activityId, on))
  usable.sort((a, b) =>
    a.valid_until !== b.valid_until
      ? a.valid_until < b.valid_until
        ? -1
        : 1
      : a.created_at !== b.created_at
        ? a.created_at < b.created_at
          ? -1
          : 1
        : a.id < b.id
          ? -1
          : 1,
  )
  return usable[0] ?? null
}

export interface WriteOffInput {
  clientId: string
  branchId: string | null
  activityId: string | null
  /** The day of the visit (the lesson's, in its branch's time zone). */
  on: string
  source: VisitSource
  lessonId?: string | null
  completionId?: number | null
  makeUpCreditId?: number | null
  by: string
}

export interface WrittenVisit {
  id: number
  passId: string | null
  owed: boolean
}

/** Inserts a ledger row and, on a pass, counts it (the caller holds the pass's lock). */
async function insertVisit(
  tx: Queryable,
  input: WriteOffInput,
  pass: { id: string } | null,
  extra: { chosen?: boolean; sign?: 1 | -1; reversalOf?: number | null; owed?: boolean } = {},
): Promise<number> {
  const owed = extra.owed ?? !pass
  const sign = extra.sign ?? 1
  // the row and its count in one statement
  const [row] = await queryRows<{ id: string | number }>(
    tx,
    sql`with v as (insert into pass_visits (client_id, branch_id, pass_id, owed, source, lesson_id, activity_id, completion_id,
          make_up_credit_id, chosen, sign, reversal_of, "on", by)
        values (${input.clientId}::uuid, ${input.branchId}::uuid, ${pass?.id ?? null}::uuid, ${owed}, ${input.source},
          ${input.lessonId ?? null}, ${input.activityId}::uuid, ${input.completionId ?? null}, ${input.makeUpCreditId ?? null},
          ${extra.chosen ?? false}, ${sign}, ${extra.reversalOf ?? null}, ${input.on}::date, ${input.by}::uuid)
        returning id),
      u as (update passes set sessions_used = sessions_used + ${sign} where ${pass !== null} and id = ${pass?.id ?? null}::uuid returning id)
      select v.id, (select count(*) from u) as counted from v`,
  )
  return Number(row.id)
}

/**
 * Writes one session off: the pass given (`passId`, a choice by hand: it must be usable, else 409
 * naming `passId`), else the automatic choice, else an owed visit (no pass, `visit_owed` raised
 * for the client). Flags of the pass are reviewed in the same transaction. Returns the visit and
 * the events to publish after commit.
 */
export async function writeOff(
  tx: Tx,
  input: WriteOffInput & { passId?: string | null },
): Promise<{ visit: WrittenVisit; events: CommandEvent[] }> {
  let pass: PassRow | null = null
  if (input.passId) {
    pass = await lockPass(tx, input.passId, input.on)
    if (!pass || pass.client_id !== input.clientId)
      throw ConflictError('errors.visits.passNotUsable', { passId: 'errors.visits.passOfAnotherClient' })
    const why = unusableReason(pass, input.activityId, input.on)
    if (why) throw ConflictError('errors.visits.passNotUsable', { passId: why })
  } else if (input.activityId) {
    pass = await choosePass(tx, input.clientId, input.activityId, input.on)
  }
  const id = await insertVisit(tx, input, pass, { chosen: Boolean(input.passId) })
  const events: CommandEvent[] = []
  const action = input.source === 'check_in' || input.source === 'make_up' ? 'checked_in' : 'written_off'
  if (pass) {
    events.push(...(await reviewPassAlerts(tx, [pass.id], input.by)))
    events.push(passChanged(pass.id, 'written_off', pass.branch_id))
    events.push(visitChanged(id, action, input.branchId))
  } else {
    events.push(...(await reviewOwedAlert(tx, input.clientId, input.by)))
    events.push(visitChanged(id, 'owed', input.branchId))
  }
  return { visit: { id, passId: pass?.id ?? null, owed: !pass }, events }
}

/**
 * An unexcused absence: a session is written off the pass the automatic choice would take, when
 * that pass's plan says an absence burns one (`burns_unexcused`); otherwise, or without a usable
 * pass, nothing is written (an absence is never owed). Returns null when nothing was written.
 */
export async function burnAbsence(
  tx: Tx,
  input: Omit<WriteOffInput, 'source'> & { activityId: string },
): Promise<{ visit: WrittenVisit; events: CommandEvent[] } | null> {
  const pass = await choosePass(tx, input.clientId, input.activityId, input.on)
  if (!pass?.burns_unexcused) return null
  const id = await insertVisit(tx, { ...input, source: 'absence' }, pass)
  const events: CommandEvent[] = [
    ...(await reviewPassAlerts(tx, [pass.id], input.by)),
    passChanged(pass.id, 'written_off', pass.branch_id),
    visitChanged(id, 'written_off', input.branchId),
  ]
  return { visit: { id, passId: pass.id, owed: false }, events }
}

/** A ledger row as read back for reversing it. */
export interface VisitRow {
  id: number
  client_id: string
  branch_id: string | null
  pass_id: string | null
  owed: boolean
  source: VisitSource
  lesson_id: string | null
  activity_id: string | null
  completion_id: number | null
  make_up_credit_id: number | null
  on: string
}

const VISIT_COLUMNS = sql`v.id::int8 as id, v.client_id, v.branch_id, v.pass_id, v.owed, v.source, v.lesson_id, v.activity_id,
  v.completion_id, v.make_up_credit_id, to_char(v."on", 'YYYY-MM-DD') as "on"`

/** The rows still standing (sign +1, not reversed) that match a condition on `v`. */
export async function standingVisits(tx: Queryable, where: ReturnType<typeof sql>): Promise<VisitRow[]> {
  const rows = await queryRows<VisitRow>(
    tx,
    sql`select ${VISIT_COLUMNS} from pass_visits v
        where v.sign = 1 and not exists (select 1 from pass_visits r where r.reversal_of = v.id) and ${where}
        order by v.id`,
  )
  return rows.map((r) => ({ ...r, id: Number(r.id), completion_id: r.completion_id === null ? null : Number(r.completion_id) }))
}

/**
 * Reverses standing rows (a lesson's "done" undone): a row with sign −1 pointing back at each, the
 * sessions given back to their passes (each pass locked, in id order), flags re-reviewed. Returns
 * the events to publish.
 */
export async function reverseVisits(tx: Tx, rows: VisitRow[], by: string): Promise<CommandEvent[]> {
  const events: CommandEvent[] = []
  const passIds = [...new Set(rows.flatMap((r) => (r.pass_id ? [r.pass_id] : [])))].sort()
  const branches = new Map<string, string>()
  for (const id of passIds) {
    const p = await lockPass(tx, id, '1970-01-01')
    if (p) branches.set(id, p.branch_id)
  }
  for (const r of rows) {
    await insertVisit(
      tx,
      {
        clientId: r.client_id,
        branchId: r.branch_id,
        activityId: r.activity_id,
        on: r.on,
        source: r.source,
        lessonId: r.lesson_id,
        completionId: r.completion_id,
        makeUpCreditId: r.make_up_credit_id,
        by,
      },
      r.pass_id ? { id: r.pass_id } : null,
      { sign: -1, reversalOf: r.id, owed: r.owed },
    )
  }
  events.push(...(await reviewPassAlerts(tx, passIds, by)))
  for (const id of passIds) events.push(passChanged(id, 'given_back', branches.get(id) ?? null))
  const owedClients = [...new Set(rows.filter((r) => r.owed).map((r) => r.client_id))]
  for (const c of owedClients) events.push(...(await reviewOwedAlert(tx, c, by)))
  return events
}

/** How many visits a client owes now (owed rows still standing), and the branch of the latest. */
export async function owedCount(db: Queryable, clientId: string): Promise<{ count: number; branchId: string | null }> {
  const [row] = await queryRows<{ n: number | string; branch: string | null }>(
    db,
    sql`select count(*) as n, (array_agg(v.branch_id order by v.id desc))[1] as branch from pass_visits v
        where v.client_id = ${clientId}::uuid and v.owed and v.sign = 1
          and not exists (select 1 from pass_visits r where r.reversal_of = v.id)`,
  )
  return { count: Number(row?.n ?? 0), branchId: row?.branch ?? null }
}

/** Raises `visit_owed` for a client while they owe a visit, clears it when they owe none. */
export async function reviewOwedAlert(tx: Queryable, clientId: string, by: string | null): Promise<CommandEvent[]> {
  const { count, branchId } = await owedCount(tx, clientId)
  const subject = `client:${clientId}`
  if (!count) {
    const e = await clearAlert(tx, passAlerts.visit_owed.kind, subject, by)
    return e ? [e] : []
  }
  const [c] = await queryRows<{ name: string }>(
    tx,
    sql`select trim(first_name || ' ' || last_name) as name from clients where id = ${clientId}::uuid`,
  )
  const e = await raiseAlert(tx, {
    kind: passAlerts.visit_owed,
    subject,
    message: { id: 'visits.alert.owed', params: { client: c?.name || '—', count } },
    details: { clientId, owed: count },
    branchId,
    by,
  })
  return e ? [e] : []
}

/**
 * Writes the client's owed visits of the pass's activities within its dates off a pass just sold
 * (oldest first, while sessions last): each owed row is reversed (sign −1) and the same visit
 * written on the pass. Clears `visit_owed` when none is left. Runs in the sale's transaction.
 */
export async function settleOwedVisits(
  tx: Tx,
  pass: { id: string; clientId: string; activityIds: string[]; startsOn: string; validUntil: string },
  by: string,
): Promise<{ settled: number; events: CommandEvent[] }> {
  const owed = await standingVisits(
    tx,
    sql`v.client_id = ${pass.clientId}::uuid and v.owed and v.activity_id = any(${uuidArray(pass.activityIds)})
      and v."on" between ${pass.startsOn}::date and ${pass.validUntil}::date`,
  )
  if (!owed.length) return { settled: 0, events: [] }
  const events: CommandEvent[] = []
  let settled = 0
  for (const v of owed) {
    const locked = await lockPass(tx, pass.id, v.on)
    if (!locked || unusableReason(locked, v.activity_id, v.on)) continue
    const input: WriteOffInput = {
      clientId: v.client_id,
      branchId: v.branch_id,
      activityId: v.activity_id,
      on: v.on,
      source: v.source,
      lessonId: v.lesson_id,
      completionId: v.completion_id,
      makeUpCreditId: v.make_up_credit_id,
      by,
    }
    await insertVisit(tx, input, null, { sign: -1, reversalOf: v.id, owed: true })
    const id = await insertVisit(tx, input, { id: pass.id })
    events.push(visitChanged(id, 'written_off', v.branch_id))
    settled += 1
  }
  if (settled) {
    const locked = await lockPass(tx, pass.id, pass.startsOn)
    events.push(...(await reviewPassAlerts(tx, [pass.id], by)))
    events.push(passChanged(pass.id, 'written_off', locked?.branch_id ?? null))
  }
  events.push(...(await reviewOwedAlert(tx, pass.clientId, by)))
  return { settled, events }
}

/** `array[…]::uuid[]` of ids, each a parameter. */
export const uuidArray = (ids: string[]) =>
  ids.length
    ? sql`array[${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}]`
    : sql`array[]::uuid[]`

export const passChanged = (id: string, action: string, branchId: string | null): CommandEvent => ({
  name: 'entity.changed',
  payload: { type: 'pass', id, action, branchId },
})

export const visitChanged = (id: number, action: string, branchId: string | null): CommandEvent => ({
  name: 'entity.changed',
  payload: { type: 'visit', id: String(id), action, branchId },
})
