import { and, eq, or, sql } from 'drizzle-orm'
import type * as Y from 'yjs'
import type { Db, Tx } from '../../../db/client'
import { lessons } from '../../../db/schema/index'
import {
  addDays,
  encodeTimetableDocName,
  lessonsOf,
  mondayOf,
  readLesson,
  readLessons,
} from '../../../domain/docs/timetable-week'
import type { EventMap } from '../../events/bus'
import type { AlertEvent } from '../alerts'
import { jsonList, lockProjections, refreshClashes, type Interval, type LocatedClash, type StoredLesson } from './clashes'
import { loadTimetableContext, type TimetableContext } from './context'
import { canClash, lessonRowFrom, type LessonRow } from '../../../domain/timetable/rules'
import { CANCEL_REASON_FIELD, cancellationOf } from '../../../domain/timetable/cancellation'

/** A lesson of a week document → the row it projects to, with what its document says of a cancellation. */
function projected(id: string, raw: Record<string, unknown>, ctx: Parameters<typeof lessonRowFrom>[2], doc: string): Projected {
  return Object.assign(lessonRowFrom(id, raw, ctx), { doc, cancelReason: null, docReason: raw[CANCEL_REASON_FIELD] })
}

/** The rows a week document projects to (pure). */
export function weekRows(
  branchId: string,
  week: string,
  docLessons: Map<string, Record<string, unknown>>,
  ctx: Pick<TimetableContext, 'rooms' | 'groups' | 'activities'>,
): LessonRow[] {
  const weekStart = mondayOf(week)
  const weekEnd = addDays(weekStart, 6)
  return [...docLessons].map(([id, raw]) => lessonRowFrom(id, raw, { branchId, weekStart, weekEnd, ...ctx }))
}

// ── one projection at a time ─────────────────────────────────────────────────
//
// Projections of different documents re-check clashes around the same lessons (a teacher works in
// two branches; the weeks' windows overlap), so they take turns: in this process on a promise
// chain (a waiting run holds no pooled connection), across processes on an advisory lock. Each
// run reads its documents only once it is its turn, so a later run never writes older state.

let tail: Promise<unknown> = Promise.resolve()
function inTurn<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn)
  tail = run.then(
    () => undefined,
    () => undefined,
  )
  return run
}

// A document read by a run that projected it whole, and not changed since, has nothing more to
// project (the generator projects its weeks itself; the rooms' own runs after it then skip).
const changes = new WeakMap<Y.Doc, { n: number }>()
const projectedWhole = new WeakMap<Y.Doc, number>()
/** These documents' whole projection was rolled back (the generation command failed): the next run projects them again. */
export function forgetProjectedWhole(docs: Y.Doc[]) {
  for (const doc of docs) projectedWhole.delete(doc)
}
function versionOf(doc: Y.Doc): number {
  let v = changes.get(doc)
  if (!v) {
    const counter = (v = { n: 0 })
    changes.set(doc, counter)
    doc.on('afterTransaction', (txn: Y.Transaction) => {
      if (txn.changed.size > 0) counter.n++
    })
  }
  return v.n
}

// Documents a whole-document run will read soon (the generator's weeks, while it edits the others):
// the rooms' own runs for them wait until it is done, and then usually find nothing left to do.
const comingWhole = new WeakMap<Y.Doc, Promise<unknown>>()
/** `doc` will be projected whole once `done` settles: the rooms' runs for it wait until then. */
export function projectWholeSoon(doc: Y.Doc, done: Promise<unknown>) {
  comingWhole.set(doc, done)
  const forget = () => {
    if (comingWhole.get(doc) === done) comingWhole.delete(doc)
  }
  done.then(forget, forget)
}

// ── projecting documents ─────────────────────────────────────────────────────

export interface WeekToProject {
  branchId: string
  week: string
  doc: Y.Doc
  /** The lessons that changed; null: every lesson of the document (and those gone from it). */
  ids: Set<string> | null
}

type Projected = LessonRow & {
  doc: string
  /** Why it was cancelled, as typed (set once the status is known: `withCancellation`). */
  cancelReason: string | null
  /** What the document holds as the reason (its `cancelReason` field, if any). */
  docReason: unknown
}
type Existing = Omit<typeof lessons.$inferSelect, 'updatedAt'>

/**
 * The row's reason and note, once its status is the stored one: a cancelled lesson's reason from
 * the document's own field, or from the "Cancelled: <reason>" note an earlier version wrote (the
 * note then is empty). A document that says nothing of a reason (the cancel command has stored it
 * and not yet shown it in the document) keeps the stored one.
 */
function withCancellation(r: Projected, old: Existing | undefined): void {
  const { reason, note } = cancellationOf({ status: r.status, note: r.note, cancelReason: r.docReason })
  const said = typeof r.docReason === 'string' || note !== r.note
  r.note = note
  // (as the note: at most 2000 characters, no NUL, which PostgreSQL text cannot hold)
  const typed = reason === null ? null : reason.slice(0, 2000).replaceAll('\u0000', '') || null
  r.cancelReason = r.status !== 'cancelled' ? null : said ? typed : (old?.cancelReason ?? null)
}

/** Has anything that places the lesson (and so can change its clashes) changed? */
function placeChanged(old: Existing, r: Projected): boolean {
  return (
    old.deleted ||
    old.branchId !== r.branchId ||
    old.roomId !== r.roomId ||
    old.startsAt?.getTime() !== r.startsAt?.getTime() ||
    old.endsAt?.getTime() !== r.endsAt?.getTime() ||
    old.activityId !== r.activityId ||
    old.groupId !== r.groupId ||
    old.teacherId !== r.teacherId ||
    old.status !== r.status ||
    old.valid !== r.valid
  )
}

/** Does the stored row differ from what the document says (anything `lessons` shows)? */
function differs(old: Existing, r: Projected): boolean {
  return (
    placeChanged(old, r) ||
    old.doc !== r.doc ||
    old.note !== r.note ||
    old.cancelReason !== r.cancelReason ||
    JSON.stringify(old.problems ?? []) !== JSON.stringify(r.problems)
  )
}

/** …in a way that can change clashes (anything but the note, the reason, the problems' wording and the document). */
function clashRelevant(old: Existing, r: Projected): boolean {
  // a lesson that cannot clash (cancelled by a command, invalid) but still carries clashes counts too
  return placeChanged(old, r) || (!canClash(r) && (old.clashes ?? []).length > 0)
}

const intervalOf = (l: { startsAt: Date | null; endsAt: Date | null }): Interval | null =>
  l.startsAt && l.endsAt && l.endsAt > l.startsAt ? { start: l.startsAt, end: l.endsAt } : null

/**
 * Projects week documents into `lessons`: reads them (when it is this run's turn), compares them
 * with the stored rows and writes only what differs (one upsert, one update for the lessons gone),
 * then re-checks clashes — around what changed, or over `range` when given (the generator re-checks
 * and reports on its whole range). Returns the events to publish after commit and the clashes found.
 */
export async function projectWeeks(
  db: Db,
  weeks: WeekToProject[],
  opts: { actorId: string | null; range?: { from: Date; to: Date }; markProjected?: (tx: Tx) => Promise<void> },
): Promise<{
  alertEvents: AlertEvent[]
  entityEvents: Array<EventMap['entity.changed']>
  clashes: LocatedClash[]
  statusShownWrong: string[]
}> {
  if (!opts.range) {
    const coming = weeks.map((w) => comingWhole.get(w.doc)).filter((p) => p !== undefined)
    if (coming.length) await Promise.allSettled(coming)
  }
  return inTurn(async () => {
    const read = new Map<Y.Doc, number>()
    for (const w of weeks) read.set(w.doc, versionOf(w.doc))
    weeks = weeks.filter((w) => projectedWhole.get(w.doc) !== read.get(w.doc))
    if (weeks.length === 0 && !opts.range) return { alertEvents: [], entityEvents: [], clashes: [], statusShownWrong: [] }
    const ctx = await loadTimetableContext(db)
    const desired = new Map<string, Projected>()
    /** Documents projected whole → the lesson ids they hold. */
    const whole = new Map<string, Set<string>>()
    /** Changed ids no longer in their document → that document. */
    const missing = new Map<string, string>()
    for (const w of weeks) {
      const name = encodeTimetableDocName(w.branchId, w.week)
      const weekStart = mondayOf(w.week)
      const rctx = { branchId: w.branchId, weekStart, weekEnd: addDays(weekStart, 6), ...ctx }
      if (w.ids === null) {
        const here = new Set<string>()
        for (const [id, raw] of readLessons(w.doc)) {
          here.add(id)
          desired.set(id, projected(id, raw, rctx, name))
        }
        whole.set(name, here)
      } else {
        for (const id of w.ids) {
          const raw = readLesson(w.doc, id)
          if (raw) desired.set(id, projected(id, raw, rctx, name))
          else missing.set(id, name)
        }
      }
    }
    const asked = [...desired.keys(), ...missing.keys()]
    return db
      .transaction(async (tx) => {
        await lockProjections(tx)
        const existing: Existing[] =
          asked.length || whole.size
            ? await tx
                .select({
                  id: lessons.id,
                  branchId: lessons.branchId,
                  doc: lessons.doc,
                  roomId: lessons.roomId,
                  startsAt: lessons.startsAt,
                  endsAt: lessons.endsAt,
                  activityId: lessons.activityId,
                  groupId: lessons.groupId,
                  teacherId: lessons.teacherId,
                  status: lessons.status,
                  note: lessons.note,
                  cancelReason: lessons.cancelReason,
                  valid: lessons.valid,
                  problems: lessons.problems,
                  clashes: lessons.clashes,
                  deleted: lessons.deleted,
                })
                .from(lessons)
                .where(
                  or(
                    asked.length
                      ? sql`${lessons.id} in (select jsonb_array_elements_text(${jsonList(asked)}::jsonb))`
                      : undefined,
                    whole.size
                      ? and(
                          eq(lessons.deleted, false),
                          sql`${lessons.doc} in (select jsonb_array_elements_text(${jsonList(whole.keys())}::jsonb))`,
                        )
                      : undefined,
                  ),
                )
            : []
        const stored = new Map(existing.map((r) => [r.id, r]))
        // one writer per fact: the status is the done / undo / cancel commands' (a new lesson is
        // planned); the document only shows it, and where it shows something else it is put back
        const statusShownWrong: string[] = []
        for (const r of desired.values()) {
          const old = stored.get(r.id)
          const status = old?.status ?? 'planned'
          if (r.status !== status) {
            statusShownWrong.push(r.id)
            r.status = status
          }
          withCancellation(r, old)
        }

        const write: Projected[] = []
        const recheck = new Set<string>()
        const around: Interval[] = []
        const note = (old: Existing | undefined, r: Projected | null) => {
          const a = old && !old.deleted ? intervalOf(old) : null
          const b = r ? intervalOf(r) : null
          if (a) around.push(a)
          if (b && !(a && a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime())) around.push(b)
        }
        for (const r of desired.values()) {
          const old = stored.get(r.id)
          if (!old || differs(old, r)) write.push(r)
          if (!old || clashRelevant(old, r)) {
            recheck.add(r.id)
            note(old, r)
          }
        }
        const gone: string[] = []
        for (const old of existing) {
          if (old.deleted || desired.has(old.id)) continue
          const wholeIds = whole.get(old.doc)
          const goneFromWhole = wholeIds !== undefined && !wholeIds.has(old.id)
          const goneFromChanged = missing.get(old.id) === old.doc
          if (goneFromWhole || goneFromChanged) {
            gone.push(old.id)
            recheck.add(old.id)
            note(old, null)
          }
        }

        for (let i = 0; i < write.length; i += 2000) {
          const chunk = write.slice(i, i + 2000).map((r) => ({
            id: r.id,
            branch_id: r.branchId,
            doc: r.doc,
            room_id: r.roomId,
            starts_at: r.startsAt?.toISOString() ?? null,
            ends_at: r.endsAt?.toISOString() ?? null,
            activity_id: r.activityId,
            group_id: r.groupId,
            teacher_id: r.teacherId,
            status: r.status,
            note: r.note,
            cancel_reason: r.cancelReason,
            valid: r.valid,
            problems: r.problems,
          }))
          await tx.execute(sql`insert into lessons (id, branch_id, doc, room_id, starts_at, ends_at, activity_id, group_id, teacher_id, status, note, cancel_reason, valid, problems, deleted, updated_at)
          select id, branch_id, doc, room_id, starts_at, ends_at, activity_id, group_id, teacher_id, status, note, cancel_reason, valid, problems, false, now()
          from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(id text, branch_id uuid, doc text, room_id uuid, starts_at timestamptz, ends_at timestamptz, activity_id uuid,
            group_id uuid, teacher_id uuid, status text, note text, cancel_reason text, valid boolean, problems jsonb)
          on conflict (id) do update set branch_id = excluded.branch_id, doc = excluded.doc, room_id = excluded.room_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
            activity_id = excluded.activity_id, group_id = excluded.group_id, teacher_id = excluded.teacher_id, status = excluded.status, note = excluded.note,
            cancel_reason = excluded.cancel_reason, valid = excluded.valid, problems = excluded.problems, deleted = false, updated_at = now()`)
        }
        if (gone.length) {
          await tx.execute(
            sql`update lessons set deleted = true, updated_at = now() where id in (select jsonb_array_elements_text(${jsonList(gone)}::jsonb)) and deleted = false`,
          )
        }

        let events: AlertEvent[] = []
        let clashIds: string[] = []
        let clashes: LocatedClash[] = []
        if (opts.range) {
          // the generator: everything in its range (and wherever its documents changed)
          let from = opts.range.from
          let to = opts.range.to
          for (const i of around) {
            if (i.start < from) from = i.start
            if (i.end > to) to = i.end
          }
          // what these documents hold is in hand: their lessons as now stored, and those just gone
          const rows: StoredLesson[] = []
          for (const r of desired.values())
            rows.push(Object.assign(r, { deleted: false, clashes: stored.get(r.id)?.clashes ?? [] }))
          for (const id of gone) {
            const old = stored.get(id)
            if (old) rows.push({ ...old, deleted: true })
          }
          const held = whole.size === weeks.length ? { docs: [...whole.keys()], rows } : undefined
          ;({
            events,
            changed: clashIds,
            clashes,
          } = await refreshClashes(tx, from, to, ctx, opts.actorId, { ids: recheck, held, locked: true }))
        } else if (recheck.size) {
          // the rooms and teachers the changed lessons had and have: nobody else's clashes can have changed
          const keys = { rooms: new Set<string>(), teachers: new Set<string>() }
          for (const id of recheck) {
            for (const r of [stored.get(id), desired.get(id)]) {
              if (r?.roomId) keys.rooms.add(r.roomId)
              if (r?.teacherId) keys.teachers.add(r.teacherId)
            }
          }
          ;({
            events,
            changed: clashIds,
            clashes,
          } = await refreshClashes(tx, new Date(0), new Date(0), ctx, opts.actorId, { around, ids: recheck, keys, locked: true }))
        }

        const entityEvents: Array<EventMap['entity.changed']> = weeks.map((w) => ({
          type: 'timetable',
          id: `${w.branchId}:${w.week}`,
          action: 'update',
          branchId: w.branchId,
        }))
        const touched = new Set([...write.map((r) => r.id), ...gone, ...clashIds])
        if (touched.size <= 50) {
          const branchOf = new Map([...desired.values()].map((r) => [r.id, r.branchId]))
          for (const id of touched)
            entityEvents.push({
              type: 'lesson',
              id,
              action: 'update',
              branchId: branchOf.get(id) ?? stored.get(id)?.branchId ?? weeks[0]?.branchId,
            })
        }
        // the document's projection watermark commits with these rows (or not at all)
        if (opts.markProjected) await opts.markProjected(tx)
        return { alertEvents: events, entityEvents, clashes, statusShownWrong }
      })
      .then((out) => {
        for (const w of weeks) {
          const version = read.get(w.doc)
          if (w.ids === null && version !== undefined) projectedWhole.set(w.doc, version)
        }
        return out
      })
  })
}

/**
 * Projects a week document into `lessons` (the changed lessons only, unless `changedKeys` is empty
 * or names the whole `lessons` map), then re-checks clashes around what changed. Returns the events
 * to publish.
 */
export async function projectWeek(
  db: Db,
  input: {
    branchId: string
    week: string
    doc: Y.Doc
    changedKeys: Set<string>
    actorId: string | null
    markProjected?: (tx: Tx) => Promise<void>
  },
) {
  let all = input.changedKeys.size === 0
  const ids = new Set<string>()
  for (const k of input.changedKeys) {
    if (k === 'lessons') all = true
    else if (k.startsWith('lessons.')) ids.add(k.slice('lessons.'.length))
  }
  const { alertEvents, entityEvents, statusShownWrong } = await projectWeeks(
    db,
    [{ branchId: input.branchId, week: input.week, doc: input.doc, ids: all ? null : ids }],
    {
      actorId: input.actorId,
      markProjected: input.markProjected,
    },
  )
  return { alertEvents, entityEvents, statusShownWrong }
}

/**
 * Puts the stored status back into a week document where it shows another one (a status is
 * decided by the done / undo / cancel commands only). Reads the statuses when it writes, so a
 * command that committed meanwhile is shown, not overwritten.
 */
export async function showStoredStatuses(
  db: Db,
  ids: string[],
  rewrite: (fn: (doc: Y.Doc) => void) => Promise<void>,
): Promise<void> {
  if (!ids.length) return
  const rows = await db
    .select({ id: lessons.id, status: lessons.status })
    .from(lessons)
    .where(sql`${lessons.id} in (select jsonb_array_elements_text(${jsonList(ids)}::jsonb))`)
  await rewrite((doc) => {
    for (const r of rows) {
      const m = lessonsOf(doc).get(r.id)
      if (m && m.get('status') !== r.status) m.set('status', r.status)
    }
  })
}
