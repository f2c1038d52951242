import { api, withQuery } from './api'
import type { Owing } from './timetable'

/** Groups, their rosters and waiting lists (server/modules/timetable/routes/groups.ts). */

export interface PatternSlot {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number
  start: string
  end: string
}

export interface GroupListItem {
  id: string
  branchId: string
  activityId: string
  name: string
  teacherId: string
  assistantId: string | null
  roomId: string
  pattern: PatternSlot[]
  termStart: string
  termEnd: string
  /** Effective capacity (the group's, else the activity's, never above the room's). */
  capacity: number
  ageMin: number | null
  ageMax: number | null
  memberCount: number
  waitingCount: number
  red: boolean
  owing: Owing[]
}

export interface GroupMember {
  clientId: string
  name: string
  erased: boolean
  birthDate: string | null
  joinedAt: string
  allergy: boolean
}

export interface WaitingEntry {
  entryId: string
  clientId: string
  name: string
  erased: boolean
  status: 'waiting' | 'offered'
  addedAt: string
}

export interface GroupDetail extends GroupListItem {
  members: GroupMember[]
  waiting: WaitingEntry[]
}

export interface GroupInput {
  branchId: string
  activityId: string
  name: string
  teacherId: string
  roomId: string
  pattern: PatternSlot[]
  termStart: string
  termEnd: string
  capacity: number | null
  ageMin: number | null
  ageMax: number | null
}

const g = (id: string, rest = '') => `/api/groups/${encodeURIComponent(id)}${rest}`

export const fetchGroupList = (branchId?: string) => api<{ items: GroupListItem[] }>('GET', withQuery('/api/groups', { branchId })).then((r) => r.items)
export const fetchGroup = (id: string) => api<{ group: GroupDetail }>('GET', g(id)).then((r) => r.group)
export const createGroup = (input: GroupInput) => api<{ group: GroupListItem }>('POST', '/api/groups', input).then((r) => r.group)
export const updateGroup = (id: string, patch: Partial<Omit<GroupInput, 'branchId'>>) => api<{ group: GroupListItem }>('PATCH', g(id), patch).then((r) => r.group)
export const deleteGroup = (id: string) => api<null>('DELETE', g(id))

export const enrol = (id: string, clientId: string, overrideCapacity = false) => api<{ memberCount: number }>('POST', g(id, '/members'), { clientId, overrideCapacity })
/** Takes a client out of a group, with why (a leave reason's code and a note) when the desk says. */
export const removeMember = (id: string, clientId: string, why: { reason?: string; note?: string } = {}) =>
  api<null>('DELETE', withQuery(g(id, `/members/${encodeURIComponent(clientId)}`), { reason: why.reason || undefined, note: why.note || undefined }))
export const transferMember = (id: string, clientId: string, toGroupId: string, overrideCapacity = false) =>
  api<{ memberCount: number }>('POST', g(id, `/members/${encodeURIComponent(clientId)}/transfer`), { toGroupId, overrideCapacity })

export const addToWaitingList = (id: string, clientId: string) => api<{ entryId: string }>('POST', g(id, '/waiting'), { clientId })
export const removeFromWaitingList = (id: string, entryId: string) => api<null>('DELETE', g(id, `/waiting/${encodeURIComponent(entryId)}`))
export const offerPlace = (id: string, entryId: string) => api<{ offered: boolean }>('POST', g(id, `/waiting/${encodeURIComponent(entryId)}/offer`), {})
/** Moves a waiting entry just before `before`, or to the end with null; returns its new position (1 first). */
export const moveWaitingEntry = (id: string, entryId: string, before: string | null) =>
  api<{ position: number }>('POST', g(id, `/waiting/${encodeURIComponent(entryId)}/move`), { before })
export const enrolFromWaitingList = (id: string, entryId: string) => api<{ memberCount: number }>('POST', g(id, `/waiting/${encodeURIComponent(entryId)}/enrol`), {})

/** Clients by name (for adding to a roster or a waiting list). */
export const findClients = (q: string, signal?: AbortSignal) =>
  api<{ items: Array<{ id: string; firstName?: string; lastName?: string; name?: string; birthDate?: string | null }> }>('GET', withQuery('/api/clients', { q, limit: 20 }), undefined, { signal }).then(
    (r) => r.items,
  )
