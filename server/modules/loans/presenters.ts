import type { z } from '@hono/zod-openapi'
import type { LoanRow } from './queries'
import type { LoanSchema } from './schemas'

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString())

/** A loan as the API shows it (names resolved; the client's name as stored, never a word of ours). */
export function presentLoan(r: LoanRow): z.infer<typeof LoanSchema> {
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: `${r.client_first ?? ''} ${r.client_last ?? ''}`.trim(),
    productId: r.product_id,
    productName: r.product_name,
    productKind: r.product_kind,
    sku: r.sku,
    storeId: r.store_id,
    storeName: r.store_name,
    branchId: r.branch_id,
    branchName: r.branch_name,
    groupId: r.group_id,
    groupName: r.group_name,
    quantity: r.quantity,
    dueDate: r.due_on,
    issuedAt: iso(r.issued_at) ?? '',
    issuedByName: r.issued_by_name,
    returnedAt: iso(r.returned_at),
    returnedByName: r.returned_by_name,
    condition: r.condition as z.infer<typeof LoanSchema>['condition'],
    note: r.return_note,
    status: r.status,
  }
}
