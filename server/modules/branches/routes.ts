import { createRoute, z } from '@hono/zod-openapi'
import { IdParam, createRouter, jsonBody, responses, security } from '../../http/openapi'
import { Uuid } from '../../http/values'
import { patchOf } from '../../http/patch'
import { branchesOf } from '../../policies/branches'
import { authorize, authorizeRole } from '../../policies/policy'
import { createBranch, updateBranch } from './commands/branches'
import { createRoom, updateRoom } from './commands/rooms'
import { branchesPolicies, roomsPolicies } from './policies'
import { BranchSchema, OpeningHours, RoomSchema, presentBranch, presentRoom } from './presenters'
import { listBranches, listRooms } from './queries'

export const BranchInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    address: z.string().trim().max(500).default(''),
    phone: z.string().trim().max(40).nullable().optional(),
    timezone: z.string().trim().min(1).max(64).refine(validTimezone, 'errors.field.timezone').optional(),
  })
  .openapi('BranchInput')

export const RoomInput = z
  .object({
    branchId: Uuid,
    name: z.string().trim().min(1).max(200),
    capacity: z.number().int().min(1).max(10000),
    hourlyCost: z.number().min(0).max(1_000_000).optional(),
    equipment: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
    openingHours: OpeningHours.nullable().optional(),
    /** Offered for booking (groups, lessons); false: kept but not booked. */
    bookable: z.boolean().optional(),
  })
  .openapi('RoomInput')

/** A room's edit: its fields, and `archived` (kept for history, no longer offered) or back. */
export const RoomPatch = RoomInput.omit({ branchId: true })
  .partial()
  .extend({ archived: z.boolean().optional() })
  .openapi('RoomPatch')

function validTimezone(tz: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

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
      authorize(c.var.actor, branchesPolicies.read)
      const rows = await listBranches(c.var.deps.database.db)
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
      const actor = authorize(c.var.actor, branchesPolicies.manage, { branchId: null })
      const row = await createBranch(c.var.ctx, actor, c.req.valid('json'))
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
      request: { params: IdParam, ...jsonBody(patchOf(BranchInput).openapi('BranchPatch')) },
      responses: responses(200, z.object({ branch: BranchSchema })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = authorize(c.var.actor, branchesPolicies.manage, { branchId: id })
      const row = await updateBranch(c.var.ctx, actor, id, c.req.valid('json'))
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
      const actor = authorize(c.var.actor, roomsPolicies.read, branchId ? { branchId } : undefined)
      const rows = await listRooms(c.var.deps.database.db, branchId ? { branchId } : { branchIds: branchesOf(actor) })
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
      const actor = authorize(c.var.actor, roomsPolicies.manage, { branchId: input.branchId })
      const row = await createRoom(c.var.ctx, actor, input)
      return c.json({ room: presentRoom(row) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/rooms/{id}',
      tags: ['center'],
      summary: 'Edit a room, take it out of booking, archive it or bring it back (owner, manager)',
      security,
      request: { params: IdParam, ...jsonBody(RoomPatch) },
      responses: responses(200, z.object({ room: RoomSchema })),
    }),
    async (c) => {
      // its branch is asked about once it is loaded (updateRoom)
      const actor = authorizeRole(c.var.actor, roomsPolicies.manage)
      const { id } = c.req.valid('param')
      const row = await updateRoom(c.var.ctx, actor, id, c.req.valid('json'))
      return c.json({ room: presentRoom(row) }, 200)
    },
  )
