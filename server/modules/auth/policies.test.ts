import { describe, expect, it } from 'vitest'
import { ROLES, type Actor, type Role } from '../../../domain/roles'
import { allowed, refusalIn } from '../../policies/policy'
import { authPolicies } from './policies'

const actor = (role: Role): Actor => ({ id: `${role}-id`, login: role, name: role, roles: [role], branchIds: [] })

describe('own session', () => {
  it.each(ROLES)('a %s signs out, changes their own password and sees who they are', (role) => {
    const { changeOwnPreferences, ...own } = authPolicies
    for (const p of Object.values(own)) expect(allowed(actor(role), p)).toBe(true)
    // every branch (no branches listed): any branch is theirs to open on
    expect(allowed(actor(role), changeOwnPreferences, { branchId: 'b1' })).toBe(true)
  })
  it('keeps the branch one opens on only among the branches one works in', () => {
    const desk: Actor = { ...actor('receptionist'), branchIds: ['b1'] }
    expect(allowed(desk, authPolicies.changeOwnPreferences, { branchId: 'b1' })).toBe(true)
    expect(refusalIn('en', desk, authPolicies.changeOwnPreferences, { branchId: 'b2' })).toBe(
      'This belongs to a branch you do not work in',
    )
  })
  it('refuses all of it without a session', () => {
    expect(refusalIn('en', null, authPolicies.signOut)).toBe('Sign in first')
  })
})
