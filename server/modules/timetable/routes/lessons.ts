import { createRoute, z } from '@hono/zod-openapi'
import { allowed, authorize, authorizeRole } from '../../../policies/policy'
import { createRouter, jsonBody, responses, security } from '../../../http/openapi'
import { cancelLesson } from '../commands/cancel-lesson'
import { generateLessons } from '../commands/generate-lessons'
import { markLessonDone } from '../commands/mark-done'
import { takeAttendance } from '../commands/take-attendance'
import { undoLessonDone } from '../commands/undo-done'
import { timetablePolicies } from '../policies'
import { presentGenerateResult, presentLesson, presentRoster } from '../presenters'
import { findLesson, lessonFacts, lessonRoster, lessonsOfBranch } from '../queries/lessons'
import {
  AttendanceInput,
  CancelInput,
  GenerateInput,
  GenerateResultSchema,
  LessonParam,
  LessonSchema,
  LessonsQuery,
} from '../schema'

/** Lessons: generating them, the week's list, one lesson with its roster, the journal, done, undo, cancel. */
export const lessonRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/timetable/generate',
      tags: ['timetable'],
      summary: 'Generate lessons from the groups’ weekly patterns (idempotent; skips closures; reports double bookings)',
      security,
      request: jsonBody(GenerateInput),
      responses: responses(200, GenerateResultSchema),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorize(c.var.actor, timetablePolicies.generate, input)
      return c.json(presentGenerateResult(await generateLessons(c.var.ctx, c.var.deps, actor, input), c.var.locale), 200)
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
      authorize(c.var.actor, timetablePolicies.read, p)
      const db = c.var.deps.database.db
      const rows = await lessonsOfBranch(db, p)
      const facts = await lessonFacts(db, c.var.deps.registry.owing, rows)
      return c.json({ items: rows.map((r) => presentLesson(r, facts, c.var.locale)) }, 200)
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
      const lesson = await findLesson(db, id)
      const actor = authorize(c.var.actor, timetablePolicies.lessonRead, lesson)
      const facts = await lessonFacts(db, c.var.deps.registry.owing, [lesson])
      // the emergency subset: for the lesson's teacher and roles with medical access, never the medical file
      const roster = await lessonRoster(
        db,
        lesson,
        allowed(actor, timetablePolicies.lessonEmergencyInfo, lesson) ? actor.id : null,
      )
      return c.json(
        { lesson: { ...presentLesson(lesson, facts, c.var.locale), roster: presentRoster(roster, c.var.locale) } },
        200,
      )
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
      const lesson = await findLesson(c.var.deps.database.db, id)
      const actor = authorize(c.var.actor, timetablePolicies.takeAttendance, lesson)
      return c.json({ saved: await takeAttendance(c.var.ctx, lesson, entries, actor) }, 200)
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
      const lesson = await findLesson(c.var.deps.database.db, id)
      const actor = authorize(c.var.actor, timetablePolicies.markDone, lesson)
      const deps = { docs: c.var.deps.docs, logger: c.var.deps.logger, hooks: c.var.deps.registry.hooks }
      return c.json(await markLessonDone(c.var.ctx, deps, lesson, actor), 200)
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
      const lesson = await findLesson(c.var.deps.database.db, id)
      const actor = authorize(c.var.actor, timetablePolicies.markDone, lesson)
      await undoLessonDone(c.var.ctx, c.var.deps, lesson, actor)
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
      authorizeRole(c.var.actor, timetablePolicies.cancel)
      const lesson = await findLesson(c.var.deps.database.db, id)
      const actor = authorize(c.var.actor, timetablePolicies.cancel, lesson)
      const credits = await cancelLesson(c.var.ctx, c.var.deps, lesson, input, actor)
      return c.json({ cancelled: true, makeUpCredits: credits }, 200)
    },
  )
