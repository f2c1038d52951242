import { policy } from '../../policies/policy'

/** The audit trail: who changed what. Auditors read it (and, later, write their own checkpoints here). */
export const auditPolicies = {
  read: policy({
    verb: 'audit.read',
    description: 'Read the audit trail (every command, with who made it)',
    roles: ['owner', 'auditor'],
    writes: false,
  }),
}
