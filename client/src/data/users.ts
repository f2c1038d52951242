import { api } from './api'
import type { Role } from './roles'
import type { User } from './types'

export interface UserCreateInput {
  login: string
  name: string
  password: string
  roles: Role[]
  email?: string
  branchIds?: string[]
}

export interface UserPatchInput {
  name?: string
  email?: string | null
  roles?: Role[]
  active?: boolean
  branchIds?: string[]
  password?: string
}

export const fetchUsers = () => api<{ items: User[] }>('GET', '/api/users').then((r) => r.items)
export const createUser = (input: UserCreateInput) => api<{ user: User }>('POST', '/api/users', input).then((r) => r.user)
export const updateUser = (id: string, patch: UserPatchInput) => api<{ user: User }>('PATCH', `/api/users/${encodeURIComponent(id)}`, patch).then((r) => r.user)
