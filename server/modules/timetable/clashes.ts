import { or, sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../db/client'
import { lessons } from '../../../db/schema/index'
import { findClashes, type Clash, type ClashInput, type ClashKind } from '../../../domain/timetable/rules'
import { applyAlerts, type AlertEvent, type AlertMessage, type RaiseInput } from '../alerts'
import { clashAlertMessage, timetableAlerts } from './alert-kinds'
import type { TimetableContext } from './context'

/**
 * Clashes: double-booked rooms and teachers, groups over capacity. Each lesson stores its clash
 * kinds, and one alert per lesson and kind is open while it clashes. The projection (projection.ts)
 * re-checks around what it changed; the group commands after a membership change.
 */

const CLASH_KINDS: ClashKind[] = ['room_clash', 'teacher_clash', 'over_capacity']
/** A valid lesson lasts at most 12 hours (rules.ts): how far a clash reaches from a lesson's own time. */
const MAX_LESSON_MS = 12 * 3_600_000

/** The projections' lock (re-entrant within a transaction: PostgreSQL stacks advisory locks per session). */
export async function lockProjections(tx: Tx) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('timetable-projection', 0))`)
}

/** A list of ids as one JSON parameter (`jsonb_array_elements_text`), whatever its length. */
export const jsonList = (values: Iterable<string>) => JSON.stringify([...values])

export interface Interval {
  start: Date
  end: Date
}

/** A clash with where and when its lesson is, and its message (kind + parameters, as its alert has it). */
export type LocatedClash = Clash & { branchId: string; startsAt: Date; alert: AlertMessage }

export interface StoredLesson extends ClashInput {
  deleted: boolean
  clashes: string[]
}

/** Does a lesson overlap [from, to] (times in ms; touching counts)? */
const overlaps = (l: Pick<ClashInput, 'startsAt' | 'endsAt'>, from: number, to: number) =>
  l.startsAt !== null && l.endsAt !== null && l.startsAt.getTime() <= to && l.endsAt.getTime() >= from

/**
 * Re-checks clashes, stores each lesson's clash kinds and raises or clears one alert per lesson and
 * kind (and refreshes the message of an open one when it changed) — all in a few statements.
 *
 * Which lessons are re-checked: without `around`, every live lesson overlapping [from, to] (all
 * branches: a teacher may work in two); with `around`, only the lessons overlapping one of those
 * intervals (where lessons were, and are now) — nothing else can have gained or lost a clash. Plus
 * `ids` in both cases (lessons that changed or left the projection: a deleted lesson loses its
 * clashes and alerts). What they are checked against: everything that can overlap them.
 *
 * With `keys` (the rooms and teachers the changed lessons had or have), only lessons of those rooms
 * and teachers are read, and a lesson that did not change is re-checked only for what can have
 * changed: its room clash when its room is one of them, its teacher clash when its teacher is.
 */
export async function refreshClashes(
  tx: Tx,
  from: Date,
  to: Date,
  ctx: TimetableContext,
  by: string | null,
  opts: {
    around?: Interval[]
    ids?: Iterable<string>
    keys?: { rooms: Set<string>; teachers: Set<string> }
    held?: { docs: string[]; rows: StoredLesson[] }
    locked?: boolean
  } = {},
): Promise<{ events: AlertEvent[]; changed: string[]; clashes: LocatedClash[] }> {
  const ids = new Set(opts.ids ?? [])
  const around = opts.around
  if (around && around.length === 0 && ids.size === 0) return { events: [], changed: [], clashes: [] }
  if (!opts.locked) await lockProjections(tx)
  let lo = from.getTime()
  let hi = to.getTime()
  if (around) {
    lo = Infinity
    hi = -Infinity
    for (const i of around) {
      lo = Math.min(lo, i.start.getTime())
      hi = Math.max(hi, i.end.getTime())
    }
  }
  // the caller may hold some documents' lessons as they now are in `lessons`: the rest is read
  const held = opts.held?.rows ?? []
  const heldIds = new Set(held.map((r) => r.id))
  const notHeld = opts.held?.docs.length
    ? sql` and ${lessons.doc} not in (select jsonb_array_elements_text(${jsonList(opts.held.docs)}::jsonb))`
    : sql``
  const keys = around ? opts.keys : undefined
  const ofKeys = keys
    ? sql` and (${lessons.roomId} in (select (jsonb_array_elements_text(${jsonList(keys.rooms)}::jsonb))::uuid) or ${lessons.teacherId} in (select (jsonb_array_elements_text(${jsonList(keys.teachers)}::jsonb))::uuid))`
    : sql``
  const windowSql =
    lo <= hi
      ? sql`(${lessons.deleted} = false and ${lessons.startsAt} <= ${new Date(hi + MAX_LESSON_MS).toISOString()} and ${lessons.endsAt} >= ${new Date(lo - MAX_LESSON_MS).toISOString()}${notHeld}${ofKeys})`
      : sql`false`
  const askIds = [...ids].filter((id) => !heldIds.has(id))
  // around changes: with each lesson that has clashes, its open clash alerts (an open alert always
  // has its kind in `clashes`); a whole range: every open clash alert, read once below (heals drift)
  // (qualified by hand: drizzle leaves a single table's columns unqualified, and inside the subquery "id" would be the alert's)
  const openSql = around
    ? sql<
        Array<[ClashKind, string]> | string | null
      >`case when "lessons"."clashes" <> '[]'::jsonb then (select json_agg(json_build_array(a.kind, a.message)) from alerts a
    where a.subject = 'lesson:' || "lessons"."id" and a.cleared_at is null and a.kind in ('room_clash', 'teacher_clash', 'over_capacity')) end`
    : sql<null>`null`
  const read: Array<StoredLesson & { open: Array<[ClashKind, string]> | string | null }> = await tx
    .select({
      id: lessons.id,
      branchId: lessons.branchId,
      roomId: lessons.roomId,
      startsAt: lessons.startsAt,
      endsAt: lessons.endsAt,
      activityId: lessons.activityId,
      groupId: lessons.groupId,
      teacherId: lessons.teacherId,
      status: lessons.status,
      valid: lessons.valid,
      deleted: lessons.deleted,
      clashes: lessons.clashes,
      open: openSql,
    })
    .from(lessons)
    .where(
      askIds.length
        ? or(windowSql, sql`${lessons.id} in (select jsonb_array_elements_text(${jsonList(askIds)}::jsonb))`)
        : windowSql,
    )
  const list = held.length ? [...held, ...read.filter((r) => !heldIds.has(r.id))] : read

  // the lessons whose clashes may have changed
  const affected = new Set<string>()
  const spans = around
    ? around.map((i) => [i.start.getTime(), i.end.getTime()] as const)
    : [[from.getTime(), to.getTime()] as const]
  for (const r of list) {
    if (ids.has(r.id)) affected.add(r.id)
    else if (!r.deleted && spans.some(([a, b]) => overlaps(r, a, b))) affected.add(r.id)
  }
  const byId = new Map(list.map((r) => [r.id, r]))
  /** Is this kind of this lesson's clashes re-checked (else it stays as stored)? */
  const checks = (r: StoredLesson, kind: ClashKind) =>
    !keys ||
    ids.has(r.id) ||
    (kind === 'room_clash'
      ? r.roomId !== null && keys.rooms.has(r.roomId)
      : kind === 'teacher_clash'
        ? r.teacherId !== null && keys.teachers.has(r.teacherId)
        : false)
  const clashes = findClashes(
    list.filter((r) => !r.deleted),
    ctx.rooms,
    ctx.groups,
    ctx.activities,
    ctx,
    (id, kind) => {
      const r = affected.has(id) ? byId.get(id) : undefined
      return r !== undefined && checks(r, kind)
    },
  )
  const byLesson = new Map<string, Map<ClashKind, Clash>>()
  for (const c of clashes) {
    const m = byLesson.get(c.lessonId) ?? new Map<ClashKind, Clash>()
    m.set(c.kind, c)
    byLesson.set(c.lessonId, m)
  }

  // the clash columns that change: one UPDATE
  const changed: Array<{ id: string; clashes: string[] }> = []
  const look: StoredLesson[] = []
  for (const r of list) {
    if (!affected.has(r.id)) continue
    const kinds = byLesson.get(r.id)
    const before = r.clashes ?? []
    const next = [...(kinds?.keys() ?? []), ...(before as ClashKind[]).filter((k) => !checks(r, k))].sort()
    if (next.length !== before.length || next.some((k, i) => k !== before[i])) changed.push({ id: r.id, clashes: next })
    if (!around || next.length || before.length) look.push(r)
  }
  if (changed.length) {
    await tx.execute(
      sql`update lessons l set clashes = v.clashes from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) as v(id text, clashes jsonb) where l.id = v.id`,
    )
  }

  // alerts: the open ones (with the rows read, or all open clash alerts for a range), then one
  // statement opens the new, refreshes changed messages and clears the resolved
  const openMessage = new Map<string, string>()
  if (around) {
    for (const r of read) {
      const open = typeof r.open === 'string' ? (JSON.parse(r.open) as Array<[ClashKind, string]>) : r.open
      for (const [kind, message] of open ?? []) openMessage.set(`${kind}|lesson:${r.id}`, message)
    }
  } else if (look.length) {
    const open = await queryRows<{ kind: ClashKind; subject: string; message: string }>(
      tx,
      sql`select kind, subject, message from alerts where cleared_at is null and kind in ('room_clash', 'teacher_clash', 'over_capacity') and subject like 'lesson:%'`,
    )
    for (const a of open) openMessage.set(`${a.kind}|${a.subject}`, a.message)
  }
  const raise: RaiseInput[] = []
  const clear: Array<{ kind: ClashKind; subject: string }> = []
  for (const r of look) {
    const kinds = byLesson.get(r.id)
    const subject = `lesson:${r.id}`
    for (const kind of CLASH_KINDS) {
      if (!checks(r, kind)) continue
      const clash = kinds?.get(kind)
      const current = openMessage.get(`${kind}|${subject}`)
      // (the English text tells whether an open alert's message changed)
      if (clash !== undefined && clash.message !== current)
        raise.push({
          kind: timetableAlerts[kind],
          subject,
          message: clashAlertMessage(clash, byId, ctx),
          text: clash.message,
          details: { lessonId: r.id },
          branchId: r.branchId,
          by,
        })
      else if (clash === undefined && current !== undefined) clear.push({ kind, subject })
    }
  }
  const events = await applyAlerts(tx, raise, clear, by)
  return {
    events,
    changed: changed.map((c) => c.id),
    clashes: clashes.flatMap((c) => {
      const l = byId.get(c.lessonId)
      return l?.startsAt ? [{ ...c, branchId: l.branchId, startsAt: l.startsAt, alert: clashAlertMessage(c, byId, ctx) }] : []
    }),
  }
}
