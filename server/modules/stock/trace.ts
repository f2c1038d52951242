import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import { policy } from '../../policies/policy'

/**
 * Traceability (issue #18): who sold, lent, wrote off or moved what, to whom and when. Every
 * movement of the ledger with its document (kind, reversal), store, client and author: per product
 * (its whole history) and per client (everything they received or gave back). Only the stores of
 * the reader's branches; newest first, paged by the last movement's id.
 */

/** Who may see what a client received: whoever hands things to clients (the front desk too) and the stock's readers. */
export const tracePolicies = {
  clientReceived: policy({
    verb: 'stock.trace.client',
    description: 'See what a client received or gave back (sales, loans, returns), in the stores of their branches',
    roles: ['owner', 'manager', 'storekeeper', 'receptionist', 'accountant', 'auditor'],
    writes: false,
    ruleText: 'own branches’ stores',
  }),
}

export interface TraceRow {
  id: string
  at: Date | string
  document_id: string
  kind: string
  reversal: boolean
  source_type: string | null
  source_id: string | null
  product_id: string
  product_name: string
  sku: string
  store_id: string
  store_name: string
  branch_name: string
  to_store_name: string | null
  quantity: number
  client_id: string | null
  client_first: string | null
  client_last: string | null
  author_name: string | null
}

export interface TraceFilter {
  productId?: string
  clientId?: string
  /** The stores of these branches only (null: every branch). */
  branchIds: string[] | null
  /** The last movement of the previous page. */
  before?: number
  limit: number
}

export async function traceMovements(db: Queryable, f: TraceFilter): Promise<TraceRow[]> {
  const where: SQL[] = [sql`true`]
  if (f.productId) where.push(sql`m.product_id = ${f.productId}::uuid`)
  if (f.clientId) where.push(sql`d.client_id = ${f.clientId}::uuid`)
  if (f.branchIds)
    where.push(
      sql`s.branch_id in (${sql.join(
        f.branchIds.map((b) => sql`${b}::uuid`),
        sql`, `,
      )})`,
    )
  if (f.before !== undefined) where.push(sql`m.id < ${f.before}`)
  return queryRows<TraceRow>(
    db,
    sql`select m.id::text as id, m.at, d.id as document_id, d.kind, d.reverses is not null as reversal,
          d.source_type, d.source_id, m.product_id, p.name as product_name, p.sku,
          m.store_id, s.name as store_name, b.name as branch_name, ts.name as to_store_name, m.quantity,
          d.client_id, c.first_name as client_first, c.last_name as client_last, u.name as author_name
        from stock_movements m
        join stock_documents d on d.id = m.document_id
        join products p on p.id = m.product_id
        join stores s on s.id = m.store_id
        join branches b on b.id = s.branch_id
        left join stores ts on ts.id = d.to_store_id
        left join clients c on c.id = d.client_id
        left join users u on u.id = m.author_id
        where ${sql.join(where, sql` and `)}
        order by m.id desc
        limit ${f.limit}`,
  )
}

const iso = (v: Date | string): string => new Date(v).toISOString()

/** A movement as the trace shows it (a client's name as stored; no client for a walk-in or a store's own document). */
export function presentTrace(r: TraceRow) {
  return {
    id: r.id,
    at: iso(r.at),
    documentId: r.document_id,
    kind: r.kind,
    reversal: r.reversal,
    source: r.source_type && r.source_id ? { type: r.source_type, id: r.source_id } : null,
    productId: r.product_id,
    productName: r.product_name,
    sku: r.sku,
    storeId: r.store_id,
    storeName: r.store_name,
    branchName: r.branch_name,
    toStoreName: r.to_store_name,
    quantity: r.quantity,
    clientId: r.client_id,
    clientName: r.client_id ? `${r.client_first ?? ''} ${r.client_last ?? ''}`.trim() : null,
    authorName: r.author_name,
  }
}

export async function clientKnown(db: Queryable, id: string): Promise<boolean> {
  return (await queryRows(db, sql`select 1 from clients where id = ${id}::uuid`)).length > 0
}
