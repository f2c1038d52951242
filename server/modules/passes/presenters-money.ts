import { z } from '@hono/zod-openapi'
import { MakeUpCreditSchema, presentMakeUpCredit } from './presenters-makeup'
import type { Account, PassRow } from './queries/account'
import type { CashDeskDay } from './queries/cash-desk'
import type { Debtor } from './queries/debtors'
import { invoiceNumber, type InvoiceState, type LineRow, type PaymentRow, type RefundRow } from './queries/invoices'
import type { PlanView, PriceRow, SettingsRow, TaxRateRow } from './queries/plans'
import type { TaxReportRow } from './queries/tax-report'

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

export const TaxRateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    rateBp: z.number().int(),
    mode: z.enum(['included', 'added', 'exempt']),
    archived: z.boolean(),
  })
  .openapi('TaxRate')

export const presentTaxRate = (r: TaxRateRow) => ({
  id: r.id,
  name: r.name,
  rateBp: r.rateBp,
  mode: r.mode as 'included' | 'added' | 'exempt',
  archived: r.archivedAt !== null,
})

export const PriceSchema = z.object({ id: z.number(), price: z.number().int(), from: z.string() }).openapi('PlanPrice')
export const presentPrice = (p: PriceRow) => ({ id: p.id, price: p.price, from: p.effectiveFrom })

export const PlanSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    activityIds: z.array(z.string()),
    sessions: z.number().int().nullable(),
    validDays: z.number().int().nullable(),
    validUntil: z.string().nullable(),
    /** The price effective today (minor units), null before its first price. */
    price: z.number().int().nullable(),
    prices: z.array(PriceSchema),
    taxRateId: z.string().nullable(),
    taxRate: TaxRateSchema.nullable(),
    burnsUnexcused: z.boolean(),
    freezeMaxDays: z.number().int(),
    freezeMaxTimes: z.number().int(),
    siblingDiscountBp: z.number().int(),
    multiActivityDiscountBp: z.number().int(),
    branchId: z.string().nullable(),
    archived: z.boolean(),
  })
  .openapi('PassPlan')

export const presentPlan = (p: PlanView) => ({
  id: p.id,
  name: p.name,
  activityIds: p.activityIds,
  sessions: p.sessions,
  validDays: p.validDays,
  validUntil: p.validUntil,
  price: p.price,
  prices: p.prices.map(presentPrice),
  taxRateId: p.taxRateId,
  taxRate: p.taxRate ? presentTaxRate(p.taxRate) : null,
  burnsUnexcused: p.burnsUnexcused,
  freezeMaxDays: p.freezeMaxDays,
  freezeMaxTimes: p.freezeMaxTimes,
  siblingDiscountBp: p.siblingDiscountBp,
  multiActivityDiscountBp: p.multiActivityDiscountBp,
  branchId: p.branchId,
  archived: p.archivedAt !== null,
})

export const SettingsSchema = z
  .object({ runningOutSessions: z.number().int(), runningOutDays: z.number().int(), invoiceDueDays: z.number().int() })
  .openapi('PassSettings')
export const presentSettings = (s: SettingsRow) => ({
  runningOutSessions: s.runningOutSessions,
  runningOutDays: s.runningOutDays,
  invoiceDueDays: s.invoiceDueDays,
})

/** active · not_started · used_up · expired · ended (refunded or its invoice cancelled) */
export type PassStatus = 'active' | 'not_started' | 'used_up' | 'expired' | 'ended'

export function passStatus(p: PassRow, today: string): PassStatus {
  if (p.endedAt) return 'ended'
  if (p.sessionsTotal !== null && p.sessionsUsed >= p.sessionsTotal) return 'used_up'
  if (p.validUntil < today) return 'expired'
  if (p.startsOn > today) return 'not_started'
  return 'active'
}

export const PassSchema = z
  .object({
    id: z.string(),
    clientId: z.string(),
    planId: z.string(),
    branchId: z.string(),
    invoiceId: z.string().nullable(),
    activityIds: z.array(z.string()),
    sessionsTotal: z.number().int().nullable(),
    sessionsUsed: z.number().int(),
    sessionsLeft: z.number().int().nullable(),
    startsOn: z.string(),
    validUntil: z.string(),
    soldValidUntil: z.string(),
    price: z.number().int(),
    status: z.enum(['active', 'not_started', 'used_up', 'expired', 'ended']),
    endedAt: z.string().nullable(),
  })
  .openapi('MoneyPass')

export const presentPass = (p: PassRow, today: string) => ({
  id: p.id,
  clientId: p.clientId,
  planId: p.planId,
  branchId: p.branchId,
  invoiceId: p.invoiceId,
  activityIds: p.activityIds,
  sessionsTotal: p.sessionsTotal,
  sessionsUsed: p.sessionsUsed,
  sessionsLeft: p.sessionsTotal === null ? null : p.sessionsTotal - p.sessionsUsed,
  startsOn: p.startsOn,
  validUntil: p.validUntil,
  soldValidUntil: p.soldValidUntil,
  price: p.price,
  status: passStatus(p, today),
  endedAt: iso(p.endedAt),
})

export const LineSchema = z.object({
  id: z.number(),
  kind: z.string(),
  passId: z.string().nullable(),
  planId: z.string().nullable(),
  description: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  discount: z.number().int(),
  discountReason: z.string().nullable(),
  net: z.number().int(),
  tax: z.number().int(),
  gross: z.number().int(),
  taxRateBp: z.number().int(),
  taxMode: z.string(),
})
export const presentLine = (l: LineRow) => ({
  id: l.id,
  kind: l.kind,
  passId: l.passId,
  planId: l.planId,
  description: l.description,
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  discount: l.discount,
  discountReason: l.discountReason,
  net: l.net,
  tax: l.tax,
  gross: l.gross,
  taxRateBp: l.taxRateBp,
  taxMode: l.taxMode,
})

export const InvoiceSchema = z
  .object({
    id: z.string(),
    /** As printed: `CEN-2026-000123` (branch short code, year, number). */
    number: z.string(),
    /** The number within its branch and year (1, 2, … without gaps). */
    seq: z.number().int(),
    year: z.number().int(),
    branchId: z.string(),
    clientId: z.string(),
    payerName: z.string().nullable(),
    payerPhone: z.string().nullable(),
    currency: z.string(),
    net: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
    paid: z.number().int(),
    refunded: z.number().int(),
    due: z.number().int(),
    status: z.enum(['open', 'paid', 'cancelled']),
    issuedOn: z.string(),
    dueOn: z.string(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
  })
  .openapi('Invoice')

export const presentInvoice = (i: InvoiceState, branchName: string) => ({
  id: i.id,
  number: invoiceNumber(branchName, i.year, i.number),
  seq: i.number,
  year: i.year,
  branchId: i.branchId,
  clientId: i.clientId,
  payerName: i.payerName,
  payerPhone: i.payerPhone,
  currency: i.currency,
  net: i.net,
  tax: i.tax,
  total: i.total,
  paid: i.paid,
  refunded: i.refunded,
  due: i.due,
  status: i.status,
  issuedOn: i.issuedOn,
  dueOn: i.dueOn,
  cancelledAt: iso(i.cancelledAt),
  cancelReason: i.cancelReason,
})

export const PaymentSchema = z
  .object({
    id: z.string(),
    invoiceId: z.string(),
    clientId: z.string(),
    branchId: z.string(),
    amount: z.number().int(),
    credit: z.number().int(),
    method: z.enum(['cash', 'card', 'transfer', 'credit']),
    day: z.string(),
    at: z.string().nullable(),
    by: z.string(),
  })
  .openapi('Payment')
export const presentPayment = (p: PaymentRow) => ({
  id: p.id,
  invoiceId: p.invoiceId,
  clientId: p.clientId,
  branchId: p.branchId,
  amount: p.amount,
  credit: p.credit,
  method: p.method as 'cash' | 'card' | 'transfer' | 'credit',
  day: p.day,
  at: iso(p.at),
  by: p.by,
})

export const RefundSchema = z
  .object({
    id: z.string(),
    invoiceId: z.string(),
    passId: z.string().nullable(),
    amount: z.number().int(),
    tax: z.number().int(),
    sessions: z.number().int().nullable(),
    method: z.string(),
    reason: z.string().nullable(),
    day: z.string(),
    at: z.string().nullable(),
  })
  .openapi('Refund')
export const presentRefund = (r: RefundRow) => ({
  id: r.id,
  invoiceId: r.invoiceId,
  passId: r.passId,
  amount: r.amount,
  tax: r.tax,
  sessions: r.sessions,
  method: r.method,
  reason: r.reason,
  day: r.day,
  at: iso(r.at),
})

export const AccountSchema = z
  .object({
    clientId: z.string(),
    debt: z.number().int(),
    credit: z.number().int(),
    invoices: z.array(
      InvoiceSchema.extend({ lines: z.array(LineSchema), payments: z.array(PaymentSchema), refunds: z.array(RefundSchema) }),
    ),
    passes: z.array(PassSchema),
    visits: z.array(
      z.object({
        id: z.number(),
        passId: z.string().nullable(),
        owed: z.boolean(),
        source: z.string(),
        lessonId: z.string().nullable(),
        activityId: z.string().nullable(),
        on: z.string(),
        sign: z.number().int(),
        at: z.string().nullable(),
      }),
    ),
    familyDebt: z.object({
      total: z.number().int(),
      members: z.array(z.object({ clientId: z.string(), name: z.string(), debt: z.number().int() })),
    }),
    /** The open make-up credits (not used; they do not expire), the oldest cancelled lesson first. */
    makeUpCredits: z.array(MakeUpCreditSchema),
  })
  .openapi('ClientAccount')

export const presentAccount = (a: Account, branchNames: Map<string, string>, today: string) => ({
  clientId: a.clientId,
  debt: a.debt,
  credit: a.credit,
  invoices: a.invoices.map((i) => ({
    ...presentInvoice(i, branchNames.get(i.branchId) ?? ''),
    lines: i.lines.map(presentLine),
    payments: i.payments.map(presentPayment),
    refunds: i.refunds.map(presentRefund),
  })),
  passes: a.passes.map((p) => presentPass(p, today)),
  visits: a.visits.map((v) => ({ ...v, at: iso(v.at) })),
  familyDebt: a.family,
  makeUpCredits: a.makeUpCredits.map(presentMakeUpCredit),
})

const Methods = z.object({ cash: z.number(), card: z.number(), transfer: z.number(), credit: z.number() })
const OutMethods = z.object({ cash: z.number(), card: z.number(), transfer: z.number() })
export const CashDeskSchema = z
  .object({
    branchId: z.string(),
    day: z.string(),
    closed: z.boolean(),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    taken: Methods,
    refunds: OutMethods,
    net: z.number(),
    payments: z.number(),
    byUser: z.array(
      z.object({ userId: z.string(), name: z.string(), taken: Methods, refunds: OutMethods, payments: z.number() }),
    ),
  })
  .openapi('CashDeskDay')
export const presentCashDesk = (d: CashDeskDay) => d

export const DebtorSchema = z
  .object({
    clientId: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    payerName: z.string().nullable(),
    payerPhone: z.string().nullable(),
    branchId: z.string(),
    debt: z.number().int(),
    invoices: z.number().int(),
    oldestDueOn: z.string(),
    daysOverdue: z.number().int(),
    bucket: z.enum(['0-30', '31-60', '60+']),
  })
  .openapi('Debtor')
export const presentDebtor = (d: Debtor) => d

const Amounts = z.object({ net: z.number(), tax: z.number(), gross: z.number() })
export const TaxReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    branchId: z.string().nullable(),
    rows: z.array(
      z.object({
        rateBp: z.number().int(),
        mode: z.string(),
        sales: Amounts,
        refunds: Amounts,
        net: z.number(),
        tax: z.number(),
        gross: z.number(),
      }),
    ),
    total: Amounts,
  })
  .openapi('TaxReport')
export const presentTaxReport = (from: string, to: string, branchId: string | null, rows: TaxReportRow[]) => ({
  from,
  to,
  branchId,
  rows,
  total: {
    net: rows.reduce((s, r) => s + r.net, 0),
    tax: rows.reduce((s, r) => s + r.tax, 0),
    gross: rows.reduce((s, r) => s + r.gross, 0),
  },
})
