import type { SubscribeAck } from '../../../domain/live-events'
import type { Actor, Role } from '../../../domain/roles'
import type { Registry } from '../../boot/registry'
import { branchesOf, inBranch } from '../../policies/branches'
import { roleAllows } from '../../policies/policy'
import type { DocTypes } from '../collab/doc-registry'

/**
 * Socket.IO room names (`kind:id`) and who may be in them.
 *
 * Joined automatically at connection: `user:<id>`, `role:<name>` per role, and `branch:<branchId>`
 * per branch the user works in (or `branches:all` for a user who spans every branch).
 * Joined on request (`subscribe`): subject rooms `<entityType>:<id>` of the entity types the modules
 * declare (`liveEntities`) when a role of the user's has the type's read policy,
 * `doc:<docName>` after the document type's own read rule (the collab registry, the same check as
 * opening the document), and `branch:<id>` of a branch the user works in (the branch policy).
 */

/** The signed-in user behind a socket (the actor carries the branches the room rules need). */
export type LiveUser = Actor

/** What the room rules ask: the document types (their read rule) and the entity types (their read policy), from the registry. */
export interface RoomRules {
  docTypes: DocTypes
  entities: Registry['liveEntities']
}

export const userRoom = (id: string) => `user:${id}`
export const roleRoom = (role: Role) => `role:${role}`
export const branchRoom = (id: string) => `branch:${id}`
export const docRoom = (docName: string) => `doc:${docName}`
/** Users who span every branch: branch-scoped events go here too. */
export const ALL_BRANCHES = 'branches:all'

/** Longest room name accepted from a client (`doc:` + a 200-character document name). */
export const MAX_ROOM_LENGTH = 210
/** Most subject rooms one socket may hold (a page subscribes to a handful). */
export const MAX_SUBSCRIPTIONS = 100

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ROOM = /^([a-z][a-z0-9-]*):([A-Za-z0-9][A-Za-z0-9:._-]*)$/
const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
/** Rooms the server assigns; a client can neither subscribe to nor leave them. */
const ASSIGNED_KINDS = new Set(['user', 'role', 'branches'])

/** The rooms a user is put in at connection, from who they are. */
export function baseRooms(user: LiveUser): string[] {
  const rooms = [userRoom(user.id), ...user.roles.map(roleRoom)]
  const branches = branchesOf(user)
  if (branches === null) rooms.push(ALL_BRANCHES)
  else rooms.push(...branches.map(branchRoom))
  return rooms
}

/**
 * Checks a `subscribe`/`unsubscribe` payload and whether this user may be in the room it names.
 * Never throws; anything malformed is `invalid_payload`.
 * @example checkRoom(user, { room: 'client:8f…' }) // { ok: true, room: 'client:8f…' } for a receptionist
 */
export function checkRoom(
  { docTypes, entities }: RoomRules,
  user: LiveUser,
  payload: unknown,
): { ok: true; room: string } | Extract<SubscribeAck, { ok: false }> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return refuse('invalid_payload')
  const room = (payload as { room?: unknown }).room
  if (typeof room !== 'string' || room.length > MAX_ROOM_LENGTH) return refuse('invalid_payload')
  const m = ROOM.exec(room)
  if (!m) return refuse('invalid_payload')
  const [, kind, rest] = m
  if (ASSIGNED_KINDS.has(kind)) return refuse('not_subscribable')
  if (kind === 'branch') {
    if (!UUID.test(rest)) return refuse('invalid_payload')
    // a branch the user works in (those who span every branch: any)
    return inBranch(user, rest) ? { ok: true, room } : refuse('forbidden')
  }
  if (kind === 'doc') {
    const resolved = docTypes.resolve(rest)
    if (!resolved.ok) return refuse('unknown_room')
    return docTypes.canAccess(user, 'read', resolved.doc) ? { ok: true, room } : refuse('forbidden')
  }
  if (!ENTITY_ID.test(rest)) return refuse('invalid_payload')
  const read = Object.hasOwn(entities, kind) ? entities[kind].read : undefined
  if (!read) return refuse('unknown_room')
  // by role: the rule about one of them (its branch) is the events' business (branch-scoped ones never reach a subject room)
  return roleAllows(user, read) ? { ok: true, room } : refuse('forbidden')
}

/**
 * The rooms a socket should be in: its base rooms plus those subscriptions the user may still read.
 * Used at connection and again whenever the user's access changes.
 */
export function allowedRooms(
  rules: RoomRules,
  user: LiveUser,
  subscriptions: Iterable<string>,
): { rooms: Set<string>; subscriptions: string[] } {
  const rooms = new Set(baseRooms(user))
  const kept: string[] = []
  for (const room of subscriptions) {
    if (checkRoom(rules, user, { room }).ok) {
      rooms.add(room)
      kept.push(room)
    }
  }
  return { rooms, subscriptions: kept }
}

function refuse(error: Extract<SubscribeAck, { ok: false }>['error']) {
  return { ok: false as const, error }
}
