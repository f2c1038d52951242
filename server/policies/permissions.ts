/**
 * The one permission map. `can(user, action, subject)` guards HTTP routes, Socket.IO rooms
 * and document connections alike. Later areas add their subjects here.
 */
import { ROLES, type Actor, type Role } from '../../domain/roles'

export { ROLES, type Actor, type Role }

export type Action = 'read' | 'create' | 'update' | 'delete' | 'manage'

/** Subjects without an instance; instance rules (a workspace's owner, a client's teacher) are functions below. */
export type SubjectType =
  | 'users'
  | 'branches'
  | 'rooms'
  | 'audit'
  | 'workspace'
  | 'medical'
  | 'clients'
  | 'timetable'
  | 'passes'
  | 'payments'
  | 'stock'
  | 'staff'
  | 'reports'
  | 'dashboard'
  /** Bulk exports of personal data (the client list as CSV, …). */
  | 'exports'
  /** Dated observations in a client's file. */
  | 'observations'

const ALL: Action[] = ['read', 'create', 'update', 'delete', 'manage']
const RW: Action[] = ['read', 'create', 'update']

/** role → subject → allowed actions */
const MATRIX: Record<Role, Partial<Record<SubjectType, Action[]>>> = {
  owner: {
    users: ALL,
    branches: ALL,
    rooms: ALL,
    audit: ALL,
    medical: ALL,
    clients: ALL,
    timetable: ALL,
    passes: ALL,
    payments: ALL,
    stock: ALL,
    staff: ALL,
    reports: ALL,
    dashboard: ALL,
    exports: ['read'],
    observations: ['create'],
  },
  manager: {
    users: ALL,
    branches: ALL,
    rooms: ALL,
    medical: ALL,
    clients: ALL,
    timetable: ALL,
    passes: ALL,
    payments: ALL,
    stock: ['read'],
    staff: ALL,
    reports: ['read'],
    dashboard: ['read'],
    exports: ['read'],
    observations: ['create'],
  },
  receptionist: {
    branches: ['read'],
    rooms: ['read'],
    clients: RW,
    timetable: RW,
    passes: RW,
    payments: RW,
    stock: ['read'],
    dashboard: ['read'],
    observations: ['create'],
  },
  teacher: { branches: ['read'], rooms: ['read'], clients: ['read'], timetable: ['read', 'update'], observations: ['create'] },
  storekeeper: { branches: ['read'], rooms: ['read'], stock: ALL },
  accountant: {
    branches: ['read'],
    rooms: ['read'],
    passes: ['read'],
    payments: ALL,
    staff: ['read'],
    reports: ['read'],
    stock: ['read'],
  },
  auditor: {
    branches: ['read'],
    rooms: ['read'],
    audit: ['read'],
    clients: ['read'],
    timetable: ['read'],
    passes: ['read'],
    payments: ['read'],
    stock: ['read'],
    staff: ['read'],
    reports: ['read'],
  },
}

/** Instance subjects: `{ type: 'workspace', ownerId }` and friends. */
export type Subject = SubjectType | { type: 'workspace'; ownerId: string }

/**
 * May this user do this to that?
 * @example can(user, 'update', 'users') // owner, manager
 * @example can(user, 'update', { type: 'workspace', ownerId: user.id }) // only its owner
 */
export function can(user: Pick<Actor, 'id' | 'roles'> | null | undefined, action: Action, subject: Subject): boolean {
  if (!user) return false
  if (typeof subject === 'object') {
    if (subject.type === 'workspace') {
      if (subject.ownerId === user.id) return true
      return action === 'read' && (user.roles.includes('owner') || user.roles.includes('auditor'))
    }
    return false
  }
  return user.roles.some((r) => MATRIX[r]?.[subject]?.includes(action) ?? false)
}

/**
 * Does any of the user's roles allow anything but reading? An auditor's does not: they are
 * read-only everywhere outside the audit area (see server/policies/read-only.ts).
 */
export function mayWriteAnything(user: Pick<Actor, 'roles'>): boolean {
  return user.roles.some((r) => Object.values(MATRIX[r] ?? {}).some((actions) => actions.some((a) => a !== 'read')))
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/**
 * Entity types as they appear in events, alerts and Socket.IO subject rooms (`client:<id>`) → their
 * subject. An unlisted type has no subject room. (Documents have their own rules: the collab doc registry.)
 */
export const ENTITY_SUBJECTS: Readonly<Record<string, SubjectType>> = {
  user: 'users',
  branch: 'branches',
  room: 'rooms',
  client: 'clients',
  'client-medical': 'medical',
  lesson: 'timetable',
  pass: 'passes',
  payment: 'payments',
  'stock-doc': 'stock',
}

/**
 * The subject of an entity type, or null when it has none.
 * @example subjectOfEntity('client') // 'clients'
 */
export function subjectOfEntity(type: string): SubjectType | null {
  return Object.hasOwn(ENTITY_SUBJECTS, type) ? ENTITY_SUBJECTS[type] : null
}

/**
 * Every role allowed this action on this subject (for broadcasting to role rooms).
 * @example rolesThatCan('read', 'medical') // ['owner', 'manager']
 */
export function rolesThatCan(action: Action, subject: SubjectType): Role[] {
  return ROLES.filter((r) => MATRIX[r]?.[subject]?.includes(action) ?? false)
}
