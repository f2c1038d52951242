import { eq } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { stockDocuments, stores } from '../../../db/schema/index'

/**
 * What the document server must know of a stock document without waiting for the database (its
 * access rule is synchronous): its store's branch and whether it is posted. Learnt when a
 * connection opens it (the type's `missing` check reads the row, before write access is decided)
 * and when this instance posts it; another instance's posting evicts the document everywhere, so
 * its editors reconnect and are asked again. Unknown means not writable.
 */
export interface StockDocFacts {
  branchId: string
  posted: boolean
}

const MAX_KNOWN = 20_000
const known = new Map<string, StockDocFacts>()

export function rememberStockDoc(id: string, facts: StockDocFacts): void {
  known.delete(id)
  known.set(id, facts)
  if (known.size > MAX_KNOWN) known.delete(known.keys().next().value as string)
}

export const stockDocFacts = (id: string): StockDocFacts | null => known.get(id) ?? null

/** Reads a document's facts from the database and remembers them; null when there is no such document. */
export async function loadStockDocFacts(db: Queryable, id: string): Promise<StockDocFacts | null> {
  const [row] = await db
    .select({ branchId: stores.branchId, status: stockDocuments.status })
    .from(stockDocuments)
    .innerJoin(stores, eq(stores.id, stockDocuments.storeId))
    .where(eq(stockDocuments.id, id))
    .limit(1)
  if (!row) return null
  const facts = { branchId: row.branchId, posted: row.status === 'posted' }
  rememberStockDoc(id, facts)
  return facts
}
