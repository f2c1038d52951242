import { createRoute, z } from '@hono/zod-openapi'
import { LEAVE_REASONS } from '../../../../domain/clients/vocabulary'
import { IdParam, createRouter, jsonBody, noContent, responses, security } from '../../../http/openapi'
import { branchesOf } from '../../../policies/branches'
import { authorize, authorizeRole } from '../../../policies/policy'
import { addToWaitingList } from '../commands/add-to-waiting-list'
import { createGroup } from '../commands/create-group'
import { deleteGroup } from '../commands/delete-group'
import { enrolClient } from '../commands/enrol-client'
import { enrolFromWaitingList } from '../commands/enrol-from-waiting-list'
import { takeOutOfGroup } from '../commands/take-out-of-group'
import { transferMember } from '../commands/transfer-member'
import { updateGroup } from '../commands/update-group'
import { moveWaitingEntry, offerPlace, removeFromWaitingList } from '../commands/waiting-list'
import { ValidationError } from '../../../errors'
import { timetablePolicies } from '../policies'
import { presentGroup, presentGroupPeople } from '../presenters'
import { findGroup, groupFacts, groupMemberList, groupWaitingList, groupsIn } from '../queries/groups'
import {
  GroupInput,
  GroupPatch,
  GroupSchema,
  GroupsQuery,
  MemberInput,
  MemberParams,
  TransferInput,
  WaitingInput,
  WaitingMoveInput,
  WaitingParams,
} from '../schema'

/** Why a client leaves a group (optional): a code of the leave reasons and a note kept as typed. */
const LeaveQuery = z.object({
  reason: z
    .enum(LEAVE_REASONS)
    .optional()
    .openapi({ param: { name: 'reason', in: 'query' } }),
  note: z
    .string()
    .max(500)
    .optional()
    .openapi({ param: { name: 'note', in: 'query' } }),
})
/** Groups: the lists, one group with its members and waiting list, and the commands on them. */
export const groupRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/groups',
      tags: ['timetable'],
      summary: 'Groups, with members count, waiting list and who owes (red line)',
      security,
      request: { query: GroupsQuery },
      responses: responses(200, z.object({ items: z.array(GroupSchema) })),
    }),
    async (c) => {
      const { branchId } = c.req.valid('query')
      // one branch the actor works in, or every branch of theirs
      const actor = branchId
        ? authorize(c.var.actor, timetablePolicies.read, { branchId })
        : authorizeRole(c.var.actor, timetablePolicies.read)
      const db = c.var.deps.database.db
      const rows = await groupsIn(db, branchId ? [branchId] : branchesOf(actor))
      const facts = await groupFacts(db, c.var.deps.registry.owing, rows)
      return c.json({ items: rows.map((g) => presentGroup(g, facts, c.var.locale)) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/groups/{id}',
      tags: ['timetable'],
      summary: 'A group with its members (allergy badge only) and waiting list',
      security,
      request: { params: IdParam },
      responses: responses(
        200,
        z.object({ group: GroupSchema.extend({ members: z.array(z.any()), waiting: z.array(z.any()) }) }),
      ),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const db = c.var.deps.database.db
      authorizeRole(c.var.actor, timetablePolicies.groupRead)
      const g = await findGroup(db, id)
      authorize(c.var.actor, timetablePolicies.groupRead, g)
      const [facts, members, waiting] = await Promise.all([
        groupFacts(db, c.var.deps.registry.owing, [g]),
        groupMemberList(db, id),
        groupWaitingList(db, id),
      ])
      return c.json(
        { group: { ...presentGroup(g, facts, c.var.locale), ...presentGroupPeople(members, waiting, c.var.locale) } },
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/groups',
      tags: ['timetable'],
      summary: 'Create a group (owner, manager, receptionist)',
      security,
      request: jsonBody(GroupInput),
      responses: responses(201, z.object({ group: GroupSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorize(c.var.actor, timetablePolicies.groupManage, input)
      const db = c.var.deps.database.db
      const row = await createGroup(c.var.ctx, input, actor)
      return c.json({ group: presentGroup(row, await groupFacts(db, c.var.deps.registry.owing, [row]), c.var.locale) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/groups/{id}',
      tags: ['timetable'],
      summary: 'Edit a group (pattern changes apply to lessons generated from now on)',
      security,
      request: { params: IdParam, ...jsonBody(GroupPatch) },
      responses: responses(200, z.object({ group: GroupSchema })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const db = c.var.deps.database.db
      authorizeRole(c.var.actor, timetablePolicies.groupManage)
      const before = await findGroup(db, id)
      const actor = authorize(c.var.actor, timetablePolicies.groupManage, before)
      const row = await updateGroup(c.var.ctx, before, input, actor)
      return c.json({ group: presentGroup(row, await groupFacts(db, c.var.deps.registry.owing, [row]), c.var.locale) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/groups/{id}',
      tags: ['timetable'],
      summary: 'Delete a group (kept for history; its future lessons are flagged)',
      security,
      request: { params: IdParam },
      responses: noContent(),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      authorizeRole(c.var.actor, timetablePolicies.groupDelete)
      const before = await findGroup(c.var.deps.database.db, id)
      const actor = authorize(c.var.actor, timetablePolicies.groupDelete, before)
      await deleteGroup(c.var.ctx, before, actor)
      return c.body(null, 204)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/groups/{id}/members',
      tags: ['timetable'],
      summary: 'Enrol a client (refused above capacity unless overrideCapacity)',
      security,
      request: { params: IdParam, ...jsonBody(MemberInput) },
      responses: responses(201, z.object({ memberCount: z.number() })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const actor = await authorizeEnrol(c.var.deps.database.db, c.var.actor, id)
      return c.json({ memberCount: await enrolClient(c.var.ctx, id, input, actor) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/groups/{id}/members/{clientId}',
      tags: ['timetable'],
      summary: 'Take a client out of a group; the first on the waiting list is offered the place',
      description:
        'With `reason` (moved, schedule, price, lost_interest, health, unhappy, teacher_conflict, other) and `note` (at most 500 characters, kept as typed), why they leave: the teacher performance and inflow reports count refusals and churn by reason.',
      security,
      request: { params: MemberParams, query: LeaveQuery },
      responses: noContent(),
    }),
    async (c) => {
      const { id, clientId } = c.req.valid('param')
      const { reason, note } = c.req.valid('query')
      const actor = await authorizeEnrol(c.var.deps.database.db, c.var.actor, id)
      await takeOutOfGroup(c.var.ctx, id, clientId, actor, { reason: reason ?? null, note: note ?? null })
      return c.body(null, 204)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/groups/{id}/waiting',
      tags: ['timetable'],
      summary: 'Put a client on the waiting list',
      security,
      request: { params: IdParam, ...jsonBody(WaitingInput) },
      responses: responses(201, z.object({ entryId: z.string() })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { clientId } = c.req.valid('json')
      const actor = await authorizeEnrol(c.var.deps.database.db, c.var.actor, id)
      const entryId = await addToWaitingList(c.var.ctx, id, clientId, actor)
      return c.json({ entryId: String(entryId) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/groups/{id}/waiting/{entryId}/enrol',
      tags: ['timetable'],
      summary: 'Enrol the offered (or any waiting) client with one action',
      security,
      request: { params: WaitingParams },
      responses: responses(200, z.object({ memberCount: z.number() })),
    }),
    async (c) => {
      const { id, entryId } = c.req.valid('param')
      const actor = await authorizeEnrol(c.var.deps.database.db, c.var.actor, id)
      return c.json({ memberCount: await enrolFromWaitingList(c.var.ctx, id, Number(entryId), actor) }, 200)
    },
  )

/** Transfers, the waiting list's removals and offers (issue #17: the screens' roster and waiting list). */
export const groupRosterRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/groups/{id}/members/{clientId}/transfer',
      tags: ['timetable'],
      summary:
        'Move a member to another group: one membership ends (kept as history), the other starts; the freed place is offered to the first waiting',
      security,
      request: { params: MemberParams, ...jsonBody(TransferInput) },
      responses: responses(200, z.object({ memberCount: z.number() })),
    }),
    async (c) => {
      const { id, clientId } = c.req.valid('param')
      const input = c.req.valid('json')
      const db = c.var.deps.database.db
      const actor = await authorizeEnrol(db, c.var.actor, id)
      const from = await findGroup(db, id)
      const to = await findGroup(db, input.toGroupId).catch(() => {
        throw ValidationError({ toGroupId: 'errors.field.noSuchGroup' })
      })
      // both groups: the actor enrols in the one they move the member to as well
      authorize(actor, timetablePolicies.enrol, to)
      return c.json(
        { memberCount: await transferMember(c.var.ctx, from, to, clientId, input.overrideCapacity ?? false, actor) },
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/groups/{id}/waiting/{entryId}',
      tags: ['timetable'],
      summary: 'Take a client off the waiting list (an offer made to them passes to the next one waiting)',
      security,
      request: { params: WaitingParams },
      responses: noContent(),
    }),
    async (c) => {
      const { id, entryId } = c.req.valid('param')
      const db = c.var.deps.database.db
      const actor = await authorizeEnrol(db, c.var.actor, id)
      await removeFromWaitingList(c.var.ctx, await findGroup(db, id), Number(entryId), actor)
      return c.body(null, 204)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/groups/{id}/waiting/{entryId}/offer',
      tags: ['timetable'],
      summary: 'Offer a free place to this waiting client (raises the waiting_list_offer alert); 409 when no place is free',
      security,
      request: { params: WaitingParams },
      responses: responses(200, z.object({ offered: z.boolean() })),
    }),
    async (c) => {
      const { id, entryId } = c.req.valid('param')
      const db = c.var.deps.database.db
      const actor = await authorizeEnrol(db, c.var.actor, id)
      await offerPlace(c.var.ctx, await findGroup(db, id), Number(entryId), actor)
      return c.json({ offered: true }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/groups/{id}/waiting/{entryId}/move',
      tags: ['timetable'],
      summary:
        'Move a waiting client in the list: just before the entry `before`, or to the end with null (the freed place goes to the first)',
      security,
      request: { params: WaitingParams, ...jsonBody(WaitingMoveInput) },
      responses: responses(200, z.object({ position: z.number() })),
    }),
    async (c) => {
      const { id, entryId } = c.req.valid('param')
      const { before } = c.req.valid('json')
      const db = c.var.deps.database.db
      await authorizeEnrol(db, c.var.actor, id)
      const position = await moveWaitingEntry(
        c.var.ctx,
        await findGroup(db, id),
        Number(entryId),
        before === null ? null : Number(before),
      )
      return c.json({ position }, 200)
    },
  )

/** `groups.enrol` on a group: refused by role before it is looked up (403 before 404), then by its branch. */
async function authorizeEnrol(db: Parameters<typeof findGroup>[0], actor: Parameters<typeof authorizeRole>[0], id: string) {
  authorizeRole(actor, timetablePolicies.enrol)
  return authorize(actor, timetablePolicies.enrol, await findGroup(db, id))
}
