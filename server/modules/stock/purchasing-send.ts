import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { queryRows, type Queryable, type Tx } from '../../../db/client'
import {
  branches,
  outboxMessages,
  purchaseOrders,
  purchaseRequests,
  stockDocuments,
  stores,
  suppliers,
} from '../../../db/schema/index'
import { localDateTime } from '../../../domain/docs/timetable-week'
import { formatMoney, type Currency } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import type { Actor } from '../../../domain/roles'
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors'
import { runCommand, type Audit, type CommandContext } from '../../http/command'
import type { Mailer } from './mail/transport'
import { purchaseOrderPdf } from './order-pdf'
import { findOrder } from './purchasing'
import { pricesOn } from './queries'
import { lockSuppliers } from './reorder'

/**
 * Purchasing (issue #18), sending and receiving: a draft order is sent to its supplier as an email
 * with the order's PDF (in the center's language), or — without an SMTP server — kept in the
 * outbox for somebody to send by hand; either way it is `sent` and its requests `ordered`.
 * Receiving opens a receipt (a stock document linked to the order) pre-filled with what is still
 * outstanding; posting receipts moves the order to `partly_received` and then `received`.
 */

/** The order's number as people read it: PO-1A2B3C4D (its id's first eight digits). */
export const orderNumber = (orderId: string, locale: Locale): string =>
  translatorFor(locale).t('purchasing.number', { code: orderId.slice(0, 8).toUpperCase() })

export interface SentOrder {
  messageId: string
  status: 'held' | 'sent'
  recipient: string
  subject: string
}

/**
 * Sends a draft purchase order: its open lines become `ordered`, the order `sent` (by whom, when),
 * and its email with the PDF is written to `outbox_messages` — handed to the SMTP server when
 * there is one (`sent`, inside the transaction: when the server refuses, nothing is written and
 * the answer is 503 `purchasing.order.mailFailed`), else `held` in the outbox. 409 naming
 * `status` when the order is not a draft, `lines` when it has nothing to send, `supplierEmail`
 * when the supplier has no address.
 */
export function sendOrder(
  ctx: CommandContext,
  actor: Actor,
  orderId: string,
  center: { locale: Locale; currency: Currency },
  mailer: Mailer | null,
): Promise<SentOrder> {
  return runCommand(ctx, 'purchasing.orders.send', async (tx) => {
    const [known] = await tx
      .select({ supplierId: purchaseOrders.supplierId })
      .from(purchaseOrders)
      .where(eq(purchaseOrders.id, orderId))
    if (!known) throw NotFoundError('stock.notFound.purchaseOrder')
    // (no posting adds a request to this draft meanwhile, no one cancels it)
    await lockSuppliers(tx, [known.supplierId])
    const [order] = await tx.select().from(purchaseOrders).where(eq(purchaseOrders.id, orderId)).for('update')
    if (order.status !== 'draft')
      throw ConflictError('purchasing.order.notDraftToSend', { status: 'purchasing.order.notDraftToSend' })
    const [party] = await tx
      .select({
        supplierName: suppliers.name,
        contact: suppliers.contact,
        supplierPhone: suppliers.phone,
        email: suppliers.email,
        branchName: branches.name,
        address: branches.address,
        branchPhone: branches.phone,
        timeZone: branches.timezone,
      })
      .from(suppliers)
      .innerJoin(branches, eq(branches.id, order.branchId))
      .where(eq(suppliers.id, order.supplierId))
    const now = new Date()
    const full = await findOrder(tx, orderId, localDateTime(party.timeZone, now).date)
    const lines = full.lines.filter((l) => l.status === 'open')
    if (!lines.length) throw ConflictError('purchasing.order.empty', { lines: 'purchasing.order.empty' })
    const email = party.email.trim()
    if (!email) throw ConflictError('purchasing.order.noEmail', { supplierEmail: 'purchasing.order.noEmail' })

    const { locale, currency } = center
    const number = orderNumber(orderId, locale)
    const total = lines.reduce((s, l) => s + l.total, 0)
    const pdf = await purchaseOrderPdf(
      {
        number,
        date: now,
        timeZone: party.timeZone,
        currency,
        supplier: { name: party.supplierName, contact: party.contact, phone: party.supplierPhone, email },
        branch: { name: party.branchName, address: party.address, phone: party.branchPhone },
        lines,
        total,
      },
      locale,
    )
    const tr = translatorFor(locale)
    const subject = tr.t('purchasing.mail.subject', { number, branch: party.branchName })
    const body = tr.t('purchasing.mail.body', {
      number,
      lines: lines.length,
      total: formatMoney(total, currency, locale),
      branch: party.branchName,
      address: party.address ? `, ${party.address}` : '',
    })
    const attachmentName = `${number}.pdf`

    await tx.update(purchaseOrders).set({ status: 'sent', sentAt: now, sentBy: actor.id }).where(eq(purchaseOrders.id, orderId))
    await tx
      .update(purchaseRequests)
      .set({ status: 'ordered' })
      .where(and(eq(purchaseRequests.orderId, orderId), eq(purchaseRequests.status, 'open')))
    const [message] = await tx
      .insert(outboxMessages)
      .values({
        kind: 'purchase_order',
        subjectId: orderId,
        branchId: order.branchId,
        recipient: email,
        subject,
        body,
        attachmentName,
        attachment: pdf,
        status: mailer ? 'sent' : 'held',
        createdBy: actor.id,
      })
      .returning({ id: outboxMessages.id })
    if (mailer) {
      let transportId: string
      try {
        // last: a refusal rolls everything above back, and the order stays a draft
        const info = await mailer.send({
          to: email,
          subject,
          text: body,
          attachments: [{ filename: attachmentName, content: pdf, contentType: 'application/pdf' }],
        })
        transportId = info.messageId
      } catch {
        throw new AppError(503, 'unavailable', 'purchasing.order.mailFailed')
      }
      if (transportId) await tx.update(outboxMessages).set({ transportId }).where(eq(outboxMessages.id, message.id))
    }
    return {
      result: { messageId: message.id, status: mailer ? 'sent' : 'held', recipient: email, subject },
      entity: 'purchase_order',
      entityId: orderId,
      before: { status: 'draft' },
      after: {
        status: 'sent',
        to: email,
        message: message.id,
        mailed: Boolean(mailer),
        requests: lines.map((l) => l.requestId),
      },
    }
  })
}

/** An order's line with what has come in for it so far (by its posted receipts). */
interface Progress {
  request_id: string
  product_id: string
  store_id: string
  quantity: number
  received: number
  status: string
}

/**
 * What each ordered line of an order has received: the sum of the movements of its product in the
 * order's posted receipts (and their reversals, which are linked too).
 */
async function progressOf(db: Queryable, orderId: string): Promise<Progress[]> {
  const rows = await queryRows<Progress>(
    db,
    sql`select r.id as request_id, r.product_id, r.store_id, r.quantity, r.status,
               coalesce((select sum(m.quantity) from stock_movements m
                          join stock_documents d on d.id = m.document_id
                         where d.purchase_order_id = r.order_id and d.status = 'posted' and m.product_id = r.product_id), 0)::int as received
          from purchase_requests r
         where r.order_id = ${orderId} and r.status in ('ordered', 'received')
         order by r.created_at, r.id`,
  )
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity), received: Number(r.received) }))
}

export interface ReceiptDraft {
  doc: typeof stockDocuments.$inferSelect
  branchId: string
  created: boolean
  lines: Array<{ key: string; productId: string; quantity: number; unitCost: number }>
}

/**
 * Opens the receipt of a sent order: a draft receipt document into `storeId` (by default the store
 * of its first outstanding line) from the order's supplier, linked to the order, with a line per
 * product still outstanding for that store (ordered minus received, at the cost in force). An open
 * draft receipt of this order and store is returned instead of a second one. 409 naming `status`
 * when the order is not sent (or partly received), or when nothing is outstanding; 400 naming
 * `storeId` when nothing is outstanding for that store. The lines are written into the live
 * document by the caller (./purchasing-routes.ts), after commit.
 */
export function openOrderReceipt(
  ctx: CommandContext,
  actor: Actor,
  orderId: string,
  opts: { storeId?: string; day: string },
): Promise<ReceiptDraft> {
  return runCommand<ReceiptDraft>(ctx, 'purchasing.orders.receive', async (tx) => {
    const [order] = await tx.select().from(purchaseOrders).where(eq(purchaseOrders.id, orderId)).for('update')
    if (!order) throw NotFoundError('stock.notFound.purchaseOrder')
    if (order.status !== 'sent' && order.status !== 'partly_received')
      throw ConflictError(order.status === 'received' ? 'purchasing.order.nothingOutstanding' : 'purchasing.order.notSent', {
        status: order.status === 'received' ? 'purchasing.order.nothingOutstanding' : 'purchasing.order.notSent',
      })
    const outstanding = (await progressOf(tx, orderId)).filter((p) => p.quantity > p.received)
    if (!outstanding.length)
      throw ConflictError('purchasing.order.nothingOutstanding', { status: 'purchasing.order.nothingOutstanding' })
    const storeId = opts.storeId?.toLowerCase() ?? outstanding[0].store_id
    const mine = outstanding.filter((p) => p.store_id === storeId)
    if (!mine.length) throw ValidationError({ storeId: 'purchasing.order.noLinesForStore' })
    const [store] = await tx.select({ branchId: stores.branchId }).from(stores).where(eq(stores.id, storeId))
    const [open] = await tx
      .select()
      .from(stockDocuments)
      .where(
        and(
          eq(stockDocuments.purchaseOrderId, orderId),
          eq(stockDocuments.storeId, storeId),
          eq(stockDocuments.status, 'draft'),
          eq(stockDocuments.kind, 'receipt'),
        ),
      )
      .orderBy(asc(stockDocuments.createdAt))
      .limit(1)
    const prices = await pricesOn(
      tx,
      mine.map((p) => p.product_id),
      opts.day,
    )
    const lines = mine.map((p) => ({
      key: `po-${p.request_id.slice(0, 8)}`,
      productId: p.product_id,
      quantity: p.quantity - p.received,
      unitCost: prices.get(p.product_id)?.cost ?? 0,
    }))
    if (open)
      return {
        result: { doc: open, branchId: store.branchId, created: false, lines },
        entity: 'purchase_order',
        entityId: orderId,
        after: { receipt: open.id, reopened: true },
      }
    const [doc] = await tx
      .insert(stockDocuments)
      .values({ kind: 'receipt', storeId, supplierId: order.supplierId, purchaseOrderId: orderId, createdBy: actor.id })
      .returning()
    return {
      result: { doc, branchId: store.branchId, created: true, lines },
      entity: 'purchase_order',
      entityId: orderId,
      after: { receipt: doc.id, storeId, lines },
    }
  })
}

/**
 * After a receipt linked to an order was posted (or reversed), in that transaction: each ordered
 * line that has received its quantity is `received`, and the order is `received` when all are,
 * `partly_received` when something came, `sent` again when a reversal took it all back.
 */
export async function reviewOrderReceipt(tx: Tx, audit: Audit, documentId: string): Promise<void> {
  const [doc] = await tx
    .select({ orderId: stockDocuments.purchaseOrderId })
    .from(stockDocuments)
    .where(eq(stockDocuments.id, documentId))
  if (!doc?.orderId) return
  const [order] = await tx.select().from(purchaseOrders).where(eq(purchaseOrders.id, doc.orderId)).for('update')
  if (!order || !['sent', 'partly_received', 'received'].includes(order.status)) return
  const progress = await progressOf(tx, order.id)
  const done = progress.filter((p) => p.received >= p.quantity).map((p) => p.request_id)
  const waiting = progress.filter((p) => p.received < p.quantity).map((p) => p.request_id)
  if (done.length)
    await tx
      .update(purchaseRequests)
      .set({ status: 'received' })
      .where(and(inArray(purchaseRequests.id, done), eq(purchaseRequests.status, 'ordered')))
  if (waiting.length)
    await tx
      .update(purchaseRequests)
      .set({ status: 'ordered' })
      .where(and(inArray(purchaseRequests.id, waiting), eq(purchaseRequests.status, 'received')))
  const status = !waiting.length ? 'received' : progress.some((p) => p.received > 0) ? 'partly_received' : 'sent'
  if (status === order.status) return
  await tx
    .update(purchaseOrders)
    .set({ status, receivedAt: status === 'received' ? new Date() : null })
    .where(eq(purchaseOrders.id, order.id))
  await audit({
    action: 'purchasing.orders.received',
    entity: 'purchase_order',
    entityId: order.id,
    before: { status: order.status },
    after: { status, document: documentId, received: progress.map((p) => ({ request: p.request_id, quantity: p.received })) },
  })
}

/** The center's messages (of `branchIds` when given), newest first, without their attachments. */
export async function listOutbox(db: Queryable, opts: { branchIds: readonly string[] | null; status?: string }) {
  if (opts.branchIds && !opts.branchIds.length) return []
  return db
    .select({
      id: outboxMessages.id,
      kind: outboxMessages.kind,
      subjectId: outboxMessages.subjectId,
      branchId: outboxMessages.branchId,
      recipient: outboxMessages.recipient,
      subject: outboxMessages.subject,
      body: outboxMessages.body,
      attachmentName: outboxMessages.attachmentName,
      status: outboxMessages.status,
      createdAt: outboxMessages.createdAt,
    })
    .from(outboxMessages)
    .where(
      and(
        opts.branchIds ? inArray(outboxMessages.branchId, [...opts.branchIds]) : undefined,
        opts.status ? eq(outboxMessages.status, opts.status) : undefined,
      ),
    )
    .orderBy(desc(outboxMessages.createdAt))
    .limit(500)
}

/** A message's attachment (404 when there is no such message). */
export async function outboxAttachment(db: Queryable, id: string) {
  const [row] = await db
    .select({ branchId: outboxMessages.branchId, name: outboxMessages.attachmentName, data: outboxMessages.attachment })
    .from(outboxMessages)
    .where(eq(outboxMessages.id, id))
  if (!row) throw NotFoundError('purchasing.notFound.message')
  return row
}
