import { z } from '@hono/zod-openapi'
import { TAX_MODES } from '../../../../domain/money'
import { IsoDate, MinorUnits, Uuid, dateSpan } from '../../../http/values'

/** The request bodies and queries of the money routes (every message a catalogue id: 400s name the field). */

const Name = z.string().trim().min(1).max(200)
const Bp = z.number().int().min(0).max(10_000)
/** An amount of money > 0 in minor units (zero and negative: 400 naming the field). */
export const PositiveMinor = MinorUnits(10_000_000_000).min(1, 'errors.passes.amountPositive')
const Key = z.string().trim().min(8).max(100)

const planFields = {
  name: Name,
  activityIds: z.array(Uuid).min(1, 'errors.passes.activitiesRequired').max(50),
  /** Sessions in a pass; null = unlimited. */
  sessions: z.number().int().min(1, 'errors.passes.sessionsPositive').max(1000).nullable(),
  /** Valid for this many days from its first day … */
  validDays: z.number().int().min(1, 'errors.passes.validDaysPositive').max(3660).nullable().optional(),
  /** … or until this date. */
  validUntil: IsoDate.nullable().optional(),
  taxRateId: Uuid.nullable().optional(),
  burnsUnexcused: z.boolean().optional(),
  freezeMaxDays: z.number().int().min(0).max(366).optional(),
  freezeMaxTimes: z.number().int().min(0).max(52).optional(),
  siblingDiscountBp: Bp.optional(),
  multiActivityDiscountBp: Bp.optional(),
  /** The branch that sells it; null or absent = every branch. */
  branchId: Uuid.nullable().optional(),
}

export const PlanInput = z
  .object({
    ...planFields,
    /** The price (minor units, > 0), gross or net as the tax rate says. */
    price: PositiveMinor,
    /** The day the price holds from (default: today). */
    priceFrom: IsoDate.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.validDays && !v.validUntil)
      ctx.addIssue({ code: 'custom', path: ['validDays'], message: 'errors.passes.validityRequired' })
  })
  .openapi('PassPlanInput')

export const PlanPatch = z
  .object({
    name: Name.optional(),
    activityIds: planFields.activityIds.optional(),
    sessions: planFields.sessions.optional(),
    validDays: planFields.validDays,
    validUntil: planFields.validUntil,
    taxRateId: planFields.taxRateId,
    burnsUnexcused: planFields.burnsUnexcused,
    freezeMaxDays: planFields.freezeMaxDays,
    freezeMaxTimes: planFields.freezeMaxTimes,
    siblingDiscountBp: planFields.siblingDiscountBp,
    multiActivityDiscountBp: planFields.multiActivityDiscountBp,
    branchId: planFields.branchId,
    archived: z.boolean().optional(),
  })
  .strict()
  .openapi('PassPlanPatch')

export const PriceInput = z.object({ price: PositiveMinor, from: IsoDate }).strict().openapi('PlanPriceInput')

export const PlansQuery = z.object({
  branchId: Uuid.optional(),
  archived: z.enum(['true', 'false']).optional(),
})

export const TaxRateInput = z
  .object({ name: Name, rateBp: Bp, mode: z.enum(TAX_MODES) })
  .strict()
  .openapi('TaxRateInput')
export const TaxRatePatch = z.object({ name: Name.optional(), archived: z.boolean().optional() }).strict()

export const SettingsPatch = z
  .object({
    runningOutSessions: z.number().int().min(0).max(100).optional(),
    runningOutDays: z.number().int().min(0).max(90).optional(),
    invoiceDueDays: z.number().int().min(0).max(365).optional(),
  })
  .strict()
  .openapi('PassSettingsPatch')

export const SellInput = z
  .object({
    planId: Uuid,
    /** The pass's first day (default: the sale day). */
    startsOn: IsoDate.optional(),
    /** The activities it is bought for (default: all the plan covers); each must be the plan's. */
    activityIds: z.array(Uuid).min(1).max(50).optional(),
    /** The selling branch (default: the client's). */
    branchId: Uuid.optional(),
  })
  .strict()
  .openapi('SellPassInput')

export const PaymentInput = z
  .object({
    invoiceId: Uuid,
    amount: PositiveMinor,
    method: z.enum(['cash', 'card', 'transfer', 'credit']),
    idempotencyKey: Key,
    /** Keep what is above the due as the client's credit (else more than due is a 409). */
    overpay: z.boolean().optional(),
    /** A back-dated payment's cash-desk day (default today). */
    day: IsoDate.optional(),
  })
  .strict()
  .openapi('PaymentInput')

export const RefundInput = z
  .object({
    invoiceId: Uuid.optional(),
    passId: Uuid.optional(),
    mode: z.enum(['unused', 'amount']),
    amount: PositiveMinor.optional(),
    method: z.enum(['cash', 'card', 'transfer']),
    idempotencyKey: Key,
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.invoiceId === !v.passId) ctx.addIssue({ code: 'custom', path: ['invoiceId'], message: 'errors.passes.invoiceOrPass' })
    if (v.mode === 'amount' && v.amount === undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'errors.field.required' })
  })
  .openapi('RefundInput')

export const CancelInput = z
  .object({ reason: z.string().trim().max(500).optional() })
  .strict()
  .openapi('CancelInvoiceInput')

export const CashDeskQuery = z.object({ branchId: Uuid, day: IsoDate.optional() })
export const CashDeskClose = z.object({ branchId: Uuid, day: IsoDate }).strict().openapi('CashDeskCloseInput')
export const DebtorsQuery = z.object({ branchId: Uuid.optional() })
export const TaxReportQuery = z
  .object({ from: IsoDate, to: IsoDate, branchId: Uuid.optional() })
  .superRefine(dateSpan('from', 'to', 3660))
