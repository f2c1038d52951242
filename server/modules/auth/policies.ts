import { ROLES } from '../../../domain/roles'
import { inTheirBranch, policy } from '../../policies/policy'

/**
 * One's own session and account: everyone signed in. (Signing in itself needs no policy: whoever
 * knows an active account's password may.) Read-only roles keep these: they are their own session.
 */
export const authPolicies = {
  readOwnAccount: policy({
    verb: 'auth.readOwnAccount',
    description: 'See who they are signed in as',
    roles: ROLES,
    writes: false,
    ruleText: 'own account',
  }),
  signOut: policy({
    verb: 'auth.signOut',
    description: 'Sign out (ends the session on the server)',
    roles: ROLES,
    writes: true,
    ruleText: 'own session',
  }),
  changeOwnLanguage: policy({
    verb: 'auth.changeOwnLanguage',
    description: 'Choose their own language (or follow the center’s default)',
    roles: ROLES,
    writes: true,
    ruleText: 'own account',
  }),
  changeOwnPassword: policy({
    verb: 'auth.changeOwnPassword',
    description: 'Change their own password (ends their other sessions)',
    roles: ROLES,
    writes: true,
    ruleText: 'own account, with the current password',
  }),
  changeOwnPreferences: policy<{ branchId: string }>({
    verb: 'auth.changeOwnPreferences',
    description: 'Keep their own preferences: the branch they open on (one they work in)',
    roles: ROLES,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own account, own branch',
  }),
}
