import { describe, expect, it } from 'vitest'
import { ROLES, type Actor, type Role } from '../../../domain/roles'
import { allowed, refusalIn } from '../../policies/policy'
import { authPolicies } from './policies'

const actor = (role: Role): Actor => ({ id: `${role}-id`, login: role, name: role, roles: [role], branchIds: [] })

describe('own session', () => {
  it.each(ROLES)('a %s signs out, changes their own password and sees who they are', (role) => {
    for (const p of Object.values(authPolicies)) expect(allowed(actor(role), p)).toBe(true)
  })
  it('refuses all of it without a session', () => {
    expect(refusalIn('en', null, authPolicies.signOut)).toBe('Sign in first')
  })
})
