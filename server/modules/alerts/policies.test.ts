import { describe, expect, it } from 'vitest'
import { ROLES, type Actor, type Role } from '../../../domain/roles'
import { allowed, roleAllows } from '../../policies/policy'
import { alertsPolicies, canSeeAlert } from './policies'

const CENTRAL = '0b5f3c1e-1111-4222-8333-444455556666'
const RIVERSIDE = '9a5f3c1e-1111-4222-8333-444455556666'
const actor = (role: Role, branchIds: string[] = [], id = `${role}-id`): Actor => ({
  id,
  login: role,
  name: role,
  roles: [role],
  branchIds,
})
const alert = (roles: Role[], branchId: string | null = null, teachers: string[] = []) => ({ roles, branchId, teachers })

describe('alerts policies', () => {
  it.each(ROLES)('a %s may look at alerts; acknowledging is everyone’s but the read-only auditor’s', (role) => {
    expect(roleAllows(actor(role), alertsPolicies.read)).toBe(true)
    expect(roleAllows(actor(role), alertsPolicies.acknowledge)).toBe(role !== 'auditor')
  })
  it('shows owners and managers every alert of their branches', () => {
    expect(canSeeAlert(actor('manager'), alert(['accountant'], RIVERSIDE))).toBe(true)
    expect(canSeeAlert(actor('manager', [CENTRAL]), alert(['accountant'], RIVERSIDE))).toBe(false)
    expect(canSeeAlert(actor('owner', [CENTRAL]), alert(['accountant'], RIVERSIDE))).toBe(true)
  })
  it('shows the others the alerts addressed to their roles, in their branches (no branch: everyone addressed)', () => {
    expect(canSeeAlert(actor('receptionist', [CENTRAL]), alert(['receptionist'], CENTRAL))).toBe(true)
    expect(canSeeAlert(actor('receptionist', [CENTRAL]), alert(['receptionist'], RIVERSIDE))).toBe(false)
    expect(canSeeAlert(actor('receptionist', [CENTRAL]), alert(['receptionist']))).toBe(true)
    expect(canSeeAlert(actor('storekeeper', [CENTRAL]), alert(['receptionist']))).toBe(false)
  })
  it('shows a teacher only the alerts of the lessons and groups they teach or assist', () => {
    const teacher = actor('teacher', [CENTRAL], 't1')
    expect(canSeeAlert(teacher, alert(['teacher'], CENTRAL, ['t1']))).toBe(true)
    expect(canSeeAlert(teacher, alert(['teacher'], CENTRAL, ['t2']))).toBe(false)
    expect(canSeeAlert(teacher, alert(['receptionist'], CENTRAL, ['t1']))).toBe(false)
    expect(allowed(teacher, alertsPolicies.acknowledge, alert(['teacher'], CENTRAL, ['t2']))).toBe(false)
  })
})
