import { ROLES } from '../../../domain/roles'
import { policy } from '../../policies/policy'

/** The audit trail: who changed what. Owners and auditors read it, close audits and mark changes. */
export const auditPolicies = {
  read: policy({
    verb: 'audit.read',
    description: 'Read the audit trail (every command and document change, with who made it) and past audits',
    roles: ['owner', 'auditor'],
    writes: false,
  }),
  close: policy({
    verb: 'audit.close',
    description: 'Close the current audit (a checkpoint: from then on "since the last audit" starts there)',
    roles: ['owner', 'auditor'],
    writes: true,
  }),
  mark: policy({
    verb: 'audit.mark',
    description: 'Mark a change verified or queried, with a comment, assigned to someone for follow-up',
    roles: ['owner', 'auditor'],
    writes: true,
  }),
  readAssigned: policy({
    verb: 'audit.readAssigned',
    description: 'See the queried changes assigned to oneself (the workspace’s follow-up list)',
    roles: ROLES,
    writes: false,
    ruleText: 'only those assigned to them',
  }),
}
