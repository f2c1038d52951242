import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '../../../../db/client'
import { clients, groupMembers } from '../../../../db/schema/index'
import { todayIso } from '../../../../domain/clients/rules'
import type { OwingRules } from '../../../boot/registry'
import type { OwingReason } from '../../../contracts/owing'

/** Group members and clients, as the lesson and group queries and commands need them. */

/**
 * Whether a client was erased, beside their name in a select: an erased client's row keeps no
 * name, and lists show them as `clients.erased.name` (domain/clients/names.ts).
 */
export const clientErased = sql<boolean>`(${clients.erasedAt} is not null)`.mapWith(Boolean)

/** A current member of a group, with the name lists show. */
export interface MemberName {
  groupId: string
  clientId: string
  first: string
  last: string
  erased: boolean
}

/** Current members of these groups with their names. */
export function currentMemberNames(db: Queryable, groupIds: string[]): Promise<MemberName[]> {
  return db
    .select({
      groupId: groupMembers.groupId,
      clientId: groupMembers.clientId,
      first: clients.firstName,
      last: clients.lastName,
      erased: clientErased,
    })
    .from(groupMembers)
    .innerJoin(clients, eq(clients.id, groupMembers.clientId))
    .where(and(inArray(groupMembers.groupId, groupIds), isNull(groupMembers.leftAt)))
}

/** Who owes in each of these groups, and why: the owing rule asked per group, for its activity, today. */
export async function owingByGroup(
  db: Queryable,
  owing: OwingRules,
  groups: Array<{ id: string; activityId: string }>,
  members: MemberName[],
): Promise<Map<string, Map<string, OwingReason[]>>> {
  const idsOf = new Map<string, string[]>()
  for (const m of members) {
    const ids = idsOf.get(m.groupId)
    if (ids) ids.push(m.clientId)
    else idsOf.set(m.groupId, [m.clientId])
  }
  const on = todayIso()
  const out = new Map<string, Map<string, OwingReason[]>>()
  for (const g of groups) out.set(g.id, await owing.reasons(idsOf.get(g.id) ?? [], { db, activityId: g.activityId, on }))
  return out
}

/** Ids of a group's current members. */
export async function currentMemberIds(db: Queryable, groupId: string): Promise<Set<string>> {
  const rows = await db
    .select({ c: groupMembers.clientId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), isNull(groupMembers.leftAt)))
  return new Set(rows.map((m) => m.c))
}

/** Which of these ids are clients that exist and are not erased. */
export async function existingClientIds(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const rows = await db
    .select({ id: clients.id })
    .from(clients)
    .where(and(inArray(clients.id, ids), isNull(clients.erasedAt)))
  return new Set(rows.map((x) => x.id))
}

/** How many current members a group has. */
export async function memberCount(db: Queryable, groupId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), isNull(groupMembers.leftAt)))
  return Number(n)
}

/** A client who exists and is not erased? */
export async function clientExists(db: Queryable, clientId: string): Promise<boolean> {
  return (await existingClientIds(db, [clientId])).has(clientId)
}
