import { api, withQuery } from './api'
import type { Branch, Room, Weekday } from './types'

export interface BranchInput {
  name: string
  address?: string
  phone?: string | null
  timezone?: string
}

export interface RoomInput {
  branchId: string
  name: string
  capacity: number
  hourlyCost?: number
  equipment?: string[]
  openingHours?: Partial<Record<Weekday, [string, string]>> | null
}

export const fetchBranches = () => api<{ items: Branch[] }>('GET', '/api/branches').then((r) => r.items)
export const createBranch = (input: BranchInput) => api<{ branch: Branch }>('POST', '/api/branches', input).then((r) => r.branch)
export const updateBranch = (id: string, patch: Partial<BranchInput>) => api<{ branch: Branch }>('PATCH', `/api/branches/${encodeURIComponent(id)}`, patch).then((r) => r.branch)

export const fetchRooms = (branchId?: string) => api<{ items: Room[] }>('GET', withQuery('/api/rooms', { branchId })).then((r) => r.items)
export const createRoom = (input: RoomInput) => api<{ room: Room }>('POST', '/api/rooms', input).then((r) => r.room)
export const updateRoom = (id: string, patch: Partial<Omit<RoomInput, 'branchId'>>) => api<{ room: Room }>('PATCH', `/api/rooms/${encodeURIComponent(id)}`, patch).then((r) => r.room)
