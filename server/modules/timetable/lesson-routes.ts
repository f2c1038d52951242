import { createRoute, z } from '@hono/zod-openapi'
import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm'
import type { Tx } from '../../../db/client'
import {
  activities,
  attendance,
  branches,
  clientMedicalSummary,
  clients,
  consumableUses,
  groupMembers,
  groups,
  lessonCompletions,
  lessons,
  makeUpCredits,
  medicalViews,
  rooms,
  teacherServices,
  visits,
} from '../../../db/schema/index'
import { lessonsOf } from '../../../domain/docs/timetable-week'
import { AuthorizationError, BadRequestError, ConflictError, NotFoundError, ValidationError } from '../../errors'
import { authorize, authorizeInBranch } from '../../http/authorize'
import { runCommand, type CommandOutcome } from '../../http/command'
import type { AppDeps } from '../../http/context'
import { createRouter, jsonBody, responses, security } from '../../http/openapi'
import { inBranch, OTHER_BRANCH } from '../../policies/branches'
import { can, type Actor } from '../../policies/permissions'
import { raiseAlert } from '../alerts/engine'
import { timetableAlerts } from './alert-kinds'
import { todayIso } from '../../../domain/clients/rules'
import { projectGeneratedWeeks, writeGeneratedWeeks } from './generate'
import { forgetProjectedWhole } from './projection'
import type { OwingRules } from '../../boot/registry'
import type { Hooks } from '../../contracts/hooks'
import { IsoDate, Uuid, dateSpan } from '../../http/values'

const q = (name: string) => ({ param: { name, in: 'query' as const } })
const LessonParam = z.object({
  id: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9_-]+$/, 'Invalid lesson id')
    .openapi({ param: { name: 'id', in: 'path' } }),
})

const GenerateInput = z
  .object({ branchId: Uuid, from: IsoDate, to: IsoDate })
  .superRefine(dateSpan('from', 'to', 366))
  .openapi('GenerateInput')
const LessonsQuery = z
  .object({
    branchId: Uuid.openapi(q('branchId')),
    from: IsoDate.openapi(q('from')),
    to: IsoDate.openapi(q('to')),
    teacherId: Uuid.optional().openapi(q('teacherId')),
  })
  .superRefine(dateSpan('from', 'to', 93))
const ATTENDANCE = ['present', 'late', 'absent', 'excused', 'walk_in'] as const
const AttendanceInput = z
  .object({
    entries: z
      .array(
        z.object({
          clientId: Uuid,
          status: z.enum(ATTENDANCE),
          grade: z.number().int().min(1).max(5).nullable().optional(),
          comment: z.string().trim().max(2000).nullable().optional(),
        }),
      )
      .max(500),
  })
  .openapi('AttendanceInput')
const CancelInput = z
  .object({ reason: z.string().trim().max(500).optional(), offerMakeUp: z.boolean().optional() })
  .openapi('CancelInput')

const LessonSchema = z
  .object({
    id: z.string(),
    branchId: z.string(),
    roomId: z.string().nullable(),
    start: z.string().nullable(),
    end: z.string().nullable(),
    activityId: z.string().nullable(),
    groupId: z.string().nullable(),
    teacherId: z.string().nullable(),
    status: z.string(),
    note: z.string(),
    valid: z.boolean(),
    problems: z.array(z.string()),
    clashes: z.array(z.string()),
    memberCount: z.number(),
    capacity: z.number().nullable(),
    red: z.boolean(),
    owing: z.array(z.object({ clientId: z.string(), name: z.string(), reasons: z.array(z.string()) })),
    done: z.boolean(),
  })
  .openapi('Lesson')

const ATTENDED = new Set(['present', 'late', 'walk_in'])

async function loadLesson(db: AppDeps['database']['db'] | Tx, id: string) {
  const [l] = await db
    .select()
    .from(lessons)
    .where(and(eq(lessons.id, id), eq(lessons.deleted, false)))
  if (!l) throw NotFoundError('Lesson')
  return l
}

/**
 * Teachers may take attendance for their own lessons; receptionists and managers for any lesson of
 * a branch they work in.
 */
function authorizeJournal(actor: Actor | null, lesson: { teacherId: string | null; branchId: string }): Actor {
  const a = authorize(actor, 'read', 'timetable')
  if (a.roles.includes('teacher') && lesson.teacherId === a.id) return a
  if (can(a, 'create', 'timetable')) {
    if (inBranch(a, lesson.branchId)) return a
    throw AuthorizationError(OTHER_BRANCH)
  }
  throw AuthorizationError('Only the lesson’s teacher or the front desk may do this')
}

/** Lessons with counts, capacity and who owes: the projection as the timetable shows it. */
async function presentLessons(db: AppDeps['database']['db'], owingRule: OwingRules, rows: Array<typeof lessons.$inferSelect>) {
  if (!rows.length) return []
  const groupIds = [...new Set(rows.map((r) => r.groupId).filter((g): g is string => !!g))]
  const [members, groupRows, roomRows, actRows, done] = await Promise.all([
    groupIds.length
      ? db
          .select({
            groupId: groupMembers.groupId,
            clientId: groupMembers.clientId,
            first: clients.firstName,
            last: clients.lastName,
          })
          .from(groupMembers)
          .innerJoin(clients, eq(clients.id, groupMembers.clientId))
          .where(and(inArray(groupMembers.groupId, groupIds), isNull(groupMembers.leftAt)))
      : [],
    groupIds.length
      ? db
          .select({ id: groups.id, capacity: groups.capacity, activityId: groups.activityId })
          .from(groups)
          .where(inArray(groups.id, groupIds))
      : [],
    db.select({ id: rooms.id, capacity: rooms.capacity }).from(rooms),
    db.select({ id: activities.id, max: activities.maxGroupSize }).from(activities),
    db
      .select({ lessonId: lessonCompletions.lessonId })
      .from(lessonCompletions)
      .where(
        and(
          inArray(
            lessonCompletions.lessonId,
            rows.map((r) => r.id),
          ),
          isNull(lessonCompletions.undoneAt),
        ),
      ),
  ])
  const doneSet = new Set(done.map((d) => d.lessonId))
  const roomCap = new Map(roomRows.map((r) => [r.id, r.capacity]))
  const actMax = new Map(actRows.map((a) => [a.id, a.max]))
  const owingByGroup = new Map<string, Map<string, string[]>>()
  for (const g of groupRows) {
    owingByGroup.set(
      g.id,
      await owingRule.reasons(
        members.filter((m) => m.groupId === g.id).map((m) => m.clientId),
        { db, activityId: g.activityId, on: todayIso() },
      ),
    )
  }
  return rows.map((r) => {
    const mine = r.groupId ? members.filter((m) => m.groupId === r.groupId) : []
    const owing = (r.groupId && owingByGroup.get(r.groupId)) || new Map<string, string[]>()
    const g = groupRows.find((x) => x.id === r.groupId)
    const caps = [
      g?.capacity ?? (r.activityId ? actMax.get(r.activityId) : undefined),
      r.roomId ? roomCap.get(r.roomId) : undefined,
    ].filter((x): x is number => typeof x === 'number')
    return {
      id: r.id,
      branchId: r.branchId,
      roomId: r.roomId,
      start: r.startsAt?.toISOString() ?? null,
      end: r.endsAt?.toISOString() ?? null,
      activityId: r.activityId,
      groupId: r.groupId,
      teacherId: r.teacherId,
      status: r.status,
      note: r.note,
      valid: r.valid,
      problems: r.problems ?? [],
      clashes: r.clashes ?? [],
      memberCount: mine.length,
      capacity: caps.length ? Math.min(...caps) : null,
      red: owing.size > 0,
      owing: mine
        .filter((m) => owing.has(m.clientId))
        .map((m) => ({ clientId: m.clientId, name: `${m.first} ${m.last}`, reasons: owing.get(m.clientId)! })),
      done: doneSet.has(r.id),
    }
  })
}

/**
 * Writes a lesson's status into its week document as the user (everyone's screen shows it). The
 * command has committed by then and stands: if the document cannot be written now, the next
 * projection of the week (its next edit) puts the stored status back into it (one writer per fact), so this logs
 * and goes on rather than failing a request whose change is already made.
 */
async function setLessonStatus(
  deps: AppDeps,
  lesson: typeof lessons.$inferSelect,
  actor: Actor,
  status: 'planned' | 'done' | 'cancelled',
  note?: string,
) {
  try {
    await deps.docs?.applyAsUser(lesson.doc, actor, (doc) => {
      const m = lessonsOf(doc).get(lesson.id)
      if (!m) return
      if (m.get('status') !== status) m.set('status', status)
      if (note !== undefined && m.get('note') !== note) m.set('note', note)
    })
  } catch (err) {
    deps.logger.warn(
      { err, lessonId: lesson.id, doc: lesson.doc, status },
      'the lesson status is stored; its week document will show it at its next projection',
    )
  }
}

export const lessonRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/timetable/generate',
      tags: ['timetable'],
      summary: 'Generate lessons from the groups’ weekly patterns (idempotent; skips closures; reports double bookings)',
      security,
      request: jsonBody(GenerateInput),
      responses: responses(
        200,
        z.object({
          created: z.number(),
          skipped: z.number(),
          weeks: z.array(z.string()),
          clashes: z.array(
            z.object({ kind: z.string(), lessonId: z.string(), others: z.array(z.string()), message: z.string() }),
          ),
        }),
      ),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorizeInBranch(c.var.actor, 'create', 'timetable', input.branchId)
      const deps = c.var.deps
      if (input.to < input.from) throw ValidationError({ to: 'Ends before it starts' })
      if ((Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 > 370)
        throw ValidationError({ to: 'Generate at most a year at a time' })
      if (!(await deps.database.db.select({ id: branches.id }).from(branches).where(eq(branches.id, input.branchId))).length)
        throw ValidationError({ branchId: 'No such branch' })
      if (!deps.docs) throw BadRequestError('The document server is not running')
      // the week documents first (stored with the actor, like any edit); then ONE transaction: the
      // lessons they project to, the clash alerts and the audit row, all or nothing
      const written = await writeGeneratedWeeks(deps.database.db, deps.docs, actor, input)
      try {
        const result = await runCommand(c.var.ctx, 'timetable.generate', async (tx) => {
          const { report, alertEvents, entityEvents } = await projectGeneratedWeeks(tx, input.branchId, written, actor)
          return {
            result: report,
            entity: 'timetable',
            entityId: input.branchId,
            after: { ...input, created: report.created, skipped: report.skipped, clashes: report.clashes.length },
            events: [...alertEvents, ...entityEvents.map((payload) => ({ name: 'entity.changed' as const, payload }))],
          }
        })
        return c.json(result, 200)
      } catch (err) {
        // rolled back: the weeks' own projection runs again and projects what the documents hold
        forgetProjectedWhole(written.edited.map((w) => w.doc))
        throw err
      } finally {
        written.finished()
      }
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/lessons',
      tags: ['timetable'],
      summary: 'Lessons of a branch between two dates (the projection, current within a second of an edit)',
      security,
      request: { query: LessonsQuery },
      responses: responses(200, z.object({ items: z.array(LessonSchema) })),
    }),
    async (c) => {
      const p = c.req.valid('query')
      authorizeInBranch(c.var.actor, 'read', 'timetable', p.branchId)
      const db = c.var.deps.database.db
      const rows = await db
        .select()
        .from(lessons)
        .where(
          and(
            eq(lessons.branchId, p.branchId),
            eq(lessons.deleted, false),
            gte(lessons.startsAt, new Date(p.from + 'T00:00:00Z')),
            lt(lessons.startsAt, new Date(Date.parse(p.to + 'T00:00:00Z') + 86_400_000)),
            p.teacherId ? eq(lessons.teacherId, p.teacherId) : undefined,
          ),
        )
        .orderBy(asc(lessons.startsAt))
      return c.json({ items: await presentLessons(db, c.var.deps.registry.owing, rows) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/lessons/{id}',
      tags: ['timetable'],
      summary: 'A lesson with its roster: attendance, grades, and for its teacher only allergies and emergency instructions',
      security,
      request: { params: LessonParam },
      responses: responses(200, z.object({ lesson: LessonSchema.extend({ roster: z.array(z.any()) }) })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const db = c.var.deps.database.db
      const lesson = await loadLesson(db, id)
      // a teacher reads their own lesson wherever it is; everyone else only in their branches
      const actor =
        lesson.teacherId === c.var.actor?.id
          ? authorize(c.var.actor, 'read', 'timetable')
          : authorizeInBranch(c.var.actor, 'read', 'timetable', lesson.branchId)
      const [presented] = await presentLessons(db, c.var.deps.registry.owing, [lesson])
      const memberRows = lesson.groupId
        ? await db
            .select({ clientId: clients.id, first: clients.firstName, last: clients.lastName })
            .from(groupMembers)
            .innerJoin(clients, eq(clients.id, groupMembers.clientId))
            .where(and(eq(groupMembers.groupId, lesson.groupId), isNull(groupMembers.leftAt)))
        : []
      const marks = await db
        .select({ a: attendance, first: clients.firstName, last: clients.lastName })
        .from(attendance)
        .innerJoin(clients, eq(clients.id, attendance.clientId))
        .where(eq(attendance.lessonId, id))
      const ids = [...new Set([...memberRows.map((m) => m.clientId), ...marks.map((m) => m.a.clientId)])]
      // the emergency subset: for the lesson's teacher and roles with medical access, never the medical file
      const seesEmergency = lesson.teacherId === actor.id || can(actor, 'read', 'medical')
      const medical =
        seesEmergency && ids.length
          ? await db.select().from(clientMedicalSummary).where(inArray(clientMedicalSummary.clientId, ids))
          : []
      const shown = medical.filter((m) => m.allergies || m.emergencyInstructions)
      if (shown.length)
        await db.insert(medicalViews).values(shown.map((m) => ({ clientId: m.clientId, userId: actor.id, what: 'roster' })))
      const allergyOnly = ids.length
        ? await db
            .select({ clientId: clientMedicalSummary.clientId, allergies: clientMedicalSummary.allergies })
            .from(clientMedicalSummary)
            .where(inArray(clientMedicalSummary.clientId, ids))
        : []
      const roster = ids.map((cid) => {
        const m = memberRows.find((x) => x.clientId === cid)
        const mark = marks.find((x) => x.a.clientId === cid)
        const med = medical.find((x) => x.clientId === cid)
        return {
          clientId: cid,
          name: m ? `${m.first} ${m.last}` : `${mark!.first} ${mark!.last}`,
          member: Boolean(m),
          status: mark?.a.status ?? null,
          grade: mark?.a.grade ?? null,
          comment: mark?.a.comment ?? null,
          allergy: Boolean(allergyOnly.find((x) => x.clientId === cid)?.allergies),
          ...(seesEmergency
            ? { allergies: med?.allergies || null, emergencyInstructions: med?.emergencyInstructions || null }
            : {}),
        }
      })
      return c.json({ lesson: { ...presented, roster } }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/lessons/{id}/attendance',
      tags: ['timetable'],
      summary:
        'Take attendance: present, late, absent, excused per member, plus walk-ins; grade and comment (the electronic journal)',
      security,
      request: { params: LessonParam, ...jsonBody(AttendanceInput) },
      responses: responses(200, z.object({ saved: z.number() })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { entries } = c.req.valid('json')
      const db = c.var.deps.database.db
      const lesson = await loadLesson(db, id)
      const actor = authorizeJournal(c.var.actor, lesson)
      if (!lesson.valid) throw BadRequestError('This lesson is flagged as invalid; fix it in the timetable first')
      if (lesson.status === 'cancelled') throw BadRequestError('The lesson was cancelled')
      const ids = entries.map((e) => e.clientId)
      if (new Set(ids).size !== ids.length) throw ValidationError({ entries: 'A client appears twice' })
      const members = lesson.groupId
        ? new Set(
            (
              await db
                .select({ c: groupMembers.clientId })
                .from(groupMembers)
                .where(and(eq(groupMembers.groupId, lesson.groupId), isNull(groupMembers.leftAt)))
            ).map((m) => m.c),
          )
        : new Set<string>()
      const known = new Set(
        (ids.length
          ? await db
              .select({ id: clients.id })
              .from(clients)
              .where(and(inArray(clients.id, ids), isNull(clients.erasedAt)))
          : []
        ).map((x) => x.id),
      )
      const fields: Record<string, string> = {}
      entries.forEach((e, i) => {
        if (!known.has(e.clientId)) fields[`entries.${i}.clientId`] = 'No such client'
        else if (!members.has(e.clientId) && e.status !== 'walk_in')
          fields[`entries.${i}.status`] = 'Not a member of the group: record as walk_in'
        if (e.grade != null && !ATTENDED.has(e.status)) fields[`entries.${i}.grade`] = 'Only attending clients get a grade'
      })
      if (Object.keys(fields).length) throw ValidationError(fields)
      const saved = await runCommand(c.var.ctx, 'lessons.attendance', async (tx) => {
        const [open] = await tx
          .select()
          .from(lessonCompletions)
          .where(and(eq(lessonCompletions.lessonId, id), isNull(lessonCompletions.undoneAt)))
        if (open) throw ConflictError('The lesson is marked done; undo it first to change the attendance')
        for (const e of entries) {
          await tx
            .insert(attendance)
            .values({
              lessonId: id,
              clientId: e.clientId,
              status: e.status,
              grade: e.grade ?? null,
              comment: e.comment ?? null,
              by: actor.id,
            })
            .onConflictDoUpdate({
              target: [attendance.lessonId, attendance.clientId],
              set: { status: e.status, grade: e.grade ?? null, comment: e.comment ?? null, by: actor.id, at: sql`now()` },
            })
        }
        return {
          result: entries.length,
          entity: 'lesson',
          entityId: id,
          after: { entries },
          events: [{ name: 'entity.changed', payload: { type: 'lesson', id, action: 'update', branchId: lesson.branchId } }],
        }
      })
      return c.json({ saved }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/lessons/{id}/done',
      tags: ['timetable'],
      summary:
        'Mark done: visits, pass write-offs, the teacher’s service and consumables, in one transaction; a second call does nothing',
      security,
      request: { params: LessonParam },
      responses: responses(200, z.object({ done: z.boolean(), alreadyDone: z.boolean(), attending: z.number() })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const deps = c.var.deps
      const lesson = await loadLesson(deps.database.db, id)
      const actor = authorizeJournal(c.var.actor, lesson)
      if (!lesson.valid) throw BadRequestError('This lesson is flagged as invalid; fix it in the timetable first')
      if (lesson.status === 'cancelled') throw BadRequestError('The lesson was cancelled')
      if (lesson.startsAt && lesson.startsAt.getTime() > Date.now() + 60 * 60_000)
        throw BadRequestError('The lesson has not started yet')
      const result = await runCommand(c.var.ctx, 'lessons.done', (tx) => markDone(tx, lesson, actor, c.var.deps.registry.hooks))
      if (!result.alreadyDone) await setLessonStatus(deps, lesson, actor, 'done')
      return c.json(result, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/lessons/{id}/undo',
      tags: ['timetable'],
      summary: 'Undo "done" on the same day: compensating records for everything, never deletes',
      security,
      request: { params: LessonParam },
      responses: responses(200, z.object({ undone: z.boolean() })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const deps = c.var.deps
      const lesson = await loadLesson(deps.database.db, id)
      const actor = authorizeJournal(c.var.actor, lesson)
      await runCommand(c.var.ctx, 'lessons.undo', (tx) => undoDone(tx, lesson, actor, c.var.deps.registry.hooks))
      await setLessonStatus(deps, lesson, actor, 'planned')
      return c.json({ undone: true }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/lessons/{id}/cancel',
      tags: ['timetable'],
      summary: 'Cancel a lesson: no write-offs; members to notify appear in the alert feed; optional make-up credits',
      security,
      request: { params: LessonParam, ...jsonBody(CancelInput) },
      responses: responses(200, z.object({ cancelled: z.boolean(), makeUpCredits: z.number() })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const deps = c.var.deps
      authorize(c.var.actor, 'create', 'timetable')
      const lesson = await loadLesson(deps.database.db, id)
      const actor = authorizeInBranch(c.var.actor, 'create', 'timetable', lesson.branchId)
      const credits = await runCommand(c.var.ctx, 'lessons.cancel', async (tx) => {
        const [open] = await tx
          .select()
          .from(lessonCompletions)
          .where(and(eq(lessonCompletions.lessonId, id), isNull(lessonCompletions.undoneAt)))
        if (open) throw ConflictError('The lesson is marked done; undo it first')
        if (lesson.status === 'cancelled') throw ConflictError('The lesson is already cancelled')
        const members = lesson.groupId
          ? await tx
              .select({ clientId: clients.id, first: clients.firstName, last: clients.lastName })
              .from(groupMembers)
              .innerJoin(clients, eq(clients.id, groupMembers.clientId))
              .where(and(eq(groupMembers.groupId, lesson.groupId), isNull(groupMembers.leftAt)))
          : []
        await tx
          .update(lessons)
          .set({ status: 'cancelled', updatedAt: sql`now()` })
          .where(eq(lessons.id, id))
        let n = 0
        if (input.offerMakeUp && lesson.activityId && members.length) {
          await tx.insert(makeUpCredits).values(
            members.map((m) => ({
              clientId: m.clientId,
              activityId: lesson.activityId!,
              fromLessonId: id,
              createdBy: actor.id,
            })),
          )
          n = members.length
        }
        const when = lesson.startsAt?.toISOString().slice(0, 16).replace('T', ' ') ?? ''
        const alert = await raiseAlert(tx, {
          kind: timetableAlerts.lesson_cancelled,
          subject: `lesson:${id}`,
          message: `Lesson on ${when} UTC cancelled${input.reason ? ` (${input.reason})` : ''}: notify ${members.map((m) => `${m.first} ${m.last}`).join(', ') || 'nobody (no members)'}${n ? '; make-up lesson offered' : ''}`,
          details: { lessonId: id, members: members.map((m) => m.clientId), makeUp: n > 0 },
          branchId: lesson.branchId,
          by: actor.id,
        })
        return {
          result: n,
          entity: 'lesson',
          entityId: id,
          after: { status: 'cancelled', reason: input.reason ?? null, makeUpCredits: n },
          events: alert ? [alert] : [],
        }
      })
      await setLessonStatus(deps, lesson, actor, 'cancelled', input.reason ? `Cancelled: ${input.reason}` : undefined)
      return c.json({ cancelled: true, makeUpCredits: credits }, 200)
    },
  )

/** The "lesson done" command: everything in the caller's one transaction. Idempotent. */
export async function markDone(
  tx: Tx,
  lesson: typeof lessons.$inferSelect,
  actor: Actor,
  /** Other areas' steps of "lesson done" (the passes area writes a session off each pass). */
  hooks: Hooks,
): Promise<CommandOutcome<{ done: boolean; alreadyDone: boolean; attending: number }>> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'lesson:' + lesson.id}, 0))`)
  const [open] = await tx
    .select()
    .from(lessonCompletions)
    .where(and(eq(lessonCompletions.lessonId, lesson.id), isNull(lessonCompletions.undoneAt)))
  if (open)
    return {
      result: { done: true, alreadyDone: true, attending: 0 },
      entity: 'lesson',
      entityId: lesson.id,
      after: { alreadyDone: true },
    }
  const marks = await tx.select().from(attendance).where(eq(attendance.lessonId, lesson.id))
  if (!marks.length) throw BadRequestError('Take the attendance first')
  const attended = marks.filter((m) => ATTENDED.has(m.status)).map((m) => m.clientId)
  const absentUnexcused = marks.filter((m) => m.status === 'absent').map((m) => m.clientId)
  const [completion] = await tx.insert(lessonCompletions).values({ lessonId: lesson.id, doneBy: actor.id }).returning()
  if (marks.length)
    await tx.insert(visits).values(
      marks
        .filter((m) => ATTENDED.has(m.status))
        .map((m) => ({
          completionId: completion.id,
          lessonId: lesson.id,
          clientId: m.clientId,
          status: m.status,
          by: actor.id,
        })),
    )
  await hooks.run('lesson.done', {
    tx,
    lessonId: lesson.id,
    activityId: lesson.activityId,
    completionId: completion.id,
    attended,
    absentUnexcused,
    by: actor.id,
  })
  const minutes =
    lesson.startsAt && lesson.endsAt ? Math.round((lesson.endsAt.getTime() - lesson.startsAt.getTime()) / 60_000) : 0
  if (lesson.teacherId)
    await tx.insert(teacherServices).values({
      completionId: completion.id,
      lessonId: lesson.id,
      teacherId: lesson.teacherId,
      activityId: lesson.activityId,
      durationMinutes: minutes,
      attending: attended.length,
      by: actor.id,
    })
  const [act] = lesson.activityId
    ? await tx.select({ consumables: activities.consumables }).from(activities).where(eq(activities.id, lesson.activityId))
    : []
  const norms = act?.consumables ?? []
  if (norms.length)
    await tx.insert(consumableUses).values(
      norms.map((n) => ({
        completionId: completion.id,
        lessonId: lesson.id,
        item: n.item,
        quantity: String(n.quantity),
        unit: n.unit,
        by: actor.id,
      })),
    )
  await tx
    .update(lessons)
    .set({ status: 'done', updatedAt: sql`now()` })
    .where(eq(lessons.id, lesson.id))
  return {
    result: { done: true, alreadyDone: false, attending: attended.length },
    entity: 'lesson',
    entityId: lesson.id,
    after: {
      completionId: completion.id,
      visits: attended.length,
      teacherId: lesson.teacherId,
      durationMinutes: minutes,
      consumables: norms,
    },
    events: [{ name: 'entity.changed', payload: { type: 'lesson', id: lesson.id, action: 'done', branchId: lesson.branchId } }],
  }
}

/** Reverses a completion of today with compensating rows (sign −1), stamped with who undid it. */
export async function undoDone(
  tx: Tx,
  lesson: typeof lessons.$inferSelect,
  actor: Actor,
  hooks: Hooks,
): Promise<CommandOutcome<null>> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'lesson:' + lesson.id}, 0))`)
  const [open] = await tx
    .select()
    .from(lessonCompletions)
    .where(and(eq(lessonCompletions.lessonId, lesson.id), isNull(lessonCompletions.undoneAt)))
  if (!open) throw ConflictError('The lesson is not marked done')
  const [branch] = await tx.select({ tz: branches.timezone }).from(branches).where(eq(branches.id, lesson.branchId))
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: branch?.tz ?? 'UTC' }).format(d)
  if (day(open.doneAt) !== day(new Date())) throw BadRequestError('“Done” can only be undone on the same day')
  const done = await tx
    .select()
    .from(visits)
    .where(and(eq(visits.completionId, open.id), eq(visits.sign, 1)))
  if (done.length)
    await tx.insert(visits).values(
      done.map((v) => ({
        completionId: open.id,
        lessonId: v.lessonId,
        clientId: v.clientId,
        status: v.status,
        sign: -1,
        reversalOf: v.id,
        by: actor.id,
      })),
    )
  const services = await tx
    .select()
    .from(teacherServices)
    .where(and(eq(teacherServices.completionId, open.id), eq(teacherServices.sign, 1)))
  if (services.length)
    await tx.insert(teacherServices).values(
      services.map((s) => ({
        completionId: open.id,
        lessonId: s.lessonId,
        teacherId: s.teacherId,
        activityId: s.activityId,
        durationMinutes: s.durationMinutes,
        attending: s.attending,
        sign: -1,
        by: actor.id,
      })),
    )
  const uses = await tx
    .select()
    .from(consumableUses)
    .where(and(eq(consumableUses.completionId, open.id), eq(consumableUses.sign, 1)))
  if (uses.length)
    await tx.insert(consumableUses).values(
      uses.map((u) => ({
        completionId: open.id,
        lessonId: u.lessonId,
        item: u.item,
        quantity: u.quantity,
        unit: u.unit,
        sign: -1,
        by: actor.id,
      })),
    )
  await hooks.run('lesson.undone', {
    tx,
    lessonId: lesson.id,
    activityId: lesson.activityId,
    completionId: open.id,
    by: actor.id,
  })
  await tx
    .update(lessonCompletions)
    .set({ undoneAt: sql`now()`, undoneBy: actor.id })
    .where(eq(lessonCompletions.id, open.id))
  await tx
    .update(lessons)
    .set({ status: 'planned', updatedAt: sql`now()` })
    .where(eq(lessons.id, lesson.id))
  return {
    result: null,
    entity: 'lesson',
    entityId: lesson.id,
    before: { completionId: open.id },
    after: { undone: true, visitsReversed: done.length },
    events: [{ name: 'entity.changed', payload: { type: 'lesson', id: lesson.id, action: 'undo', branchId: lesson.branchId } }],
  }
}
