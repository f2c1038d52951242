import { createRoute, z } from '@hono/zod-openapi'
import { eq } from 'drizzle-orm'
import { branches, clients } from '../../../../db/schema/index'
import { NotFoundError } from '../../../errors'
import { createRouter, IdParam, jsonBody, responses, security } from '../../../http/openapi'
import { Uuid } from '../../../http/values'
import { authorize, authorizeRole } from '../../../policies/policy'
import { cancelInvoice } from '../commands/cancel-invoice'
import { takePayment } from '../commands/payments'
import { refund } from '../commands/refunds'
import { saleBranch, sellPass } from '../commands/sell-pass'
import { todayIn } from '../pass-alerts'
import { invoicePdf, pdfDisposition, receiptPdf } from '../pdf/documents'
import { passesPolicies } from '../policies'
import {
  AccountSchema,
  InvoiceSchema,
  PassSchema,
  PaymentSchema,
  RefundSchema,
  presentAccount,
  presentInvoice,
  presentPass,
  presentPayment,
  presentRefund,
} from '../presenters-money'
import { clientAccount } from '../queries/account'
import { branchOf, findPayment, invoiceState } from '../queries/invoices'
import { documentData } from '../queries/invoices-documents'
import { CancelInput, PaymentInput, RefundInput, SellInput } from './money-schemas'
import type { Queryable } from '../../../../db/client'
import { passes } from '../../../../db/schema/index'

const PdfFile = z.object({
  file: z
    .string()
    .regex(/^[0-9a-fA-F-]{36}\.pdf$/, 'errors.field.uuid')
    .openapi({ param: { name: 'file', in: 'path' }, example: '3f2c…-….pdf' }),
})

const PaymentResult = z.object({ payment: PaymentSchema, invoice: InvoiceSchema })
const RefundResult = z.object({ refund: RefundSchema, invoice: InvoiceSchema })

async function clientBranch(db: Queryable, id: string) {
  const [row] = await db
    .select({ branchId: clients.branchId, erasedAt: clients.erasedAt })
    .from(clients)
    .where(eq(clients.id, id))
  if (!row) throw NotFoundError('errors.notFound.client')
  return { branchId: row.branchId }
}

/**
 * Selling a pass, payments, refunds, cancelling an invoice, a client's account and the invoice
 * and receipt PDFs. Every route authorises role and branch (the invoice's, the client's) through
 * passesPolicies; every write is one command with its audit row.
 */
export const moneySalesRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients/{id}/passes',
      tags: ['passes'],
      summary:
        'Sell a pass: its invoice (numbered per branch and year without gaps), the price of the day less a discount, tax, the paying guardian',
      description:
        'The invoice is the branch of `branchId`, else the client’s branch; the seller must work there. Discounts: sibling (another child of a guardian in common holds a valid pass) or several activities (the client holds a valid pass for another activity); when both apply, the larger.',
      security,
      request: { params: IdParam, ...jsonBody(SellInput) },
      responses: responses(
        201,
        z.object({ pass: PassSchema, invoice: InvoiceSchema.extend({ lines: z.array(z.any()).optional() }) }),
      ),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, passesPolicies.sell)
      const db = c.var.deps.database.db
      const { branch } = await saleBranch(db, id, input.branchId)
      const actor = authorize(c.var.actor, passesPolicies.sell, { branchId: branch.id })
      const sale = await sellPass(c.var.ctx, actor, id, input)
      const invoice = await invoiceState(db, sale.invoice.id)
      return c.json(
        { pass: presentPass(sale.pass, todayIn(branch.timezone)), invoice: presentInvoice(invoice, branch.name) },
        201,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/payments',
      tags: ['passes'],
      summary: 'Take a payment (partial allowed; the same idempotencyKey again → 200 with the same payment)',
      security,
      request: jsonBody(PaymentInput),
      responses: {
        ...responses(200, PaymentResult, 'The key was used: the payment made then'),
        201: { description: 'Taken', content: { 'application/json': { schema: PaymentResult } } },
        409: { description: 'More than due without overpay, a cancelled invoice, a closed day' },
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, passesPolicies.takePayment)
      const db = c.var.deps.database.db
      const inv = await invoiceState(db, input.invoiceId)
      const actor = authorize(c.var.actor, passesPolicies.takePayment, inv)
      const r = await takePayment(c.var.ctx, actor, input)
      const branch = await branchOf(db, r.invoice.branchId)
      const body = { payment: presentPayment(r.payment), invoice: presentInvoice(r.invoice, branch.name) }
      return r.replayed ? c.json(body, 200) : c.json(body, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/refunds',
      tags: ['passes'],
      summary:
        'Refund an invoice or a pass: pro rata to the unused sessions (days for an unlimited pass), or an amount; never above what was paid; ends the pass',
      security,
      request: jsonBody(RefundInput),
      responses: {
        ...responses(200, RefundResult, 'The key was used: the refund made then'),
        201: { description: 'Refunded', content: { 'application/json': { schema: RefundResult } } },
        409: { description: 'Above what was paid, nothing to refund, the invoice not settled' },
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, passesPolicies.refund)
      const db = c.var.deps.database.db
      let invoiceId = input.invoiceId
      if (!invoiceId && input.passId) {
        const [p] = await db.select({ invoiceId: passes.invoiceId }).from(passes).where(eq(passes.id, input.passId))
        if (!p) throw NotFoundError('errors.passes.passNotFound')
        if (!p.invoiceId) throw NotFoundError('errors.passes.invoiceNotFound')
        invoiceId = p.invoiceId
      }
      const inv = await invoiceState(db, invoiceId as string)
      const actor = authorize(c.var.actor, passesPolicies.refund, inv)
      const r = await refund(c.var.ctx, actor, { ...input, invoiceId: inv.id })
      const branch = await branchOf(db, inv.branchId)
      const body = { refund: presentRefund(r.refund), invoice: presentInvoice(r.invoice, branch.name) }
      return r.replayed ? c.json(body, 200) : c.json(body, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/invoices/{id}/cancel',
      tags: ['passes'],
      summary: 'Cancel an invoice without payments (its pass ends; its number stays used)',
      security,
      request: { params: IdParam, ...jsonBody(CancelInput) },
      responses: responses(200, z.object({ invoice: InvoiceSchema })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      authorizeRole(c.var.actor, passesPolicies.refund)
      const db = c.var.deps.database.db
      const inv = await invoiceState(db, id)
      const actor = authorize(c.var.actor, passesPolicies.refund, inv)
      const after = await cancelInvoice(c.var.ctx, actor, id, c.req.valid('json').reason ?? null)
      return c.json({ invoice: presentInvoice(after, (await branchOf(db, inv.branchId)).name) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/{id}/account',
      tags: ['passes'],
      summary:
        'A client’s account: debt, credit, invoices with payments and refunds, passes, latest visits, the family’s debt, open make-up credits',
      description:
        '`makeUpCredits`: the client’s make-up credits not used yet (written when a lesson of their group was cancelled offering make-up; they do not expire), the oldest cancelled lesson first, each with its activity and the lesson it came from (`fromLesson`: group, `startsAt`, and `on`/`time` in the branch’s time zone). A credit is used once, for a lesson of the same activity in another group: `POST /api/check-ins` with `makeUpCreditId`, or `POST /api/lessons/{id}/make-up`.',
      security,
      request: { params: IdParam },
      responses: responses(200, AccountSchema),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      authorizeRole(c.var.actor, passesPolicies.readAccount)
      const db = c.var.deps.database.db
      const client = await clientBranch(db, id)
      authorize(c.var.actor, passesPolicies.readAccount, client)
      const [account, all] = await Promise.all([
        clientAccount(db, id),
        db.select({ id: branches.id, name: branches.name, tz: branches.timezone }).from(branches),
      ])
      const tz = all.find((b) => b.id === client.branchId)?.tz ?? 'UTC'
      return c.json(presentAccount(account, new Map(all.map((b) => [b.id, b.name])), todayIn(tz)), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/invoices/{file}',
      tags: ['passes'],
      summary: 'An invoice as PDF (`/invoices/<id>.pdf`) in the reader’s language',
      security,
      request: { params: PdfFile },
      responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } } },
    }),
    async (c) => {
      const id = Uuid.parse(c.req.valid('param').file.slice(0, -4))
      authorizeRole(c.var.actor, passesPolicies.readAccount)
      const db = c.var.deps.database.db
      const inv = await invoiceState(db, id)
      authorize(c.var.actor, passesPolicies.readAccount, inv)
      const data = await documentData(db, inv)
      const pdf = await invoicePdf(data, c.var.locale)
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': pdfDisposition(`${data.number}.pdf`),
      })
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/payments/{id}/receipt.pdf',
      tags: ['passes'],
      summary: 'A payment’s receipt as PDF in the reader’s language',
      security,
      request: { params: IdParam },
      responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } } },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      authorizeRole(c.var.actor, passesPolicies.readAccount)
      const db = c.var.deps.database.db
      const payment = await findPayment(db, id)
      authorize(c.var.actor, passesPolicies.readAccount, payment)
      const inv = await invoiceState(db, payment.invoiceId)
      const data = await documentData(db, inv)
      const pdf = await receiptPdf(data, payment, c.var.locale)
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': pdfDisposition(`receipt-${data.number}.pdf`),
      })
    },
  )
