import { ROLES } from '../../../domain/roles'
import { policy } from '../../policies/policy'
import type { DocTypes, ResolvedDoc } from '../../realtime/collab/doc-registry'

/** A live document's history: who changed what. Whoever may open the document may read it. */
export const docsPolicies = {
  readHistory: policy<{ docTypes: DocTypes; doc: ResolvedDoc }>({
    verb: 'docs.readHistory',
    description: 'Read who changed what in a live document',
    roles: ROLES,
    writes: false,
    rule: (actor, { docTypes, doc }) => (docTypes.canAccess(actor, 'read', doc) ? null : 'errors.docs.mayNotRead'),
    ruleText: 'the documents they may open (each document type’s own rule)',
  }),
}
