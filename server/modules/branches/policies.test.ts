import { describe, expect, it } from 'vitest'
import { ROLES, type Actor, type Role } from '../../../domain/roles'
import { NOT_ALLOWED, allowed, refusalOf } from '../../policies/policy'
import { OTHER_BRANCH } from '../../policies/branches'
import { branchesPolicies, roomsPolicies } from './policies'

const CENTRAL = '0b5f3c1e-1111-4222-8333-444455556666'
const RIVERSIDE = '9a5f3c1e-1111-4222-8333-444455556666'
const actor = (role: Role, branchIds: string[] = []): Actor => ({
  id: `${role}-id`,
  login: role,
  name: role,
  roles: [role],
  branchIds,
})

/** Branches and rooms: everyone reads them (the CRUD matrix); owner and manager set them up, in their branches. */
const SET_UP: readonly Role[] = ['owner', 'manager']

describe('branches and rooms policies', () => {
  it.each(ROLES)('a %s of every branch reads branches and rooms', (role) => {
    expect(allowed(actor(role), branchesPolicies.read)).toBe(true)
    expect(allowed<{ branchId: string } | undefined>(actor(role), roomsPolicies.read, undefined)).toBe(true)
    expect(allowed(actor(role), roomsPolicies.read, { branchId: RIVERSIDE })).toBe(true)
  })
  it.each(ROLES)('a %s of every branch sets up branches and rooms only as owner or manager', (role) => {
    const may = SET_UP.includes(role)
    expect(allowed(actor(role), branchesPolicies.manage, { branchId: null })).toBe(may)
    expect(allowed(actor(role), branchesPolicies.manage, { branchId: CENTRAL })).toBe(may)
    expect(allowed(actor(role), roomsPolicies.manage, { branchId: CENTRAL })).toBe(may)
  })
  it('keeps staff of some branches to theirs', () => {
    const reception = actor('receptionist', [CENTRAL])
    expect(refusalOf(reception, roomsPolicies.read, { branchId: RIVERSIDE })).toBe(OTHER_BRANCH)
    expect(allowed(reception, roomsPolicies.read, { branchId: CENTRAL.toUpperCase() })).toBe(true)
    const branchManager = actor('manager', [CENTRAL])
    expect(allowed(branchManager, branchesPolicies.manage, { branchId: CENTRAL })).toBe(true)
    expect(refusalOf(branchManager, branchesPolicies.manage, { branchId: RIVERSIDE })).toBe(OTHER_BRANCH)
    // a new branch is the whole center's: only those who work in every branch open one
    expect(refusalOf(branchManager, branchesPolicies.manage, { branchId: null })).toBe(OTHER_BRANCH)
    expect(refusalOf(branchManager, roomsPolicies.manage, { branchId: RIVERSIDE })).toBe(OTHER_BRANCH)
    // an owner works in every branch whatever their list says
    expect(allowed(actor('owner', [CENTRAL]), roomsPolicies.manage, { branchId: RIVERSIDE })).toBe(true)
  })
  it('refuses the others with the usual words', () => {
    expect(refusalOf(actor('receptionist', [CENTRAL]), roomsPolicies.manage, { branchId: CENTRAL })).toBe(NOT_ALLOWED)
  })
})
