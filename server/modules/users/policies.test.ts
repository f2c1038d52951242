import { describe, expect, it } from 'vitest'
import { ROLES, type Actor, type Role } from '../../../domain/roles'
import { NOT_ALLOWED, allowed, refusalIn, refusalOf } from '../../policies/policy'
import {
  accountActions,
  givableBranchIds,
  grantableRoles,
  rankOf,
  removesLastOwner,
  usersPolicies,
  type AccountTarget,
} from './policies'

const CENTRAL = '0b5f3c1e-1111-4222-8333-444455556666'
const RIVERSIDE = '9a5f3c1e-1111-4222-8333-444455556666'
const actor = (role: Role, branchIds: string[] = [], id = `${role}-id`): Actor => ({
  id,
  login: role,
  name: role,
  roles: [role],
  branchIds,
})
const account = (roles: Role[], branchIds: string[] = [CENTRAL], id = 'target-id'): AccountTarget => ({
  id,
  roles,
  active: true,
  branchIds,
})

/** Staff accounts were owner's and manager's (the CRUD matrix: users, every action); nobody else's. */
const MANAGERS: readonly Role[] = ['owner', 'manager']
const POLICIES = ['read', 'grant', 'create', 'edit'] as const

describe('users policies: who, by role', () => {
  const table = POLICIES.flatMap((name) => ROLES.map((role) => [name, role, MANAGERS.includes(role)] as const))
  const ask: Record<(typeof POLICIES)[number], (who: Actor) => boolean> = {
    read: (who) => allowed(who, usersPolicies.read),
    grant: (who) => allowed(who, usersPolicies.grant, { roles: ['teacher'] }),
    create: (who) => allowed(who, usersPolicies.create, { roles: ['teacher'], branchIds: [CENTRAL] }),
    edit: (who) => allowed(who, usersPolicies.edit, { target: account(['teacher']) }),
  }
  it.each(table)('%s for a %s: %s', (name, role, expected) => {
    expect(ask[name](actor(role))).toBe(expected)
  })

  it('keeps the refusals’ words when no role has it', () => {
    expect(refusalIn('en', actor('receptionist'), usersPolicies.create, { roles: ['teacher'] })).toBe(
      'You may not manage staff accounts',
    )
    expect(refusalOf(actor('receptionist'), usersPolicies.edit, { target: account(['teacher']) })).toBe(NOT_ALLOWED)
    expect(refusalOf(actor('auditor'), usersPolicies.read)).toBe(NOT_ALLOWED)
  })
})

describe('the rank rule (users.grant, users.create, users.edit)', () => {
  const owner = actor('owner')
  const manager = actor('manager')
  it('ranks owner above manager above everyone else', () => {
    expect(rankOf(['owner'])).toBeGreaterThan(rankOf(['manager']))
    expect(rankOf(['manager'])).toBeGreaterThan(rankOf(['receptionist', 'teacher']))
    expect(rankOf([])).toBe(0)
  })
  it.each([
    [owner, ['owner'], null],
    [owner, ['manager', 'teacher'], null],
    [manager, ['teacher', 'auditor'], null],
    [manager, ['owner'], 'Only an owner may grant the owner role'],
    [manager, ['manager'], 'You may only grant roles below your own'],
  ] as const)('grant by %j of %j → %s', (who, roles, reason) => {
    expect(refusalIn('en', who, usersPolicies.grant, { roles })).toBe(reason)
    expect(refusalIn('en', who, usersPolicies.create, { roles, branchIds: [CENTRAL] })).toBe(reason)
  })
  it('lets nobody touch an account at or above their own rank (owners may change owners)', () => {
    expect(refusalIn('en', manager, usersPolicies.edit, { target: account(['owner']) })).toBe(
      'Only an owner may change an owner account',
    )
    expect(refusalIn('en', manager, usersPolicies.edit, { target: account(['manager']) })).toBe(
      'You may only manage accounts whose roles are below your own',
    )
    expect(refusalOf(manager, usersPolicies.edit, { target: account(['teacher']), active: false })).toBeNull()
    expect(refusalOf(owner, usersPolicies.edit, { target: account(['owner']), active: false })).toBeNull()
  })
  it('lets nobody change their own roles, branches, active flag or password here (the same values sent back are no change)', () => {
    const me = account(['manager'], [], manager.id)
    expect(refusalIn('en', manager, usersPolicies.edit, { target: me, roles: ['manager', 'owner'] })).toBe(
      'You cannot change your own roles',
    )
    expect(refusalIn('en', manager, usersPolicies.edit, { target: me, branchIds: [CENTRAL] })).toBe(
      'You cannot change your own branches',
    )
    expect(refusalIn('en', manager, usersPolicies.edit, { target: me, active: false })).toBe(
      'You cannot deactivate or reactivate your own account',
    )
    expect(refusalIn('en', manager, usersPolicies.edit, { target: me, password: true })).toBe(
      'Change your own password with your current password (your account menu)',
    )
    expect(refusalOf(manager, usersPolicies.edit, { target: me, roles: ['manager'], branchIds: [], active: true })).toBeNull()
  })
  it('keeps a manager of some branches to the accounts and branches of theirs', () => {
    const branchManager = actor('manager', [CENTRAL])
    expect(refusalIn('en', branchManager, usersPolicies.edit, { target: account(['teacher'], [RIVERSIDE]) })).toBe(
      'You may only manage accounts of the branches you work in',
    )
    expect(refusalIn('en', branchManager, usersPolicies.edit, { target: account(['teacher'], []) })).toBe(
      'You may only manage accounts of the branches you work in',
    )
    expect(refusalIn('en', branchManager, usersPolicies.create, { roles: ['teacher'], branchIds: [RIVERSIDE] })).toBe(
      'You may only give the branches you work in',
    )
    expect(refusalOf(branchManager, usersPolicies.create, { roles: ['teacher'], branchIds: [CENTRAL.toUpperCase()] })).toBeNull()
    // a manager of every branch and an owner give any
    expect(refusalOf(manager, usersPolicies.create, { roles: ['teacher'], branchIds: [RIVERSIDE] })).toBeNull()
    expect(refusalOf(actor('owner', [CENTRAL]), usersPolicies.create, { roles: ['teacher'], branchIds: [RIVERSIDE] })).toBeNull()
  })
})

describe('removesLastOwner', () => {
  const target = { ...account(['owner']), id: 'o1' }
  it('is true only when the last active owner would lose the role or be deactivated', () => {
    expect(removesLastOwner({ kind: 'update', target, active: false }, ['o1'])).toBe(true)
    expect(removesLastOwner({ kind: 'update', target, roles: ['manager'] }, ['o1'])).toBe(true)
    expect(removesLastOwner({ kind: 'update', target, active: false }, ['o1', 'o2'])).toBe(false)
    expect(removesLastOwner({ kind: 'update', target, name: 'x' } as never, ['o1'])).toBe(false)
    expect(removesLastOwner({ kind: 'update', target: account(['manager']), active: false }, [])).toBe(false)
  })
})

describe('what the Users page offers (accountActions, grantableRoles): the same rules the commands ask', () => {
  const owner = actor('owner')
  const manager = actor('manager')
  const none = { edit: false, changeAccess: false, resetPassword: false, deactivate: false, reactivate: false }
  it('offers a manager nothing on an owner or another manager, everything on a teacher', () => {
    expect(accountActions(manager, account(['owner']))).toEqual(none)
    expect(accountActions(manager, account(['manager']))).toEqual(none)
    expect(accountActions(manager, account(['teacher']))).toEqual({
      ...none,
      edit: true,
      changeAccess: true,
      resetPassword: true,
      deactivate: true,
    })
  })
  it('offers deactivate on an active account and reactivate on an inactive one', () => {
    expect(accountActions(owner, account(['owner']))).toMatchObject({ deactivate: true, reactivate: false })
    expect(accountActions(owner, { ...account(['teacher']), active: false })).toMatchObject({
      deactivate: false,
      reactivate: true,
    })
  })
  it('offers on one’s own account only the name and email', () => {
    expect(accountActions(owner, account(['owner'], [], owner.id))).toEqual({ ...none, edit: true })
    expect(accountActions(manager, account(['manager'], [], manager.id))).toEqual({ ...none, edit: true })
  })
  it('offers a manager of some branches only the accounts of theirs', () => {
    const branchManager = actor('manager', [CENTRAL])
    expect(accountActions(branchManager, account(['teacher'], [RIVERSIDE]))).toEqual(none)
    expect(accountActions(branchManager, account(['teacher'], [CENTRAL]))).toMatchObject({ edit: true, changeAccess: true })
    expect(givableBranchIds(branchManager)).toEqual([CENTRAL])
    expect(givableBranchIds(manager)).toBeNull()
    expect(givableBranchIds(actor('owner', [CENTRAL]))).toBeNull()
  })
  it('grants the roles below one’s own; an owner every role; a receptionist none', () => {
    expect(grantableRoles(owner)).toEqual([...ROLES])
    expect(grantableRoles(manager)).toEqual(['receptionist', 'teacher', 'storekeeper', 'accountant', 'auditor'])
    expect(grantableRoles(actor('receptionist'))).toEqual([])
  })
})
