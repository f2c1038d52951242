import { WORKSPACE_DOC_TYPE, initWorkspace, parseWorkspaceKey } from '../../../domain/docs/workspace'
import { allowed } from '../../policies/policy'
import { describeTransaction } from '../../realtime/collab/describe'
import { docType } from '../../realtime/collab/doc-registry'
import { workspacePolicies } from './policies'

/** `workspace:<userId>`: only its owner writes; the owner role and the auditor read. */
export const workspaceDoc = docType<{ userId: string }>({
  type: WORKSPACE_DOC_TYPE,
  parseKey: parseWorkspaceKey,
  init: initWorkspace,
  can: (user, access, key) =>
    allowed(user, access === 'read' ? workspacePolicies.read : workspacePolicies.write, { ownerId: key.userId }),
  describe: (txn) => describeTransaction(txn),
  // no projector: nothing relational mirrors a workspace (the hub still publishes entity.changed)
})
