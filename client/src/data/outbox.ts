import { api, withQuery } from './api'

/** A message the center sent or holds (a purchase order to its supplier, with its PDF). */
export interface OutboxMessage {
  id: string
  kind: 'purchase_order'
  /** The purchase order. */
  subjectId: string
  branchId: string
  recipient: string
  subject: string
  body: string
  attachmentName: string
  /** Where its PDF downloads from. */
  attachmentUrl: string
  /** held: no mail server, not sent; sent: taken by the mail server. */
  status: 'held' | 'sent'
  createdAt: string
}

/** The outbox of the reader's branches, newest first, and whether a mail server is configured. */
export const fetchOutbox = (q: { status?: 'held' | 'sent' } = {}) =>
  api<{ items: OutboxMessage[]; smtp: boolean }>('GET', withQuery('/api/outbox', q))

const id = (v: string) => encodeURIComponent(v)

/** Sends a draft purchase order (by email, or into the outbox without a mail server). */
export const sendPurchaseOrder = (orderId: string) =>
  api<{ message: OutboxMessage }>('POST', `/api/purchase-orders/${id(orderId)}/send`)

/** Opens the receipt of a sent order, pre-filled with what is outstanding: the stock document to fill and post. */
export const receivePurchaseOrder = (orderId: string, storeId?: string) =>
  api<{ doc: { id: string; name: string } }>('POST', `/api/purchase-orders/${id(orderId)}/receive`, storeId ? { storeId } : {})

/** Who may read the outbox (stock.purchasing.read). */
export const mayReadOutbox = (roles: readonly string[]) =>
  ['owner', 'manager', 'storekeeper', 'accountant', 'auditor'].some((r) => roles.includes(r))
