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

/** What the viewer may do with an account, as the server's policies answer it: the page offers only these. */
export interface AccountActions {
  /** Change its name and email (the edit dialog). */
  edit: boolean
  /** Change its roles and branches. */
  changeAccess: boolean
  /** Give it a new password. */
  resetPassword: boolean
  /** Deactivate it (it is active). */
  deactivate: boolean
  /** Reactivate it (it is inactive). */
  reactivate: boolean
}

/** A staff account as the Users page sees it. */
export interface StaffAccount extends User {
  actions: AccountActions
}

/** The staff accounts, with what the viewer may grant and give. */
export interface StaffList {
  items: StaffAccount[]
  /** The roles the viewer may give. */
  grantable: Role[]
  /** The branches the viewer may give and manage accounts in; null: any branch. */
  givableBranchIds: string[] | null
}

export const fetchUsers = () => api<StaffList>('GET', '/api/users')
export const createUser = (input: UserCreateInput) => api<{ user: StaffAccount }>('POST', '/api/users', input).then((r) => r.user)
export const updateUser = (id: string, patch: UserPatchInput) =>
  api<{ user: StaffAccount }>('PATCH', `/api/users/${encodeURIComponent(id)}`, patch).then((r) => r.user)
