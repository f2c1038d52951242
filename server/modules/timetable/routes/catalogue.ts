import { createRoute, z } from '@hono/zod-openapi'
import { IdParam, createRouter, jsonBody, noContent, responses, security } from '../../../http/openapi'
import { branchesOf } from '../../../policies/branches'
import { authorize, authorizeRole } from '../../../policies/policy'
import { createActivity } from '../commands/create-activity'
import { createClosure } from '../commands/create-closure'
import { deleteClosure } from '../commands/delete-closure'
import { updateActivity } from '../commands/update-activity'
import { timetablePolicies } from '../policies'
import { presentActivity, presentClosure, presentNormVersion } from '../presenters'
import { activeTeachers, closuresFor, findActivity, findClosure, listActivities, normVersions } from '../queries/catalogue'
import { lessonsInClosure, presentClosureLesson } from '../queries/closure-lessons'
import {
  ActivityInput,
  ActivityPatch,
  ActivitySchema,
  ClosureCreateInput,
  ClosureLessonSchema,
  ClosurePreviewQuery,
  ClosureResultSchema,
  ClosureSchema,
  NormVersionSchema,
  TeacherSchema,
} from '../schema'

/** The reference books of the timetable: the activity catalogue, the teachers, holidays and closures. */
export const catalogueRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/activities',
      tags: ['timetable'],
      summary: 'The activity catalogue with its norms (duration, group sizes, ages, staff ratio, consumables, price)',
      security,
      responses: responses(200, z.object({ items: z.array(ActivitySchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, timetablePolicies.catalogueRead)
      const rows = await listActivities(c.var.deps.database.db)
      return c.json({ items: rows.map(presentActivity) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/activities',
      tags: ['timetable'],
      summary: 'Add an activity to the catalogue (owner, manager)',
      security,
      request: jsonBody(ActivityInput),
      responses: responses(201, z.object({ activity: ActivitySchema })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, timetablePolicies.catalogueManage)
      const row = await createActivity(c.var.ctx, c.req.valid('json'), actor)
      return c.json({ activity: presentActivity(row) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/activities/{id}',
      tags: ['timetable'],
      summary: 'Edit an activity and its norms (owner, manager)',
      security,
      request: { params: IdParam, ...jsonBody(ActivityPatch) },
      responses: responses(200, z.object({ activity: ActivitySchema })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, timetablePolicies.catalogueManage)
      const { id } = c.req.valid('param')
      const row = await updateActivity(c.var.ctx, id, c.req.valid('json'), actor)
      return c.json({ activity: presentActivity(row) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/activities/{id}/norms',
      tags: ['timetable'],
      summary: 'The versions of an activity’s norms, each with the date it applies from (latest first)',
      security,
      request: { params: IdParam },
      responses: responses(200, z.object({ items: z.array(NormVersionSchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, timetablePolicies.catalogueRead)
      const { id } = c.req.valid('param')
      const db = c.var.deps.database.db
      await findActivity(db, id)
      return c.json({ items: (await normVersions(db, id)).map(presentNormVersion) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/teachers',
      tags: ['timetable'],
      summary: 'Active teachers (for pickers)',
      security,
      responses: responses(200, z.object({ items: z.array(TeacherSchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, timetablePolicies.catalogueRead)
      return c.json({ items: await activeTeachers(c.var.deps.database.db) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/closures',
      tags: ['timetable'],
      summary: 'Holidays and closures',
      security,
      responses: responses(200, z.object({ items: z.array(ClosureSchema) })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, timetablePolicies.catalogueRead)
      // the actor's branches' closures and the whole center's
      const rows = await closuresFor(c.var.deps.database.db, branchesOf(actor))
      return c.json({ items: rows.map(presentClosure) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/closures',
      tags: ['timetable'],
      summary:
        'Add a holiday or closure (owner, manager); the automatic schedule skips it. With cancelLessons, the lessons planned on its days are cancelled (offerMakeUp: a make-up credit for each member)',
      security,
      request: jsonBody(ClosureCreateInput),
      responses: responses(201, ClosureResultSchema),
    }),
    async (c) => {
      const input = c.req.valid('json')
      // a closure of every branch (branchId null) is for those who span every branch
      const actor = authorize(c.var.actor, timetablePolicies.closuresManage, input)
      const out = await createClosure(c.var.ctx, input, actor, c.var.deps)
      return c.json({ closure: presentClosure(out.closure), cancelled: out.cancelled, makeUpCredits: out.makeUpCredits }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/closures/preview',
      tags: ['timetable'],
      summary: 'The lessons a closure of these days would cancel (nothing is changed), with the make-up credits it would give',
      security,
      request: { query: ClosurePreviewQuery },
      responses: responses(200, z.object({ items: z.array(ClosureLessonSchema), makeUpCredits: z.number() })),
    }),
    async (c) => {
      const q = c.req.valid('query')
      const branchId = q.branchId ?? null
      authorize(c.var.actor, timetablePolicies.closuresManage, { branchId })
      const found = await lessonsInClosure(c.var.deps.database.db, { ...q, branchId })
      const items = found.lessons.map((l) => presentClosureLesson(l, found.members))
      const makeUpCredits = items.reduce((n, l) => n + (l.activityId ? l.memberCount : 0), 0)
      return c.json({ items, makeUpCredits }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/closures/{id}',
      tags: ['timetable'],
      summary: 'Remove a closure (owner, manager)',
      security,
      request: { params: IdParam },
      responses: noContent(),
    }),
    async (c) => {
      authorizeRole(c.var.actor, timetablePolicies.closuresManage)
      const { id } = c.req.valid('param')
      authorize(c.var.actor, timetablePolicies.closuresManage, await findClosure(c.var.deps.database.db, id))
      await deleteClosure(c.var.ctx, id)
      return c.body(null, 204)
    },
  )
