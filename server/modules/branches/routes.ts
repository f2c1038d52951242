import { createRoute, z } from '@hono/zod-openapi'
import { asc, eq, inArray, sql } from 'drizzle-orm'
import { branches, rooms } from '../../../db/schema/index'
import { ConflictError, NotFoundError, ValidationError } from '../../errors'
import { authorize, authorizeInBranch } from '../../http/authorize'
import { branchesOf } from '../../policies/branches'
import { runCommand } from '../../http/command'
import { IdParam, createRouter, jsonBody, responses, security } from '../../http/openapi'
import { IsoTime, Uuid } from '../../http/values'

const OpeningHours = z.partialRecord(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), z.tuple([IsoTime, IsoTime]))

export const BranchSchema = z
  .object({ id: z.string().uuid(), name: z.string(), address: z.string(), phone: z.string().nullable(), timezone: z.string() })
  .openapi('Branch')
export const BranchInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    address: z.string().trim().max(500).default(''),
    phone: z.string().trim().max(40).nullable().optional(),
    timezone: z.string().trim().min(1).max(64).refine(validTimezone, 'Unknown time zone').optional(),
  })
  .openapi('BranchInput')

export const RoomSchema = z
  .object({
    id: z.string().uuid(),
    branchId: z.string().uuid(),
    name: z.string(),
    capacity: z.number().int(),
    hourlyCost: z.string(),
    equipment: z.array(z.string()),
    openingHours: OpeningHours.nullable(),
  })
  .openapi('Room')
export const RoomInput = z
  .object({
    branchId: Uuid,
    name: z.string().trim().min(1).max(200),
    capacity: z.number().int().min(1).max(10000),
    hourlyCost: z.number().min(0).max(1_000_000).optional(),
    equipment: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
    openingHours: OpeningHours.nullable().optional(),
  })
  .openapi('RoomInput')

function validTimezone(tz: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

const presentBranch = (b: typeof branches.$inferSelect) => ({
  id: b.id,
  name: b.name,
  address: b.address,
  phone: b.phone,
  timezone: b.timezone,
})
const presentRoom = (r: typeof rooms.$inferSelect) => ({
  id: r.id,
  branchId: r.branchId,
  name: r.name,
  capacity: r.capacity,
  hourlyCost: r.hourlyCost,
  equipment: r.equipment,
  openingHours: (r.openingHours ?? null) as Partial<
    Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string]>
  > | null,
})

const RoomsQuery = z.object({ branchId: Uuid.optional().openapi({ param: { name: 'branchId', in: 'query' } }) })

export const branchRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/branches',
      tags: ['center'],
      summary: 'Branches of the center',
      security,
      responses: responses(200, z.object({ items: z.array(BranchSchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, 'read', 'branches')
      const rows = await c.var.deps.database.db.select().from(branches).orderBy(asc(branches.name))
      return c.json({ items: rows.map(presentBranch) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/branches',
      tags: ['center'],
      summary: 'Create a branch (owner, manager)',
      security,
      request: jsonBody(BranchInput),
      responses: responses(201, z.object({ branch: BranchSchema })),
    }),
    async (c) => {
      // a new branch belongs to the whole center: only those who span every branch open one
      const actor = authorizeInBranch(c.var.actor, 'create', 'branches', null)
      const input = c.req.valid('json')
      const row = await runCommand(c.var.ctx, 'branches.create', async (tx) => {
        const [dup] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.name, input.name)).limit(1)
        if (dup) throw ConflictError('A branch with this name exists', { name: 'A branch with this name exists' })
        const [b] = await tx
          .insert(branches)
          .values({ ...input, phone: input.phone ?? null, createdBy: actor.id, updatedBy: actor.id })
          .returning()
        return {
          result: b,
          entity: 'branch',
          entityId: b.id,
          after: presentBranch(b),
          events: [{ name: 'entity.changed', payload: { type: 'branch', id: b.id, action: 'create' } }],
        }
      })
      return c.json({ branch: presentBranch(row) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/branches/{id}',
      tags: ['center'],
      summary: 'Edit a branch (owner, manager)',
      security,
      request: { params: IdParam, ...jsonBody(BranchInput.partial()) },
      responses: responses(200, z.object({ branch: BranchSchema })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = authorizeInBranch(c.var.actor, 'update', 'branches', id)
      const input = c.req.valid('json')
      const row = await runCommand(c.var.ctx, 'branches.update', async (tx) => {
        const [before] = await tx.select().from(branches).where(eq(branches.id, id)).limit(1)
        if (!before) throw NotFoundError('Branch')
        const [b] = await tx
          .update(branches)
          .set({ ...input, updatedAt: sql`now()`, updatedBy: actor.id })
          .where(eq(branches.id, id))
          .returning()
        return {
          result: b,
          entity: 'branch',
          entityId: id,
          before: presentBranch(before),
          after: presentBranch(b),
          events: [{ name: 'entity.changed', payload: { type: 'branch', id, action: 'update' } }],
        }
      })
      return c.json({ branch: presentBranch(row) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/rooms',
      tags: ['center'],
      summary: 'Rooms, optionally of one branch',
      security,
      request: { query: RoomsQuery },
      responses: responses(200, z.object({ items: z.array(RoomSchema) })),
    }),
    async (c) => {
      const { branchId } = c.req.valid('query')
      const actor = branchId ? authorizeInBranch(c.var.actor, 'read', 'rooms', branchId) : authorize(c.var.actor, 'read', 'rooms')
      const mine = branchesOf(actor)
      const db = c.var.deps.database.db
      const rows = await db
        .select()
        .from(rooms)
        .where(branchId ? eq(rooms.branchId, branchId) : mine ? inArray(rooms.branchId, mine) : undefined)
        .orderBy(asc(rooms.name))
      return c.json({ items: rows.map(presentRoom) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/rooms',
      tags: ['center'],
      summary: 'Create a room (owner, manager)',
      security,
      request: jsonBody(RoomInput),
      responses: responses(201, z.object({ room: RoomSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorizeInBranch(c.var.actor, 'create', 'rooms', input.branchId)
      const row = await runCommand(c.var.ctx, 'rooms.create', async (tx) => {
        const [branch] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, input.branchId)).limit(1)
        if (!branch) throw ValidationError({ branchId: 'No such branch' })
        const [r] = await tx
          .insert(rooms)
          .values({
            ...input,
            hourlyCost: String(input.hourlyCost ?? 0),
            equipment: input.equipment ?? [],
            createdBy: actor.id,
            updatedBy: actor.id,
          })
          .returning()
        return {
          result: r,
          entity: 'room',
          entityId: r.id,
          after: presentRoom(r),
          events: [{ name: 'entity.changed', payload: { type: 'room', id: r.id, action: 'create', branchId: r.branchId } }],
        }
      })
      return c.json({ room: presentRoom(row) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/rooms/{id}',
      tags: ['center'],
      summary: 'Edit a room (owner, manager)',
      security,
      request: { params: IdParam, ...jsonBody(RoomInput.omit({ branchId: true }).partial()) },
      responses: responses(200, z.object({ room: RoomSchema })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'update', 'rooms')
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const row = await runCommand(c.var.ctx, 'rooms.update', async (tx) => {
        const [before] = await tx.select().from(rooms).where(eq(rooms.id, id)).limit(1)
        if (!before) throw NotFoundError('Room')
        authorizeInBranch(actor, 'update', 'rooms', before.branchId)
        const { hourlyCost, ...rest } = input
        const [r] = await tx
          .update(rooms)
          .set({
            ...rest,
            ...(hourlyCost !== undefined ? { hourlyCost: String(hourlyCost) } : {}),
            updatedAt: sql`now()`,
            updatedBy: actor.id,
          })
          .where(eq(rooms.id, id))
          .returning()
        return {
          result: r,
          entity: 'room',
          entityId: id,
          before: presentRoom(before),
          after: presentRoom(r),
          events: [{ name: 'entity.changed', payload: { type: 'room', id, action: 'update', branchId: r.branchId } }],
        }
      })
      return c.json({ room: presentRoom(row) }, 200)
    },
  )
