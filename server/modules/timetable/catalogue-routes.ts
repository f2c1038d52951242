import { createRoute, z } from '@hono/zod-openapi'
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { activities, closures, users } from '../../../db/schema/index'
import { ConflictError, NotFoundError, ValidationError } from '../../errors'
import { authorize, authorizeInBranch } from '../../http/authorize'
import { branchesOf } from '../../policies/branches'
import { runCommand } from '../../http/command'
import { IdParam, createRouter, jsonBody, noContent, responses, security } from '../../http/openapi'
import { IsoDate, Uuid } from '../../http/values'

export const ActivityInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    category: z.enum(['sport', 'art', 'music', 'science', 'language', 'games', 'dance', 'event']),
    description: z.string().trim().max(2000).default(''),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'Use #rrggbb')
      .default('#4f7cff'),
    durationMinutes: z.number().int().min(5).max(720),
    minGroupSize: z.number().int().min(1).max(500).default(1),
    maxGroupSize: z.number().int().min(1).max(500),
    ageMin: z.number().int().min(0).max(120).nullable().optional(),
    ageMax: z.number().int().min(0).max(120).nullable().optional(),
    staffRatio: z.number().int().min(1).max(500),
    pricePerSession: z.number().min(0).max(100000),
    consumables: z
      .array(
        z.object({
          item: z.string().trim().min(1).max(100),
          quantity: z.number().positive().max(10000),
          unit: z.string().trim().min(1).max(20),
        }),
      )
      .max(50)
      .default([]),
    kind: z.enum(['group', 'individual', 'event']).default('group'),
    active: z.boolean().default(true),
  })
  .openapi('ActivityInput')

const ActivitySchema = ActivityInput.extend({ id: z.string().uuid(), pricePerSession: z.string() }).openapi('Activity')
const presentActivity = (a: typeof activities.$inferSelect) => ({
  id: a.id,
  name: a.name,
  category: a.category as z.infer<typeof ActivityInput>['category'],
  description: a.description,
  color: a.color,
  durationMinutes: a.durationMinutes,
  minGroupSize: a.minGroupSize,
  maxGroupSize: a.maxGroupSize,
  ageMin: a.ageMin,
  ageMax: a.ageMax,
  staffRatio: a.staffRatio,
  pricePerSession: a.pricePerSession,
  consumables: a.consumables,
  kind: a.kind as 'group' | 'individual' | 'event',
  active: a.active,
})

function checkNorms(a: { minGroupSize?: number; maxGroupSize?: number; ageMin?: number | null; ageMax?: number | null }) {
  const fields: Record<string, string> = {}
  if (a.minGroupSize !== undefined && a.maxGroupSize !== undefined && a.minGroupSize > a.maxGroupSize)
    fields.minGroupSize = 'Minimum is above the maximum'
  if (a.ageMin != null && a.ageMax != null && a.ageMin > a.ageMax) fields.ageMin = 'Minimum age is above the maximum'
  if (Object.keys(fields).length) throw ValidationError(fields)
}

const ClosureInput = z
  .object({ branchId: Uuid.nullable(), fromDate: IsoDate, toDate: IsoDate, name: z.string().trim().min(1).max(200) })
  .openapi('ClosureInput')
const ClosureSchema = ClosureInput.extend({ id: z.string().uuid() }).openapi('Closure')

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
      authorize(c.var.actor, 'read', 'timetable')
      const rows = await c.var.deps.database.db.select().from(activities).orderBy(asc(activities.category), asc(activities.name))
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
      const actor = authorize(c.var.actor, 'manage', 'timetable')
      const input = c.req.valid('json')
      checkNorms(input)
      const row = await runCommand(c.var.ctx, 'activities.create', async (tx) => {
        const [dup] = await tx.select({ id: activities.id }).from(activities).where(eq(activities.name, input.name))
        if (dup) throw ConflictError('An activity with this name exists', { name: 'An activity with this name exists' })
        const [a] = await tx
          .insert(activities)
          .values({ ...input, pricePerSession: String(input.pricePerSession), createdBy: actor.id, updatedBy: actor.id })
          .returning()
        return {
          result: a,
          entity: 'activity',
          entityId: a.id,
          after: presentActivity(a),
          events: [{ name: 'entity.changed', payload: { type: 'activity', id: a.id, action: 'create' } }],
        }
      })
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
      request: { params: IdParam, ...jsonBody(ActivityInput.partial()) },
      responses: responses(200, z.object({ activity: ActivitySchema })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'manage', 'timetable')
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const row = await runCommand(c.var.ctx, 'activities.update', async (tx) => {
        const [before] = await tx.select().from(activities).where(eq(activities.id, id)).for('update')
        if (!before) throw NotFoundError('Activity')
        checkNorms({
          minGroupSize: input.minGroupSize ?? before.minGroupSize,
          maxGroupSize: input.maxGroupSize ?? before.maxGroupSize,
          ageMin: input.ageMin !== undefined ? input.ageMin : before.ageMin,
          ageMax: input.ageMax !== undefined ? input.ageMax : before.ageMax,
        })
        const { pricePerSession, ...rest } = input
        const [a] = await tx
          .update(activities)
          .set({
            ...rest,
            ...(pricePerSession !== undefined ? { pricePerSession: String(pricePerSession) } : {}),
            updatedAt: sql`now()`,
            updatedBy: actor.id,
          })
          .where(eq(activities.id, id))
          .returning()
        return {
          result: a,
          entity: 'activity',
          entityId: id,
          before: presentActivity(before),
          after: presentActivity(a),
          events: [{ name: 'entity.changed', payload: { type: 'activity', id, action: 'update' } }],
        }
      })
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
      responses: responses(
        200,
        z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), branchIds: z.array(z.string()) })) }),
      ),
    }),
    async (c) => {
      authorize(c.var.actor, 'read', 'timetable')
      const rows = await c.var.deps.database.db
        .select({ id: users.id, name: users.name, branchIds: users.branchIds })
        .from(users)
        .where(and(eq(users.active, true), sql`'teacher' = any(${users.roles})`))
        .orderBy(asc(users.name))
      return c.json({ items: rows }, 200)
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
      const mine = branchesOf(authorize(c.var.actor, 'read', 'timetable'))
      // the actor's branches' closures and the whole center's
      const rows = await c.var.deps.database.db
        .select()
        .from(closures)
        .where(mine ? or(isNull(closures.branchId), inArray(closures.branchId, mine)) : undefined)
        .orderBy(asc(closures.fromDate))
      return c.json(
        { items: rows.map((r) => ({ id: r.id, branchId: r.branchId, fromDate: r.fromDate, toDate: r.toDate, name: r.name })) },
        200,
      )
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
      const actor = authorizeInBranch(c.var.actor, 'manage', 'timetable', input.branchId)
      if (input.toDate < input.fromDate) throw ValidationError({ toDate: 'Ends before it starts' })
      const row = await runCommand(c.var.ctx, 'closures.create', async (tx) => {
        const [r] = await tx
          .insert(closures)
          .values({ ...input, createdBy: actor.id })
          .returning()
        return { result: r, entity: 'closure', entityId: r.id, after: r }
      })
      return c.json(
        { closure: { id: row.id, branchId: row.branchId, fromDate: row.fromDate, toDate: row.toDate, name: row.name } },
        201,
      )
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
      const actor = authorize(c.var.actor, 'manage', 'timetable')
      const { id } = c.req.valid('param')
      await runCommand(c.var.ctx, 'closures.delete', async (tx) => {
        const [r] = await tx.delete(closures).where(eq(closures.id, id)).returning()
        if (!r) throw NotFoundError('Closure')
        authorizeInBranch(actor, 'manage', 'timetable', r.branchId)
        return { result: null, entity: 'closure', entityId: id, before: r }
      })
      return c.body(null, 204)
    },
  )
