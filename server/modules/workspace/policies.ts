import { ROLES } from '../../../domain/roles'
import { policy } from '../../policies/policy'

/** A personal workspace (notes and to-dos): its owner's own; the center's owner and auditors may read it. */
export const workspacePolicies = {
  read: policy<{ ownerId: string }>({
    verb: 'workspace.read',
    description: 'Read a personal workspace',
    roles: ROLES,
    writes: false,
    rule: (actor, ws) =>
      ws.ownerId === actor.id || actor.roles.includes('owner') || actor.roles.includes('auditor')
        ? null
        : 'errors.workspace.notYours',
    ruleText: 'own; owner and auditor: anyone’s',
  }),
  write: policy<{ ownerId: string }>({
    verb: 'workspace.write',
    description: 'Write in a personal workspace',
    roles: ROLES,
    writes: true,
    rule: (actor, ws) => (ws.ownerId === actor.id ? null : 'errors.workspace.notYours'),
    ruleText: 'own only',
  }),
}
