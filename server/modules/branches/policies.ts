import { ROLES, type Role } from '../../../domain/roles'
import { inTheirBranch, policy } from '../../policies/policy'

/** Those who set up the center: its branches and rooms. */
const SETS_UP: readonly Role[] = ['owner', 'manager']

/** The center's branches and their rooms. */
export const branchesPolicies = {
  read: policy({
    verb: 'branches.read',
    description: 'See the branches of the center',
    roles: ROLES,
    writes: false,
  }),
  /** `branchId` null: opening a new branch (something of the whole center). */
  manage: policy<{ branchId: string | null }>({
    verb: 'branches.manage',
    description: 'Open a branch, or change one (name, address, phone, time zone)',
    roles: SETS_UP,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'their branches; a new branch: those who work in every branch',
  }),
}

export const roomsPolicies = {
  /** Without a subject: the rooms of every branch they work in. */
  read: policy<{ branchId: string } | undefined>({
    verb: 'rooms.read',
    description: 'See the rooms (capacity, cost, equipment, opening hours)',
    roles: ROLES,
    writes: false,
    rule: (actor, room) => (room ? inTheirBranch(actor, room) : null),
    ruleText: 'their branches',
  }),
  manage: policy<{ branchId: string }>({
    verb: 'rooms.manage',
    description: 'Add a room or change one',
    roles: SETS_UP,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'their branches',
  }),
}
