import { eq, sql } from 'drizzle-orm'
import { type Tx } from '../../../../db/client'
import { cashDays, payments } from '../../../../db/schema/index'
import { and } from 'drizzle-orm'
import { add, subtract } from '../../../../domain/money'
import type { Actor } from '../../../../domain/roles'
import type { CommandEvent } from '../../../contracts/hooks'
import { ConflictError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { todayIn } from '../pass-alerts'
import { clientCredits } from '../queries/balances'
import { branchOf, invoiceState, type InvoiceState, type PaymentRow } from '../queries/invoices'
import { clearOverdueIfSettled, reviewDebt } from './payments-alerts'

export type PaymentMethod = 'cash' | 'card' | 'transfer' | 'credit'

export interface PaymentInput {
  invoiceId: string
  /** What the client hands over, in minor units (> 0). */
  amount: number
  method: PaymentMethod
  /** One per click of "Take payment": the same key again is the same payment. */
  idempotencyKey: string
  /** The cashier chose to keep what is above the due as the client's credit. */
  overpay?: boolean
  /** A back-dated payment's cash-desk day (default: today in the invoice's branch). */
  day?: string
}

export interface PaymentResult {
  payment: PaymentRow
  invoice: InvoiceState
  /** The key had been used: this is the payment made then (nothing written now). */
  replayed: boolean
}

/** Serialises everything that writes into or closes one branch's cash-desk day. */
export async function lockCashDay(tx: Tx, branchId: string, day: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`cash:${branchId}:${day}`}, 0))`)
}

/** A closed day refuses what would change its totals: 409 naming `field`. */
export async function refuseClosedDay(tx: Tx, branchId: string, day: string, field: string): Promise<void> {
  await lockCashDay(tx, branchId, day)
  const [closed] = await tx
    .select({ day: cashDays.day })
    .from(cashDays)
    .where(and(eq(cashDays.branchId, branchId), eq(cashDays.day, day)))
    .limit(1)
  if (closed) throw ConflictError('errors.passes.dayClosed', { [field]: 'errors.passes.dayClosed' })
}

/** The same key again: the payment it made, if its request was the same; else 409 naming the key. */
function replay(prior: PaymentRow, input: PaymentInput): PaymentRow {
  if (prior.invoiceId !== input.invoiceId || add(prior.amount, prior.credit) !== input.amount || prior.method !== input.method)
    throw ConflictError('errors.passes.keyReused', { idempotencyKey: 'errors.passes.keyReused' })
  return prior
}

/**
 * Takes a payment on an invoice, in one transaction with its audit row. The invoice row is locked
 * first, so two requests with one key (a double click, a retry) queue: the second finds the
 * first's payment and returns it (`replayed`); the unique index on the key backs this up for keys
 * racing on different invoices. A partial payment leaves the rest due; more than is due is a 409
 * naming `amount` unless `overpay`, then the excess is kept as the client's credit; method
 * `credit` spends that credit (never more than there is). A cancelled invoice, a closed cash-desk
 * day: 409. The client's `debt` alert follows, and the invoice's `invoice_overdue` is cleared once
 * nothing is due.
 */
export function takePayment(ctx: CommandContext, actor: Actor, input: PaymentInput): Promise<PaymentResult> {
  return runCommand<PaymentResult>(ctx, 'payments.take', async (tx) => {
    const invoice = await invoiceState(tx, input.invoiceId, true)
    const [prior] = await tx.select().from(payments).where(eq(payments.idempotencyKey, input.idempotencyKey)).limit(1)
    if (prior) {
      const payment = replay(prior, input)
      return {
        result: { payment, invoice, replayed: true },
        entity: 'payment',
        entityId: payment.id,
        after: { replayed: true },
      }
    }
    if (invoice.status === 'cancelled')
      throw ConflictError('errors.passes.invoiceCancelled', { invoiceId: 'errors.passes.invoiceCancelled' })
    const branch = await branchOf(tx, invoice.branchId)
    const today = todayIn(branch.timezone)
    const day = input.day ?? today
    if (day > today) throw ValidationError({ day: 'errors.passes.dayInFuture' })
    await refuseClosedDay(tx, branch.id, day, input.day ? 'day' : 'invoiceId')

    if (invoice.due <= 0) throw ConflictError('errors.passes.nothingDue', { invoiceId: 'errors.passes.nothingDue' })
    let applied = input.amount
    let credit = 0
    if (input.method === 'credit') {
      const available = (await clientCredits(tx, [invoice.clientId])).get(invoice.clientId) ?? 0
      if (input.amount > available)
        throw ConflictError('errors.passes.notEnoughCredit', { amount: 'errors.passes.notEnoughCredit' })
      if (input.amount > invoice.due)
        throw ConflictError('errors.passes.amountAboveDue', { amount: 'errors.passes.amountAboveDue' })
    } else if (input.amount > invoice.due) {
      if (!input.overpay) throw ConflictError('errors.passes.amountAboveDue', { amount: 'errors.passes.amountAboveDue' })
      applied = invoice.due
      credit = subtract(input.amount, invoice.due)
    }
    const [payment] = await tx
      .insert(payments)
      .values({
        invoiceId: invoice.id,
        clientId: invoice.clientId,
        branchId: invoice.branchId,
        amount: applied,
        credit,
        method: input.method,
        idempotencyKey: input.idempotencyKey,
        day,
        by: actor.id,
      })
      .onConflictDoNothing({ target: payments.idempotencyKey })
      .returning()
    if (!payment) {
      // the key was taken meanwhile by a request on another invoice
      const [other] = await tx.select().from(payments).where(eq(payments.idempotencyKey, input.idempotencyKey)).limit(1)
      const again = replay(other, input)
      return { result: { payment: again, invoice, replayed: true }, entity: 'payment', entityId: again.id }
    }
    const after = await invoiceState(tx, invoice.id)
    const events: CommandEvent[] = [
      ...(await reviewDebt(tx, invoice.clientId, actor.id)),
      ...(await clearOverdueIfSettled(tx, invoice.id, after.due, false, actor.id)),
      { name: 'entity.changed', payload: { type: 'payment', id: payment.id, action: 'created', branchId: invoice.branchId } },
      { name: 'entity.changed', payload: { type: 'invoice', id: invoice.id, action: 'paid', branchId: invoice.branchId } },
    ]
    return {
      result: { payment, invoice: after, replayed: false },
      entity: 'payment',
      entityId: payment.id,
      after: payment,
      events,
    }
  })
}
