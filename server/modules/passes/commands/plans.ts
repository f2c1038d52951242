import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../../../db/client'
import { passPlanPrices, passPlans, passSettings, taxRates } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { existingActivityIds, findPlan, moneySettings, type PlanRow, type PriceRow, type SettingsRow } from '../queries/plans'

export interface PlanInput {
  name: string
  activityIds: string[]
  sessions: number | null
  validDays?: number | null
  validUntil?: string | null
  price: number
  /** The first price's day (default: today in the caller's sense, given by the route). */
  priceFrom: string
  taxRateId?: string | null
  burnsUnexcused?: boolean
  freezeMaxDays?: number
  freezeMaxTimes?: number
  siblingDiscountBp?: number
  multiActivityDiscountBp?: number
  branchId?: string | null
}

export type PlanPatch = Partial<Omit<PlanInput, 'price' | 'priceFrom'>> & { archived?: boolean }

/** The activities exist and the tax rate is usable, else 400 naming the field; nothing written. */
async function checkRefs(tx: Tx, input: { activityIds?: string[]; taxRateId?: string | null }) {
  if (input.activityIds) {
    const known = await existingActivityIds(tx, input.activityIds)
    const missing = input.activityIds.findIndex((id) => !known.has(id))
    if (missing >= 0) throw ValidationError({ [`activityIds.${missing}`]: 'errors.passes.unknownActivity' })
  }
  if (input.taxRateId) {
    const [rate] = await tx
      .select({ id: taxRates.id })
      .from(taxRates)
      .where(and(eq(taxRates.id, input.taxRateId), isNull(taxRates.archivedAt)))
      .limit(1)
    if (!rate) throw ValidationError({ taxRateId: 'errors.passes.unknownTaxRate' })
  }
}

/** Creates a plan and its first price (effective from `priceFrom`), one transaction with its audit row. */
export function createPlan(ctx: CommandContext, actor: Actor, input: PlanInput): Promise<PlanRow> {
  return runCommand(ctx, 'passes.plans.create', async (tx) => {
    await checkRefs(tx, input)
    const [plan] = await tx
      .insert(passPlans)
      .values({
        name: input.name,
        activityIds: [...new Set(input.activityIds)],
        sessions: input.sessions,
        validDays: input.validDays ?? null,
        validUntil: input.validUntil ?? null,
        taxRateId: input.taxRateId ?? null,
        burnsUnexcused: input.burnsUnexcused ?? false,
        freezeMaxDays: input.freezeMaxDays ?? 0,
        freezeMaxTimes: input.freezeMaxTimes ?? 0,
        siblingDiscountBp: input.siblingDiscountBp ?? 0,
        multiActivityDiscountBp: input.multiActivityDiscountBp ?? 0,
        branchId: input.branchId ?? null,
        createdBy: actor.id,
        updatedBy: actor.id,
      })
      .returning()
    const [price] = await tx
      .insert(passPlanPrices)
      .values({ planId: plan.id, effectiveFrom: input.priceFrom, price: input.price, createdBy: actor.id })
      .returning()
    return { result: plan, entity: 'pass_plan', entityId: plan.id, after: { ...plan, price } }
  })
}

/**
 * Changes a plan's rules (not its price: `addPlanPrice`). Passes already sold keep what the plan
 * said on their sale day (copied onto the pass).
 */
export function updatePlan(ctx: CommandContext, actor: Actor, plan: PlanRow, patch: PlanPatch): Promise<PlanRow> {
  return runCommand(ctx, 'passes.plans.update', async (tx) => {
    await checkRefs(tx, patch)
    const next = {
      validDays: patch.validDays === undefined ? plan.validDays : patch.validDays,
      validUntil: patch.validUntil === undefined ? plan.validUntil : patch.validUntil,
    }
    if (!(next.validDays && next.validDays > 0) && !next.validUntil)
      throw ValidationError({ validDays: 'errors.passes.validityRequired' })
    const { archived, ...rest } = patch
    const [row] = await tx
      .update(passPlans)
      .set({
        ...rest,
        ...(rest.activityIds ? { activityIds: [...new Set(rest.activityIds)] } : {}),
        ...(archived === undefined ? {} : { archivedAt: archived ? new Date() : null }),
        updatedAt: new Date(),
        updatedBy: actor.id,
      })
      .where(eq(passPlans.id, plan.id))
      .returning()
    return { result: row, entity: 'pass_plan', entityId: plan.id, before: plan, after: row }
  })
}

/**
 * A new price of a plan from a day on: a row added, never an edit, so sales before that day keep
 * the price they were sold at (their invoice lines). A second price on the same day is a 409
 * naming `from`.
 */
export function addPlanPrice(
  ctx: CommandContext,
  actor: Actor,
  planId: string,
  input: { price: number; from: string },
): Promise<PriceRow> {
  return runCommand(ctx, 'passes.plans.price', async (tx) => {
    await findPlan(tx, planId)
    const [row] = await tx
      .insert(passPlanPrices)
      .values({ planId, effectiveFrom: input.from, price: input.price, createdBy: actor.id })
      .onConflictDoNothing()
      .returning()
    if (!row) throw ConflictError('errors.passes.priceDayTaken', { from: 'errors.passes.priceDayTaken' })
    return { result: row, entity: 'pass_plan', entityId: planId, after: row }
  })
}

export interface SettingsPatch {
  runningOutSessions?: number
  runningOutDays?: number
  invoiceDueDays?: number
}

/** Changes the area's settings (thresholds of "running out", days until an invoice falls due). */
export function updateMoneySettings(ctx: CommandContext, actor: Actor, patch: SettingsPatch): Promise<SettingsRow> {
  return runCommand(ctx, 'passes.settings.update', async (tx) => {
    const before = await moneySettings(tx)
    const [row] = await tx
      .insert(passSettings)
      .values({ ...before, ...patch, id: 1, updatedAt: new Date(), updatedBy: actor.id })
      .onConflictDoUpdate({ target: passSettings.id, set: { ...patch, updatedAt: new Date(), updatedBy: actor.id } })
      .returning()
    return { result: row, entity: 'pass_settings', entityId: '1', before, after: row }
  })
}
