import { asc, eq, inArray, sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import { branches, invoiceLines, invoices, passes, payments, refunds } from '../../../../db/schema/index'
import { NotFoundError } from '../../../errors'

export type InvoiceRow = typeof invoices.$inferSelect
export type PaymentRow = typeof payments.$inferSelect
export type RefundRow = typeof refunds.$inferSelect
export type LineRow = typeof invoiceLines.$inferSelect

/** open (something due) · paid · cancelled */
export type InvoiceStatus = 'open' | 'paid' | 'cancelled'

/** An invoice with what was paid on it, refunded and is still due. */
export interface InvoiceState extends InvoiceRow {
  /** Σ payments.amount (the part applied to it; kept credit not included). */
  paid: number
  /** Σ refunds.amount. */
  refunded: number
  /** total − paid (0 when cancelled): see queries/balances.ts. */
  due: number
  status: InvoiceStatus
}

const n = (v: unknown) => Number(v ?? 0)

export function stateOf(inv: InvoiceRow, paid: number, refunded: number): InvoiceState {
  const cancelled = inv.cancelledAt !== null
  const due = cancelled ? 0 : inv.total - paid
  return { ...inv, paid, refunded, due, status: cancelled ? 'cancelled' : due > 0 ? 'open' : 'paid' }
}

/**
 * An invoice and its sums, or 404. `lock`: `select … for update` of the invoice row, so the
 * payments, refunds and the cancellation of one invoice queue one after the other (each then sees
 * what the one before committed).
 */
export async function invoiceState(db: Queryable, id: string, lock = false): Promise<InvoiceState> {
  const q = db.select().from(invoices).where(eq(invoices.id, id)).limit(1)
  const [inv] = lock ? await q.for('update') : await q
  if (!inv) throw NotFoundError('errors.passes.invoiceNotFound')
  const [sums] = await queryRows<{ paid: string; refunded: string }>(
    db,
    sql`select (select coalesce(sum(amount), 0) from payments where invoice_id = ${id}::uuid) as paid,
               (select coalesce(sum(amount), 0) from refunds where invoice_id = ${id}::uuid) as refunded`,
  )
  return stateOf(inv, n(sums.paid), n(sums.refunded))
}

/** Many invoices with their sums. */
export async function invoiceStates(db: Queryable, rows: InvoiceRow[]): Promise<InvoiceState[]> {
  if (!rows.length) return []
  const ids = rows.map((r) => r.id)
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )
  const paid = await queryRows<{ invoice_id: string; s: string }>(
    db,
    sql`select invoice_id, sum(amount) as s from payments where invoice_id in (${list}) group by invoice_id`,
  )
  const refunded = await queryRows<{ invoice_id: string; s: string }>(
    db,
    sql`select invoice_id, sum(amount) as s from refunds where invoice_id in (${list}) group by invoice_id`,
  )
  const p = new Map(paid.map((r) => [r.invoice_id, n(r.s)]))
  const f = new Map(refunded.map((r) => [r.invoice_id, n(r.s)]))
  return rows.map((r) => stateOf(r, p.get(r.id) ?? 0, f.get(r.id) ?? 0))
}

export async function invoiceLinesOf(db: Queryable, invoiceIds: string[]): Promise<LineRow[]> {
  if (!invoiceIds.length) return []
  return db.select().from(invoiceLines).where(inArray(invoiceLines.invoiceId, invoiceIds)).orderBy(asc(invoiceLines.id))
}

export async function paymentsOf(db: Queryable, invoiceIds: string[]): Promise<PaymentRow[]> {
  if (!invoiceIds.length) return []
  return db.select().from(payments).where(inArray(payments.invoiceId, invoiceIds)).orderBy(asc(payments.at))
}

export async function refundsOf(db: Queryable, invoiceIds: string[]): Promise<RefundRow[]> {
  if (!invoiceIds.length) return []
  return db.select().from(refunds).where(inArray(refunds.invoiceId, invoiceIds)).orderBy(asc(refunds.at))
}

/** The pass an invoice sold, if any. */
export async function passOfInvoice(db: Queryable, invoiceId: string) {
  const [row] = await db.select().from(passes).where(eq(passes.invoiceId, invoiceId)).limit(1)
  return row ?? null
}

/** A payment by id, or 404. */
export async function findPayment(db: Queryable, id: string): Promise<PaymentRow> {
  const [row] = await db.select().from(payments).where(eq(payments.id, id)).limit(1)
  if (!row) throw NotFoundError('errors.passes.paymentNotFound')
  return row
}

/** A branch's row (time zone, name, address, phone) or 404. */
export async function branchOf(db: Queryable, id: string) {
  const [row] = await db.select().from(branches).where(eq(branches.id, id)).limit(1)
  if (!row) throw NotFoundError('errors.notFound.branch')
  return row
}

/**
 * An invoice's number as printed: the branch's short code (the first three letters of its name,
 * upper case, in its own script), the year and the number in six digits: `CEN-2026-000123`,
 * `ԿԵՆ-2026-000017`. Numbers run per branch and year without gaps.
 */
export function invoiceNumber(branchName: string, year: number, number: number): string {
  const letters = [...branchName.replace(/[^\p{L}\p{N}]/gu, '')].slice(0, 3).join('').toLocaleUpperCase()
  return `${letters || 'INV'}-${year}-${String(number).padStart(6, '0')}`
}
