import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { Queryable } from '../../../../db/client'
import { activities, passPlanPrices, passPlans, passSettings, taxRates } from '../../../../db/schema/index'
import { NotFoundError } from '../../../errors'

export type PlanRow = typeof passPlans.$inferSelect
export type TaxRateRow = typeof taxRates.$inferSelect
export type PriceRow = typeof passPlanPrices.$inferSelect

/** A plan with its prices (newest first) and its price on a day. */
export interface PlanView extends PlanRow {
  prices: PriceRow[]
  /** The price effective on `day` (null before its first price). */
  price: number | null
  taxRate: TaxRateRow | null
}

/** A plan by id, or 404. */
export async function findPlan(db: Queryable, id: string): Promise<PlanRow> {
  const [row] = await db.select().from(passPlans).where(eq(passPlans.id, id)).limit(1)
  if (!row) throw NotFoundError('errors.passes.planNotFound')
  return row
}

/** The price of a plan effective on a day: the row with the latest `effective_from` on or before it. */
export async function priceOn(db: Queryable, planId: string, day: string): Promise<PriceRow | null> {
  const [row] = await db
    .select()
    .from(passPlanPrices)
    .where(and(eq(passPlanPrices.planId, planId), lte(passPlanPrices.effectiveFrom, day)))
    .orderBy(desc(passPlanPrices.effectiveFrom))
    .limit(1)
  return row ?? null
}

/** A tax rate by id, or 404. */
export async function findTaxRate(db: Queryable, id: string): Promise<TaxRateRow> {
  const [row] = await db.select().from(taxRates).where(eq(taxRates.id, id)).limit(1)
  if (!row) throw NotFoundError('errors.passes.taxRateNotFound')
  return row
}

export async function listTaxRates(db: Queryable, archived = false): Promise<TaxRateRow[]> {
  return db
    .select()
    .from(taxRates)
    .where(archived ? undefined : isNull(taxRates.archivedAt))
    .orderBy(asc(taxRates.name))
}

/**
 * The plans (not archived unless asked), with their prices and the price on `day`; only those a
 * branch may sell when `branchIds` is given (theirs and the center-wide ones).
 */
export async function listPlans(
  db: Queryable,
  opts: { day: string; branchIds?: string[] | null; archived?: boolean },
): Promise<PlanView[]> {
  const conds = [opts.archived ? undefined : isNull(passPlans.archivedAt)]
  if (opts.branchIds && opts.branchIds.length)
    conds.push(sql`(${passPlans.branchId} is null or ${inArray(passPlans.branchId, opts.branchIds)})`)
  const plans = await db
    .select()
    .from(passPlans)
    .where(and(...conds))
    .orderBy(asc(passPlans.name))
  return withPrices(db, plans, opts.day)
}

/** Plans with their prices and tax rates attached. */
export async function withPrices(db: Queryable, plans: PlanRow[], day: string): Promise<PlanView[]> {
  if (!plans.length) return []
  const ids = plans.map((p) => p.id)
  const prices = await db
    .select()
    .from(passPlanPrices)
    .where(inArray(passPlanPrices.planId, ids))
    .orderBy(desc(passPlanPrices.effectiveFrom))
  const rateIds = [...new Set(plans.map((p) => p.taxRateId).filter((x): x is string => !!x))]
  const rates = rateIds.length ? await db.select().from(taxRates).where(inArray(taxRates.id, rateIds)) : []
  return plans.map((p) => {
    const own = prices.filter((r) => r.planId === p.id)
    const current = own.find((r) => r.effectiveFrom <= day)
    return { ...p, prices: own, price: current?.price ?? null, taxRate: rates.find((r) => r.id === p.taxRateId) ?? null }
  })
}

/** Which of these activity ids exist. */
export async function existingActivityIds(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const rows = await db.select({ id: activities.id }).from(activities).where(inArray(activities.id, ids))
  return new Set(rows.map((r) => r.id))
}

export type SettingsRow = typeof passSettings.$inferSelect

/** The area's settings (the migration's row; defaults when missing). */
export async function moneySettings(db: Queryable): Promise<SettingsRow> {
  const [row] = await db.select().from(passSettings).where(eq(passSettings.id, 1)).limit(1)
  return row ?? { id: 1, runningOutSessions: 2, runningOutDays: 7, invoiceDueDays: 7, updatedAt: new Date(0), updatedBy: null }
}
