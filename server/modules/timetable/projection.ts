import { and, eq, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm'
import type * as Y from 'yjs'
import type { Db, Tx } from '../../../db/client'
import { alerts, lessons } from '../../../db/schema/index'
import { addDays, encodeTimetableDocName, mondayOf, readLessons } from '../../../db/ydocs/timetable-week'
import type { EventMap } from '../../events/bus'
import { clearAlert, raiseAlert, type AlertEvent } from '../alerts/engine'
import { loadTimetableContext, type TimetableContext } from './context'
import { findClashes, lessonRowFrom, type ClashKind, type LessonRow } from './rules'

const CLASH_KINDS: ClashKind[] = ['room_clash', 'teacher_clash', 'over_capacity']

/** The rows a week document projects to (pure). */
export function weekRows(branchId: string, week: string, docLessons: Map<string, Record<string, unknown>>, ctx: TimetableContext): LessonRow[] {
  const weekStart = mondayOf(week)
  const weekEnd = addDays(weekStart, 6)
  return [...docLessons].map(([id, raw]) => lessonRowFrom(id, raw, { branchId, weekStart, weekEnd, ...ctx }))
}

function toDbRow(r: LessonRow, doc: string) {
  return {
    id: r.id, branchId: r.branchId, doc, roomId: r.roomId, startsAt: r.startsAt, endsAt: r.endsAt, activityId: r.activityId, groupId: r.groupId,
    teacherId: r.teacherId, status: r.status, note: r.note, valid: r.valid, problems: r.problems, deleted: false, updatedAt: new Date(),
  }
}

/**
 * Re-checks clashes for every live lesson overlapping [from, to] (all branches: a teacher may work in
 * two), stores each lesson's clash kinds and raises or clears one alert per lesson and kind.
 */
export async function refreshClashes(tx: Tx, from: Date, to: Date, ctx: TimetableContext, by: string | null): Promise<{ events: AlertEvent[]; changed: string[] }> {
  const rows = await tx
    .select()
    .from(lessons)
    .where(and(eq(lessons.deleted, false), lte(lessons.startsAt, to), gte(lessons.endsAt, from)))
  const list: LessonRow[] = rows.map((r) => ({ ...r, problems: r.problems ?? [] }))
  const clashes = findClashes(list, ctx.rooms, ctx.groups, ctx.activities)
  const byLesson = new Map<string, Map<ClashKind, string>>()
  for (const c of clashes) {
    const m = byLesson.get(c.lessonId) ?? new Map()
    m.set(c.kind, c.message)
    byLesson.set(c.lessonId, m)
  }
  const events: AlertEvent[] = []
  const changed: string[] = []
  const ids = rows.map((r) => r.id)
  const openAlerts = ids.length
    ? await tx.select({ kind: alerts.kind, subject: alerts.subject }).from(alerts).where(and(isNull(alerts.clearedAt), inArray(alerts.kind, CLASH_KINDS), inArray(alerts.subject, ids.map((i) => `lesson:${i}`))))
    : []
  const open = new Set(openAlerts.map((a) => `${a.kind}|${a.subject}`))
  for (const r of rows) {
    const kinds = byLesson.get(r.id) ?? new Map<ClashKind, string>()
    const next = [...kinds.keys()].sort()
    if (JSON.stringify(next) !== JSON.stringify(r.clashes ?? [])) {
      await tx.update(lessons).set({ clashes: next }).where(eq(lessons.id, r.id))
      changed.push(r.id)
    }
    for (const kind of CLASH_KINDS) {
      const subject = `lesson:${r.id}`
      const message = kinds.get(kind)
      if (message && !open.has(`${kind}|${subject}`)) {
        const e = await raiseAlert(tx, { kind, subject, message, details: { lessonId: r.id }, branchId: r.branchId, by })
        if (e) events.push(e)
      } else if (!message && open.has(`${kind}|${subject}`)) {
        const e = await clearAlert(tx, kind, subject, by)
        if (e) events.push(e)
      }
    }
  }
  return { events, changed }
}

/**
 * Projects a week document into `lessons` (the changed lessons only, unless `all`), then re-checks
 * clashes around the week. Returns the events to publish.
 */
export async function projectWeek(db: Db, input: { branchId: string; week: string; doc: Y.Doc; changedKeys: Set<string>; actorId: string | null }) {
  const name = encodeTimetableDocName(input.branchId, input.week)
  const ctx = await loadTimetableContext(db)
  const docLessons = readLessons(input.doc)
  const changedIds = new Set<string>()
  let all = input.changedKeys.size === 0
  for (const k of input.changedKeys) {
    if (k === 'lessons') all = true
    else if (k.startsWith('lessons.')) changedIds.add(k.slice('lessons.'.length))
  }
  const rows = weekRows(input.branchId, input.week, all ? docLessons : new Map([...docLessons].filter(([id]) => changedIds.has(id))), ctx)
  const weekStart = new Date(mondayOf(input.week) + 'T00:00:00Z')
  const from = new Date(weekStart.getTime() - 86_400_000)
  const to = new Date(weekStart.getTime() + 8 * 86_400_000)
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('timetable-projection', 0))`)
    if (rows.length) {
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500).map((r) => toDbRow(r, name))
        await tx
          .insert(lessons)
          .values(chunk)
          .onConflictDoUpdate({
            target: lessons.id,
            set: {
              roomId: sql`excluded.room_id`, startsAt: sql`excluded.starts_at`, endsAt: sql`excluded.ends_at`, activityId: sql`excluded.activity_id`, groupId: sql`excluded.group_id`,
              teacherId: sql`excluded.teacher_id`, status: sql`excluded.status`, note: sql`excluded.note`, valid: sql`excluded.valid`, problems: sql`excluded.problems`, deleted: sql`false`,
              doc: sql`excluded.doc`, branchId: sql`excluded.branch_id`, updatedAt: sql`now()`,
            },
          })
      }
    }
    // lessons gone from the document
    const present = [...docLessons.keys()]
    const gone = all
      ? await tx.update(lessons).set({ deleted: true, updatedAt: sql`now()` }).where(and(eq(lessons.doc, name), eq(lessons.deleted, false), present.length ? sql`${lessons.id} not in ${present}` : sql`true`)).returning({ id: lessons.id })
      : [...changedIds].filter((id) => !docLessons.has(id)).length
        ? await tx.update(lessons).set({ deleted: true, updatedAt: sql`now()` }).where(and(inArray(lessons.id, [...changedIds].filter((id) => !docLessons.has(id))), ne(lessons.deleted, true))).returning({ id: lessons.id })
        : []
    const { events, changed } = await refreshClashes(tx, from, to, ctx, input.actorId)
    const touched = new Set([...rows.map((r) => r.id), ...gone.map((g) => g.id), ...changed])
    const entityEvents: Array<EventMap['entity.changed']> = [{ type: 'timetable', id: `${input.branchId}:${input.week}`, action: 'update', branchId: input.branchId }]
    if (touched.size <= 50) for (const id of touched) entityEvents.push({ type: 'lesson', id, action: 'update', branchId: input.branchId })
    return { alertEvents: events, entityEvents }
  })
}
