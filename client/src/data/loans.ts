import { api, withQuery } from './api'

/** Loans of textbooks and kits, and who received what (server/modules/loans, server/modules/stock/trace-routes.ts). */

export const LOAN_CONDITIONS = ['good', 'worn', 'damaged', 'lost'] as const
export type LoanCondition = (typeof LOAN_CONDITIONS)[number]
export const LOAN_STATUSES = ['open', 'overdue', 'returned'] as const
export type LoanStatus = (typeof LOAN_STATUSES)[number]

export interface Loan {
  id: string
  clientId: string
  clientName: string
  productId: string
  productName: string
  productKind: string
  sku: string
  storeId: string
  storeName: string
  branchId: string
  branchName: string
  groupId: string | null
  groupName: string | null
  quantity: number
  /** YYYY-MM-DD: the last day it may be kept. */
  dueDate: string
  issuedAt: string
  issuedByName: string | null
  returnedAt: string | null
  returnedByName: string | null
  condition: LoanCondition | null
  note: string | null
  status: LoanStatus
}

export interface LoansFilter {
  branchId?: string
  clientId?: string
  productId?: string
  status?: LoanStatus
}

export interface LendChoices {
  stores: Array<{ id: string; name: string }>
  items: Array<{ productId: string; name: string; kind: string; sku: string; storeId: string; onHand: number }>
  groups: Array<{ id: string; name: string; members: Array<{ clientId: string; name: string }> }>
}

export interface LendInput {
  clientId: string
  productId: string
  storeId: string
  quantity: number
  groupId: string | null
  dueDate: string
}

/** One movement of the ledger with its document, store, client and author. */
export interface TraceItem {
  id: string
  at: string
  documentId: string
  kind: string
  reversal: boolean
  source: { type: string; id: string } | null
  productId: string
  productName: string
  sku: string
  storeId: string
  storeName: string
  branchName: string
  toStoreName: string | null
  quantity: number
  clientId: string | null
  clientName: string | null
  authorName: string | null
}

export interface Page<T> {
  items: T[]
  next: string | null
}

export const fetchLoans = (f: LoansFilter, after: string | null, limit = 50) =>
  api<Page<Loan>>('GET', withQuery('/api/loans', { ...f, after: after ?? undefined, limit }))
export const fetchLendChoices = (branchId: string) => api<LendChoices>('GET', withQuery('/api/loans/choices', { branchId }))
export const lendItem = (input: LendInput) => api<{ loan: Loan }>('POST', '/api/loans', input).then((r) => r.loan)
export const returnLoan = (id: string, condition: LoanCondition, note: string | null) =>
  api<{ loan: Loan }>('POST', `/api/loans/${encodeURIComponent(id)}/return`, { condition, note }).then((r) => r.loan)
export const fetchProductTrace = (productId: string, before: string | null, limit = 100) =>
  api<Page<TraceItem>>('GET', withQuery(`/api/products/${encodeURIComponent(productId)}/trace`, { before: before ?? undefined, limit }))
export const fetchClientReceived = (clientId: string, limit = 50) =>
  api<Page<TraceItem>>('GET', withQuery(`/api/clients/${encodeURIComponent(clientId)}/stock-received`, { limit }))

/** Roles that read the stock ledger (the product trace): stock.read. */
export const mayTrace = (roles: readonly string[]) => roles.some((r) => ['owner', 'manager', 'storekeeper', 'accountant', 'auditor'].includes(r))
/** Roles that lend and take back (loans.lend). */
export const mayLend = (roles: readonly string[]) => roles.some((r) => ['owner', 'manager', 'storekeeper', 'receptionist'].includes(r))
