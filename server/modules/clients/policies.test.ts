import { describe, expect, it } from 'vitest'
import { ROLES, type Actor, type Role } from '../../../domain/roles'
import { NOT_ALLOWED, allowed, refusalIn, refusalOf } from '../../policies/policy'
import { clientsPolicies } from './policies'

const actor = (role: Role, branchIds: string[] = []): Actor => ({
  id: `${role}-id`,
  login: role,
  name: role,
  roles: [role],
  branchIds,
})

/**
 * Who may do what with clients, as the routes allowed it before policies (the CRUD matrix:
 * clients read for everyone but the storekeeper and the accountant, create/update for the front
 * desk and the management; medical for owner and manager; exports (the list) for owner and
 * manager; observations for every role that works with clients but the auditor; erasure for the
 * owner; the registration settings for owner and manager).
 */
const EXPECTED: Record<keyof typeof clientsPolicies, readonly Role[]> = {
  read: ['owner', 'manager', 'receptionist', 'teacher', 'auditor'],
  register: ['owner', 'manager', 'receptionist'],
  edit: ['owner', 'manager', 'receptionist'],
  addRecord: ['owner', 'manager', 'receptionist'],
  attachDocument: ['owner', 'manager', 'receptionist'],
  observe: ['owner', 'manager', 'receptionist', 'teacher'],
  readMedical: ['owner', 'manager'],
  editMedical: ['owner', 'manager'],
  export: ['owner', 'manager', 'receptionist'],
  exportList: ['owner', 'manager'],
  erase: ['owner'],
  configure: ['owner', 'manager'],
}

describe('clients policies', () => {
  const table = Object.entries(EXPECTED).flatMap(([name, roles]) =>
    ROLES.map((role) => [name as keyof typeof clientsPolicies, role, roles.includes(role)] as const),
  )
  it.each(table)('%s for a %s: %s', (name, role, expected) => {
    expect(allowed(actor(role), clientsPolicies[name])).toBe(expected)
  })

  it('has no branch rule: a receptionist of one branch works with every client', () => {
    expect(allowed(actor('receptionist', ['riverside']), clientsPolicies.edit)).toBe(true)
    expect(allowed(actor('teacher', ['central']), clientsPolicies.observe)).toBe(true)
  })

  it('names every verb in the clients area, and gives no write to the auditor', () => {
    for (const p of Object.values(clientsPolicies)) {
      expect(p.verb).toMatch(/^clients\.[a-zA-Z]+$/)
      if (p.writes) expect(p.roles).not.toContain('auditor')
    }
  })

  it('keeps the refusals’ words', () => {
    expect(refusalIn('en', actor('manager'), clientsPolicies.erase)).toBe('Only the owner may erase a client')
    expect(refusalOf(actor('storekeeper'), clientsPolicies.read)).toBe(NOT_ALLOWED)
    expect(refusalIn('en', null, clientsPolicies.read)).toBe('Sign in first')
  })

  it('holds with several roles: any of them that may', () => {
    const both: Actor = { ...actor('storekeeper'), roles: ['storekeeper', 'teacher'] }
    expect(allowed(both, clientsPolicies.read)).toBe(true)
    expect(allowed(both, clientsPolicies.edit)).toBe(false)
  })
})
