import { createRoute, z } from '@hono/zod-openapi'
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Queryable, Tx } from '../../../db/client'
import { lessons } from '../../../db/schema/index'
import { loadTimetableContext } from './context'
import { refreshClashes } from './projection'
import {
  activities,
  branches,
  clientMedicalSummary,
  clients,
  groupMembers,
  groups,
  rooms,
  users,
  waitingList,
} from '../../../db/schema/index'
import { ConflictError, NotFoundError, ValidationError } from '../../errors'
import { authorize, authorizeInBranch } from '../../http/authorize'
import { branchesOf } from '../../policies/branches'
import type { Action, Actor } from '../../policies/permissions'
import { runCommand, type CommandOutcome } from '../../http/command'
import { IdParam, createRouter, jsonBody, noContent, responses, security } from '../../http/openapi'
import { raiseAlert, clearAlert } from '../alerts/engine'
import { timetableAlerts } from './alert-kinds'
import { todayIso } from '../../../domain/clients/rules'
import type { OwingRules } from '../../boot/registry'
import { IsoDate, IsoTime, SerialId, Uuid } from '../../http/values'

const Slot = z.object({ weekday: z.number().int().min(1).max(7), start: IsoTime, end: IsoTime })

export const GroupInput = z
  .object({
    branchId: Uuid,
    activityId: Uuid,
    name: z.string().trim().min(1).max(100),
    teacherId: Uuid,
    assistantId: Uuid.nullable().optional(),
    roomId: Uuid,
    pattern: z.array(Slot).min(1).max(14),
    termStart: IsoDate,
    termEnd: IsoDate,
    capacity: z.number().int().min(1).max(500).nullable().optional(),
    ageMin: z.number().int().min(0).max(120).nullable().optional(),
    ageMax: z.number().int().min(0).max(120).nullable().optional(),
  })
  .openapi('GroupInput')

const MemberInput = z.object({ clientId: Uuid, overrideCapacity: z.boolean().optional() }).openapi('GroupMemberInput')
const MemberParams = z.object({
  id: Uuid.openapi({ param: { name: 'id', in: 'path' } }),
  clientId: Uuid.openapi({ param: { name: 'clientId', in: 'path' } }),
})
const WaitingParams = z.object({
  id: Uuid.openapi({ param: { name: 'id', in: 'path' } }),
  entryId: SerialId('Invalid waiting list entry').openapi({ param: { name: 'entryId', in: 'path' } }),
})

const OwingSchema = z.object({ clientId: z.string(), name: z.string(), reasons: z.array(z.string()) })
const GroupSchema = z
  .object({
    id: z.string(),
    branchId: z.string(),
    activityId: z.string(),
    name: z.string(),
    teacherId: z.string(),
    assistantId: z.string().nullable(),
    roomId: z.string(),
    pattern: z.array(Slot),
    termStart: z.string(),
    termEnd: z.string(),
    capacity: z.number(),
    ageMin: z.number().nullable(),
    ageMax: z.number().nullable(),
    memberCount: z.number(),
    waitingCount: z.number(),
    red: z.boolean(),
    owing: z.array(OwingSchema),
  })
  .openapi('Group')

/** Effective capacity: the group's override, else the activity norm, never above the room. */
async function capacityOfGroup(db: Queryable, g: typeof groups.$inferSelect): Promise<number> {
  const [[a], [r]] = await Promise.all([
    db.select({ max: activities.maxGroupSize }).from(activities).where(eq(activities.id, g.activityId)),
    db.select({ cap: rooms.capacity }).from(rooms).where(eq(rooms.id, g.roomId)),
  ])
  return Math.min(g.capacity ?? a?.max ?? 0, r?.cap ?? Number.MAX_SAFE_INTEGER)
}

/** Groups as lists show them, with who owes (red line) and counts. */
export async function presentGroups(db: Queryable, owingRule: OwingRules, rows: Array<typeof groups.$inferSelect>) {
  if (!rows.length) return []
  const ids = rows.map((g) => g.id)
  const [members, waiting, acts, roomRows] = await Promise.all([
    db
      .select({
        groupId: groupMembers.groupId,
        clientId: groupMembers.clientId,
        first: clients.firstName,
        last: clients.lastName,
      })
      .from(groupMembers)
      .innerJoin(clients, eq(clients.id, groupMembers.clientId))
      .where(and(inArray(groupMembers.groupId, ids), isNull(groupMembers.leftAt))),
    db
      .select({ groupId: waitingList.groupId, n: count() })
      .from(waitingList)
      .where(and(inArray(waitingList.groupId, ids), inArray(waitingList.status, ['waiting', 'offered'])))
      .groupBy(waitingList.groupId),
    db.select({ id: activities.id, max: activities.maxGroupSize }).from(activities),
    db
      .select({ id: rooms.id, cap: rooms.capacity })
      .from(rooms)
      .where(
        inArray(
          rooms.id,
          rows.map((g) => g.roomId),
        ),
      ),
  ])
  const maxOf = new Map(acts.map((a) => [a.id, a.max]))
  const roomCap = new Map(roomRows.map((r) => [r.id, r.cap]))
  const out = []
  for (const g of rows) {
    const mine = members.filter((m) => m.groupId === g.id)
    const owing = await owingRule.reasons(
      mine.map((m) => m.clientId),
      { db, activityId: g.activityId, on: todayIso() },
    )
    out.push({
      id: g.id,
      branchId: g.branchId,
      activityId: g.activityId,
      name: g.name,
      teacherId: g.teacherId,
      assistantId: g.assistantId,
      roomId: g.roomId,
      pattern: g.pattern,
      termStart: g.termStart,
      termEnd: g.termEnd,
      capacity: Math.min(g.capacity ?? maxOf.get(g.activityId) ?? 0, roomCap.get(g.roomId) ?? Number.MAX_SAFE_INTEGER),
      ageMin: g.ageMin,
      ageMax: g.ageMax,
      memberCount: mine.length,
      waitingCount: Number(waiting.find((w) => w.groupId === g.id)?.n ?? 0),
      red: owing.size > 0,
      owing: mine
        .filter((m) => owing.has(m.clientId))
        .map((m) => ({ clientId: m.clientId, name: `${m.first} ${m.last}`, reasons: owing.get(m.clientId)! })),
    })
  }
  return out
}

async function validateGroupRefs(db: Queryable, input: Partial<z.infer<typeof GroupInput>>, branchId: string) {
  const fields: Record<string, string> = {}
  if (input.roomId) {
    const [r] = await db.select({ branchId: rooms.branchId }).from(rooms).where(eq(rooms.id, input.roomId))
    if (!r) fields.roomId = 'No such room'
    else if (r.branchId !== branchId) fields.roomId = 'The room belongs to another branch'
  }
  if (
    input.activityId &&
    !(await db.select({ id: activities.id }).from(activities).where(eq(activities.id, input.activityId))).length
  )
    fields.activityId = 'No such activity'
  for (const key of ['teacherId', 'assistantId'] as const) {
    const id = input[key]
    if (!id) continue
    const [u] = await db.select({ roles: users.roles, active: users.active }).from(users).where(eq(users.id, id))
    if (!u || !u.active || !u.roles.includes('teacher')) fields[key] = 'Not an active teacher'
  }
  for (const [i, s] of (input.pattern ?? []).entries()) if (s.end <= s.start) fields[`pattern.${i}.end`] = 'Ends before it starts'
  if (input.termStart && input.termEnd && input.termEnd < input.termStart) fields.termEnd = 'The term ends before it starts'
  if (input.ageMin != null && input.ageMax != null && input.ageMin > input.ageMax)
    fields.ageMin = 'Minimum age is above the maximum'
  if (Object.keys(fields).length) throw ValidationError(fields)
}

/** When a place frees up, the first waiting client is offered it (an alert to receptionists). */
async function offerFreedPlace(tx: Queryable, group: typeof groups.$inferSelect, by: string) {
  const [first] = await tx
    .select({ w: waitingList, first: clients.firstName, last: clients.lastName })
    .from(waitingList)
    .innerJoin(clients, eq(clients.id, waitingList.clientId))
    .where(and(eq(waitingList.groupId, group.id), eq(waitingList.status, 'waiting')))
    .orderBy(asc(waitingList.addedAt), asc(waitingList.id))
    .limit(1)
  if (!first) return null
  await tx
    .update(waitingList)
    .set({ status: 'offered', offeredAt: sql`now()` })
    .where(eq(waitingList.id, first.w.id))
  return raiseAlert(tx, {
    kind: timetableAlerts.waiting_list_offer,
    subject: `waiting:${first.w.id}`,
    message: `A place is free in ${group.name}: offer it to ${first.first} ${first.last} (first on the waiting list)`,
    details: { groupId: group.id, clientId: first.w.clientId, entryId: first.w.id },
    branchId: group.branchId,
    by,
  })
}

async function loadGroup(db: Queryable, id: string) {
  const [g] = await db
    .select()
    .from(groups)
    .where(and(eq(groups.id, id), isNull(groups.deletedAt)))
  if (!g) throw NotFoundError('Group')
  return g
}

/** Loads a group and checks the actor may do `action` in its branch (404 first, then 403). */
async function authorizeGroup(db: Queryable, actor: Actor | null, action: Action, id: string) {
  authorize(actor, action, 'timetable')
  const group = await loadGroup(db, id)
  // a group's own teacher and assistant read it wherever it is
  const own = action === 'read' && !!actor && (group.teacherId === actor.id || group.assistantId === actor.id)
  return { actor: own ? actor : authorizeInBranch(actor, action, 'timetable', group.branchId), group }
}

const GroupsQuery = z.object({ branchId: Uuid.optional().openapi({ param: { name: 'branchId', in: 'query' } }) })

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
      const actor = branchId
        ? authorizeInBranch(c.var.actor, 'read', 'timetable', branchId)
        : authorize(c.var.actor, 'read', 'timetable')
      const mine = branchesOf(actor)
      const db = c.var.deps.database.db
      const scope = branchId ? eq(groups.branchId, branchId) : mine ? inArray(groups.branchId, mine) : undefined
      const rows = await db
        .select()
        .from(groups)
        .where(and(isNull(groups.deletedAt), scope))
        .orderBy(asc(groups.name))
      return c.json({ items: await presentGroups(db, c.var.deps.registry.owing, rows) }, 200)
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
      const { group: g } = await authorizeGroup(db, c.var.actor, 'read', id)
      const [presented] = await presentGroups(db, c.var.deps.registry.owing, [g])
      const members = await db
        .select({
          clientId: clients.id,
          first: clients.firstName,
          last: clients.lastName,
          birthDate: clients.birthDate,
          joinedAt: groupMembers.joinedAt,
          allergies: clientMedicalSummary.allergies,
        })
        .from(groupMembers)
        .innerJoin(clients, eq(clients.id, groupMembers.clientId))
        .leftJoin(clientMedicalSummary, eq(clientMedicalSummary.clientId, clients.id))
        .where(and(eq(groupMembers.groupId, id), isNull(groupMembers.leftAt)))
        .orderBy(asc(clients.lastName))
      const waiting = await db
        .select({
          entryId: waitingList.id,
          clientId: clients.id,
          first: clients.firstName,
          last: clients.lastName,
          status: waitingList.status,
          addedAt: waitingList.addedAt,
        })
        .from(waitingList)
        .innerJoin(clients, eq(clients.id, waitingList.clientId))
        .where(and(eq(waitingList.groupId, id), inArray(waitingList.status, ['waiting', 'offered'])))
        .orderBy(asc(waitingList.addedAt), asc(waitingList.id))
      return c.json(
        {
          group: {
            ...presented,
            members: members.map((m) => ({
              clientId: m.clientId,
              name: `${m.first} ${m.last}`,
              birthDate: m.birthDate,
              joinedAt: m.joinedAt.toISOString(),
              allergy: Boolean(m.allergies),
            })),
            waiting: waiting.map((w) => ({
              entryId: String(w.entryId),
              clientId: w.clientId,
              name: `${w.first} ${w.last}`,
              status: w.status,
              addedAt: w.addedAt.toISOString(),
            })),
          },
        },
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
      const actor = authorizeInBranch(c.var.actor, 'create', 'timetable', input.branchId)
      const db = c.var.deps.database.db
      if (!(await db.select({ id: branches.id }).from(branches).where(eq(branches.id, input.branchId))).length)
        throw ValidationError({ branchId: 'No such branch' })
      await validateGroupRefs(db, input, input.branchId)
      const row = await runCommand(c.var.ctx, 'groups.create', async (tx) => {
        const [g] = await tx
          .insert(groups)
          .values({ ...input, createdBy: actor.id, updatedBy: actor.id })
          .returning()
        return {
          result: g,
          entity: 'group',
          entityId: g.id,
          after: g,
          events: [{ name: 'entity.changed', payload: { type: 'group', id: g.id, action: 'create', branchId: g.branchId } }],
        }
      })
      const [presented] = await presentGroups(db, c.var.deps.registry.owing, [row])
      return c.json({ group: presented }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/groups/{id}',
      tags: ['timetable'],
      summary: 'Edit a group (pattern changes apply to lessons generated from now on)',
      security,
      request: { params: IdParam, ...jsonBody(GroupInput.omit({ branchId: true }).partial()) },
      responses: responses(200, z.object({ group: GroupSchema })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const db = c.var.deps.database.db
      const { actor, group: before } = await authorizeGroup(db, c.var.actor, 'create', id)
      await validateGroupRefs(
        db,
        { ...input, termStart: input.termStart ?? before.termStart, termEnd: input.termEnd ?? before.termEnd },
        before.branchId,
      )
      const row = await runCommand(c.var.ctx, 'groups.update', async (tx) => {
        const [g] = await tx
          .update(groups)
          .set({ ...input, updatedAt: sql`now()`, updatedBy: actor.id })
          .where(eq(groups.id, id))
          .returning()
        return {
          result: g,
          entity: 'group',
          entityId: id,
          before,
          after: g,
          events: [{ name: 'entity.changed', payload: { type: 'group', id, action: 'update', branchId: g.branchId } }],
        }
      })
      const [presented] = await presentGroups(db, c.var.deps.registry.owing, [row])
      return c.json({ group: presented }, 200)
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
      const { actor, group: before } = await authorizeGroup(c.var.deps.database.db, c.var.actor, 'manage', id)
      await runCommand(c.var.ctx, 'groups.delete', async (tx) => {
        await tx
          .update(groups)
          .set({ deletedAt: sql`now()`, updatedBy: actor.id })
          .where(eq(groups.id, id))
        return {
          result: null,
          entity: 'group',
          entityId: id,
          before,
          events: [{ name: 'entity.changed', payload: { type: 'group', id, action: 'delete', branchId: before.branchId } }],
        }
      })
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
      const { actor } = await authorizeGroup(c.var.deps.database.db, c.var.actor, 'create', id)
      const n = await runCommand(c.var.ctx, 'groups.enrol', async (tx) =>
        enrol(tx, id, input.clientId, input.overrideCapacity === true, actor.id),
      )
      return c.json({ memberCount: n }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/groups/{id}/members/{clientId}',
      tags: ['timetable'],
      summary: 'Take a client out of a group; the first on the waiting list is offered the place',
      security,
      request: { params: MemberParams },
      responses: noContent(),
    }),
    async (c) => {
      const { id, clientId } = c.req.valid('param')
      const { actor } = await authorizeGroup(c.var.deps.database.db, c.var.actor, 'create', id)
      await runCommand(c.var.ctx, 'groups.leave', async (tx) => {
        const g = await loadGroup(tx, id)
        const left = await tx
          .update(groupMembers)
          .set({ leftAt: sql`now()`, leftBy: actor.id })
          .where(and(eq(groupMembers.groupId, id), eq(groupMembers.clientId, clientId), isNull(groupMembers.leftAt)))
          .returning()
        if (!left.length) throw NotFoundError('Member')
        const offer = await offerFreedPlace(tx, g, actor.id)
        const recheck = await recheckGroupLessons(tx, id, actor.id)
        const events: NonNullable<CommandOutcome<null>['events']> = [
          { name: 'entity.changed', payload: { type: 'group', id, action: 'update', branchId: g.branchId } },
        ]
        if (offer) events.push(offer)
        events.push(...recheck)
        return { result: null, entity: 'group', entityId: id, after: { left: clientId }, events }
      })
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
      request: { params: IdParam, ...jsonBody(z.object({ clientId: Uuid })) },
      responses: responses(201, z.object({ entryId: z.string() })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { clientId } = c.req.valid('json')
      const { actor } = await authorizeGroup(c.var.deps.database.db, c.var.actor, 'create', id)
      const entry = await runCommand(c.var.ctx, 'groups.wait', async (tx) => {
        const g = await loadGroup(tx, id)
        const [client] = await tx
          .select({ id: clients.id })
          .from(clients)
          .where(and(eq(clients.id, clientId), isNull(clients.erasedAt)))
        if (!client) throw ValidationError({ clientId: 'No such client' })
        const dup = await tx
          .select({ id: waitingList.id })
          .from(waitingList)
          .where(
            and(
              eq(waitingList.groupId, id),
              eq(waitingList.clientId, clientId),
              inArray(waitingList.status, ['waiting', 'offered']),
            ),
          )
        if (dup.length) throw ConflictError('Already on the waiting list', { clientId: 'Already on the waiting list' })
        const [w] = await tx.insert(waitingList).values({ groupId: id, clientId, addedBy: actor.id }).returning()
        // a free place right now? offer it at once
        const [{ n }] = await tx
          .select({ n: count() })
          .from(groupMembers)
          .where(and(eq(groupMembers.groupId, id), isNull(groupMembers.leftAt)))
        const offer = Number(n) < (await capacityOfGroup(tx, g)) ? await offerFreedPlace(tx, g, actor.id) : null
        return { result: w, entity: 'group', entityId: id, after: { waiting: clientId }, events: offer ? [offer] : [] }
      })
      return c.json({ entryId: String(entry.id) }, 201)
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
      const { actor } = await authorizeGroup(c.var.deps.database.db, c.var.actor, 'create', id)
      const n = await runCommand(c.var.ctx, 'groups.enrol_waiting', async (tx, audit) => {
        const [w] = await tx
          .select()
          .from(waitingList)
          .where(
            and(
              eq(waitingList.id, Number(entryId)),
              eq(waitingList.groupId, id),
              inArray(waitingList.status, ['waiting', 'offered']),
            ),
          )
          .for('update')
        if (!w) throw NotFoundError('Waiting list entry')
        const out = await enrol(tx, id, w.clientId, false, actor.id)
        await tx
          .update(waitingList)
          .set({ status: 'enrolled', closedAt: sql`now()` })
          .where(eq(waitingList.id, w.id))
        const cleared = await clearAlert(tx, 'waiting_list_offer', `waiting:${w.id}`, actor.id)
        void audit
        return { ...out, events: [...(out.events ?? []), ...(cleared ? [cleared] : [])] }
      })
      return c.json({ memberCount: n }, 200)
    },
  )

async function enrol(tx: Tx, groupId: string, clientId: string, override: boolean, by: string): Promise<CommandOutcome<number>> {
  const g = await loadGroup(tx, groupId)
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'group:' + groupId}, 0))`)
  const [client] = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.id, clientId), isNull(clients.erasedAt)))
  if (!client) throw ValidationError({ clientId: 'No such client' })
  const already = await tx
    .select({ c: groupMembers.clientId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.clientId, clientId), isNull(groupMembers.leftAt)))
  if (already.length) throw ConflictError('Already a member', { clientId: 'Already a member of this group' })
  const [{ n }] = await tx
    .select({ n: count() })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), isNull(groupMembers.leftAt)))
  const cap = await capacityOfGroup(tx, g)
  if (Number(n) >= cap && !override)
    throw ValidationError({
      clientId: `The group is full (${cap} places); put the client on the waiting list or override the capacity`,
    })
  await tx.insert(groupMembers).values({ groupId, clientId, joinedBy: by })
  const alertEvents = await recheckGroupLessons(tx, groupId, by)
  return {
    result: Number(n) + 1,
    entity: 'group',
    entityId: groupId,
    after: { enrolled: clientId, overrideCapacity: override },
    events: [
      { name: 'entity.changed', payload: { type: 'group', id: groupId, action: 'update', branchId: g.branchId } },
      ...alertEvents,
    ],
  }
}

/** Membership changed: re-check over-capacity for the group's lessons from now on. */
async function recheckGroupLessons(tx: Tx, groupId: string, by: string) {
  const [range] = await tx
    .select({ to: sql<Date | null>`max(${lessons.endsAt})` })
    .from(lessons)
    .where(and(eq(lessons.groupId, groupId), eq(lessons.deleted, false)))
  if (!range?.to) return []
  const { events } = await refreshClashes(tx, new Date(), new Date(range.to), await loadTimetableContext(tx), by)
  return events
}
