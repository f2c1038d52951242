import { CHECKLIST_DOC_TYPE, initChecklistDoc, parseChecklistKey } from '../../../domain/checklists/checklist'
import { inBranch } from '../../policies/branches'
import { allowed, roleAllows } from '../../policies/policy'
import { describeTransaction } from '../../realtime/collab/describe'
import { docType } from '../../realtime/collab/doc-registry'
import { checklistsPolicies } from './policies'
import { checklistFacts, loadChecklistFacts } from './queries'

/**
 * `checklist:<id>`: a due checklist while it is filled. The staff of its branch tick, type values
 * and notes together (each value signed with who and when); the auditor reads; once submitted
 * nobody writes it (its connections are read-only: their updates are refused, never stored).
 */
export const checklistDocType = docType<{ checklistId: string }>({
  type: CHECKLIST_DOC_TYPE,
  parseKey: parseChecklistKey,
  init: initChecklistDoc,
  can(user, access, key) {
    const facts = checklistFacts(key.checklistId)
    if (access === 'read') return roleAllows(user, checklistsPolicies.read) && (!facts || inBranch(user, facts.branchId))
    return !!facts && !facts.submitted && allowed(user, checklistsPolicies.fill, { branchId: facts.branchId })
  },
  // reads the row on every opening: whether it exists, its branch, whether it is submitted (for `can`)
  missing: async ({ db, key }) => ((await loadChecklistFacts(db, key.checklistId)) ? null : 'checklists.notFound.checklist'),
  async onOpen({ db, actor, key }) {
    const facts = checklistFacts(key.checklistId) ?? (await loadChecklistFacts(db, key.checklistId))
    if (!facts) return 'checklists.notFound.checklist'
    return allowed(actor, checklistsPolicies.read, { branchId: facts.branchId }) ? null : 'collab.closed.forbidden'
  },
  describe: (txn) => describeTransaction(txn),
})
