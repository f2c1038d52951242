import { STOCK_DOC_TYPE, initStockDoc, parseStockDocKey } from '../../../domain/docs/stock-doc'
import { inBranch } from '../../policies/branches'
import { allowed, roleAllows } from '../../policies/policy'
import { describeTransaction } from '../../realtime/collab/describe'
import { docType } from '../../realtime/collab/doc-registry'
import { loadStockDocFacts, stockDocFacts } from './doc-facts'
import { stockPolicies } from './policies'

/**
 * `stock-doc:<docId>`: a stock document's lines while it is a draft. The storekeepers, managers and
 * owner of its store's branch edit it; the accountant and the auditor read it; once posted nobody
 * writes it (its connections are read-only: their updates are refused, never stored).
 */
export const stockDocType = docType<{ docId: string }>({
  type: STOCK_DOC_TYPE,
  parseKey: parseStockDocKey,
  init: initStockDoc,
  can(user, access, key) {
    const facts = stockDocFacts(key.docId)
    if (access === 'read') return roleAllows(user, stockPolicies.read) && (!facts || inBranch(user, facts.branchId))
    return !!facts && !facts.posted && allowed(user, stockPolicies.write, { branchId: facts.branchId })
  },
  // reads the row on every opening: whether it exists, its branch, whether it is posted (for `can`)
  missing: async ({ db, key }) => ((await loadStockDocFacts(db, key.docId)) ? null : 'stock.doc.missing'),
  async onOpen({ db, actor, key }) {
    const facts = stockDocFacts(key.docId) ?? (await loadStockDocFacts(db, key.docId))
    if (!facts) return 'stock.doc.missing'
    return allowed(actor, stockPolicies.read, { branchId: facts.branchId }) ? null : 'collab.closed.forbidden'
  },
  describe: (txn) => describeTransaction(txn),
})
