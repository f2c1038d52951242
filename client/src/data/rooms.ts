import { api, withQuery } from './api'
import type { Room } from './types'

/** A room as the rooms list shows it: bookable or not, archived or not (migration 0018). */
export interface RoomListItem extends Room {
  bookable: boolean
  archived: boolean
}

export interface RoomFields {
  name: string
  capacity: number
  hourlyCost: number
  equipment: string[]
  bookable: boolean
}

export const fetchRoomList = (branchId?: string) => api<{ items: RoomListItem[] }>('GET', withQuery('/api/rooms', { branchId })).then((r) => r.items)
export const createRoomIn = (branchId: string, input: RoomFields) => api<{ room: RoomListItem }>('POST', '/api/rooms', { branchId, ...input }).then((r) => r.room)
export const updateRoomFields = (id: string, patch: Partial<RoomFields> & { archived?: boolean }) =>
  api<{ room: RoomListItem }>('PATCH', `/api/rooms/${encodeURIComponent(id)}`, patch).then((r) => r.room)
