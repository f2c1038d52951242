import { createRoute, z } from '@hono/zod-openapi'
import { IdParam, createRouter, jsonBody, noContent, responses, security } from '../../../http/openapi'
import { branchesOf } from '../../../policies/branches'
import { authorize, authorizeRole } from '../../../policies/policy'
import { createActivity } from '../commands/create-activity'
import { createClosure } from '../commands/create-closure'
import { deleteClosure } from '../commands/delete-closure'
import { updateActivity } from '../commands/update-activity'
import { timetablePolicies } from '../policies'
import { presentActivity, presentClosure } from '../presenters'
import { activeTeachers, closuresFor, findClosure, listActivities } from '../queries/catalogue'
import { ActivityInput, ActivityPatch, ActivitySchema, ClosureInput, ClosureSchema, TeacherSchema } from '../schema'

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
      summary: 'Add a holiday or closure (owner, manager); the automatic schedule skips it',
      security,
      request: jsonBody(ClosureInput),
      responses: responses(201, z.object({ closure: ClosureSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      // a closure of every branch (branchId null) is for those who span every branch
      const actor = authorize(c.var.actor, timetablePolicies.closuresManage, input)
      const row = await createClosure(c.var.ctx, input, actor)
      return c.json({ closure: presentClosure(row) }, 201)
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
