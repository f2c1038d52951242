import { eq } from 'drizzle-orm'
import type { Queryable } from '../../../../db/client'
import { clients } from '../../../../db/schema/index'
import type { Currency } from '../../../../domain/i18n/format'
import {
  branchOf,
  invoiceLinesOf,
  invoiceNumber,
  paymentsOf,
  refundsOf,
  type InvoiceState,
  type LineRow,
  type PaymentRow,
  type RefundRow,
} from './invoices'

/** What an invoice or receipt PDF prints. */
export interface DocumentData {
  invoice: InvoiceState
  number: string
  currency: Currency
  branch: { name: string; address: string; phone: string | null; timezone: string }
  client: { name: string; phone: string | null }
  lines: LineRow[]
  payments: PaymentRow[]
  refunds: RefundRow[]
}

export async function documentData(db: Queryable, invoice: InvoiceState): Promise<DocumentData> {
  const branch = await branchOf(db, invoice.branchId)
  const [client] = await db
    .select({ first: clients.firstName, last: clients.lastName, phone: clients.phone })
    .from(clients)
    .where(eq(clients.id, invoice.clientId))
  return {
    invoice,
    number: invoiceNumber(branch.name, invoice.year, invoice.number),
    currency: invoice.currency as Currency,
    branch: { name: branch.name, address: branch.address, phone: branch.phone, timezone: branch.timezone },
    client: { name: client ? `${client.first} ${client.last}`.trim() : '—', phone: client?.phone ?? null },
    lines: await invoiceLinesOf(db, [invoice.id]),
    payments: await paymentsOf(db, [invoice.id]),
    refunds: await refundsOf(db, [invoice.id]),
  }
}
