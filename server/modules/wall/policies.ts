import type { Role } from '../../../domain/roles'
import { inTheirBranch, policy } from '../../policies/policy'

/** Who watches the dashboard: the front desk and those who run the center. */
const WATCHERS: readonly Role[] = ['owner', 'manager', 'receptionist']
/** Who hands a screen its wall token, and takes it back. */
const MANAGERS: readonly Role[] = ['owner', 'manager']

/** A branch's wall (null: every branch, a whole-center token). */
type InBranch = { branchId: string | null }

/**
 * The live wall dashboard in the center's verbs. Both rules are the branch rule: a user watches the
 * wall of a branch they work in, and hands out (or revokes) tokens for those branches; a token for
 * every branch only those who span every branch.
 */
export const wallPolicies = {
  read: policy<InBranch>({
    verb: 'wall.read',
    description: 'Watch the live dashboard of a branch (the Dashboard page and the /wall screen)',
    roles: WATCHERS,
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  manageTokens: policy<InBranch>({
    verb: 'wall.tokens.manage',
    description: 'Create, list and revoke wall tokens (a read-only sign-in for a screen showing /wall)',
    roles: MANAGERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch (a token for every branch: whole center)',
  }),
}
