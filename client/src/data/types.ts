import type { Locale } from '../../../domain/i18n/locales'
import type { Role } from './roles'

/** A staff account as the server presents it (server/modules/users/presenters.ts). */
export interface User {
  id: string
  login: string
  name: string
  email: string | null
  roles: Role[]
  /** Branches the user works in; empty = every branch. */
  branchIds: string[]
  active: boolean
  /** The profile's language; null: the center's default (absent from servers before languages). */
  locale?: Locale | null
  /** The branch they last chose (the profile's preference, from /api/auth/me); null: not chosen yet. */
  lastBranchId?: string | null
}

export interface Branch {
  id: string
  name: string
  address: string
  phone: string | null
  timezone: string
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

export interface Room {
  id: string
  branchId: string
  name: string
  capacity: number
  hourlyCost: string
  equipment: string[]
  openingHours: Partial<Record<Weekday, [string, string]>> | null
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}
