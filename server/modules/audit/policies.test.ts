import { describe, expect, it } from 'vitest'
import { ROLES, type Actor, type Role } from '../../../domain/roles'
import { allowed } from '../../policies/policy'
import { auditPolicies } from './policies'

const actor = (role: Role): Actor => ({ id: `${role}-id`, login: role, name: role, roles: [role], branchIds: [] })

describe('audit policies', () => {
  it.each(ROLES)('the audit trail is for owners and auditors (a %s)', (role) => {
    expect(allowed(actor(role), auditPolicies.read)).toBe(role === 'owner' || role === 'auditor')
  })
})
