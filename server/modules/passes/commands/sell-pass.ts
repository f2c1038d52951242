import { and, asc, eq, sql } from 'drizzle-orm'
import { queryRows, type Queryable, type Tx } from '../../../../db/client'
import { branches, clientGuardians, clients, invoiceLines, invoices, passes } from '../../../../db/schema/index'
import { addDays } from '../../../../domain/docs/timetable-week'
import { percentOf, subtract, taxed, type TaxRate } from '../../../../domain/money'
import type { Actor } from '../../../../domain/roles'
import type { CommandEvent } from '../../../contracts/hooks'
import { ConflictError, NotFoundError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { centerSettingsOf } from '../../center/index'
import { reviewPassAlerts, todayIn } from '../pass-alerts'
import { findPlan, findTaxRate, moneySettings, priceOn } from '../queries/plans'
import { settleOwedVisits } from './write-off'
import { reviewDebt } from './payments-alerts'

export interface SellInput {
  planId: string
  /** The first valid day (default: the sale day). */
  startsOn?: string
  /** The activities the pass is bought for (default: all the plan covers); each must be the plan's. */
  activityIds?: string[]
  /** The branch that sells (default: the client's). */
  branchId?: string
}

/** Why a discount was given: a sibling holds a valid pass, or the client holds one for another activity. */
export type DiscountReason = 'sibling' | 'multi_activity'

export interface SaleResult {
  pass: typeof passes.$inferSelect
  invoice: typeof invoices.$inferSelect
  line: typeof invoiceLines.$inferSelect
}

/** A client is a minor on `day` when under 18 then (a child's invoice goes to their paying guardian). */
export function isMinorOn(birthDate: string | null, day: string): boolean {
  if (!birthDate) return false
  const eighteenth = `${Number(birthDate.slice(0, 4)) + 18}${birthDate.slice(4)}`
  return day < eighteenth
}

/**
 * The branch a sale is invoiced in: the one asked for, else the client's. The actor must work
 * there (the route authorises `passes.sell` on it). Without either: 400 naming `branchId`.
 */
export async function saleBranch(tx: Queryable, clientId: string, branchId?: string) {
  const [client] = await tx.select().from(clients).where(eq(clients.id, clientId)).limit(1)
  if (!client || client.erasedAt) throw NotFoundError('errors.notFound.client')
  const id = branchId ?? client.branchId
  if (!id) throw ValidationError({ branchId: 'errors.passes.branchRequired' })
  const [branch] = await tx.select().from(branches).where(eq(branches.id, id)).limit(1)
  if (!branch) throw ValidationError({ branchId: 'errors.passes.unknownBranch' })
  return { client, branch }
}

/**
 * The discount a sale gets, in basis points, and why: `sibling` when another child of the same
 * guardian (a guardian phone in common) holds a valid pass on the sale day; `multi_activity` when
 * the client already holds a valid pass covering an activity this one does not. When both apply
 * the larger one is given (they do not add up); on a tie, the sibling discount.
 */
export async function discountFor(
  tx: Tx,
  plan: { siblingDiscountBp: number; multiActivityDiscountBp: number },
  clientId: string,
  activityIds: string[],
  day: string,
): Promise<{ bp: number; reason: DiscountReason | null }> {
  if (!plan.siblingDiscountBp && !plan.multiActivityDiscountBp) return { bp: 0, reason: null }
  const acts = `{${activityIds.join(',')}}`
  const [row] = await queryRows<{ sibling: boolean; multi: boolean }>(tx, discountSql(clientId, acts, day))
  const sibling = row?.sibling ? plan.siblingDiscountBp : 0
  const multi = row?.multi ? plan.multiActivityDiscountBp : 0
  if (!sibling && !multi) return { bp: 0, reason: null }
  return sibling >= multi ? { bp: sibling, reason: 'sibling' } : { bp: multi, reason: 'multi_activity' }
}

/** Whether a sibling holds a valid pass, and whether the client holds one for another activity. */
function discountSql(clientId: string, acts: string, day: string) {
  const valid = sql`p.ended_at is null and p.starts_on <= ${day}::date and p.valid_until >= ${day}::date
    and (p.sessions_total is null or p.sessions_used < p.sessions_total)`
  return sql`select
    exists (select 1 from client_guardians g
              join client_guardians s on s.phone_digits = g.phone_digits and s.client_id <> g.client_id and s.phone_digits <> ''
              join passes p on p.client_id = s.client_id
              join clients sc on sc.id = s.client_id and sc.erased_at is null
            where g.client_id = ${clientId}::uuid and ${valid}) as sibling,
    exists (select 1 from passes p where p.client_id = ${clientId}::uuid and ${valid}
              and not (p.activity_ids <@ ${acts}::uuid[])) as multi`
}

/**
 * Sells a pass: in ONE transaction, the invoice numbered next in its branch and year (the counter
 * row locked by `insert … on conflict do update … returning`, so concurrent sales queue on it and
 * the numbers have no gaps: a sale that fails rolls its number back with it), its line with the
 * price effective on the sale day less the discount, and the tax computed on that day (stored);
 * the pass with the plan's rules copied onto it; the paying guardian for a minor; the client's
 * owed visits of these activities settled from the new pass; the pass flags reviewed (a renewal
 * clears the old pass's); the `debt` alert raised. Bad input: 400/409 naming the field, nothing written.
 */
export function sellPass(ctx: CommandContext, actor: Actor, clientId: string, input: SellInput): Promise<SaleResult> {
  return runCommand(ctx, 'passes.sell', async (tx) => {
    const { client, branch } = await saleBranch(tx, clientId, input.branchId)
    const plan = await findPlan(tx, input.planId).catch(() => {
      throw ValidationError({ planId: 'errors.passes.planNotFound' })
    })
    if (plan.archivedAt) throw ConflictError('errors.passes.planArchived', { planId: 'errors.passes.planArchived' })
    if (plan.branchId && plan.branchId !== branch.id)
      throw ConflictError('errors.passes.planOtherBranch', { planId: 'errors.passes.planOtherBranch' })
    const activityIds = input.activityIds?.length ? [...new Set(input.activityIds)] : plan.activityIds
    const outside = activityIds.findIndex((a) => !plan.activityIds.includes(a))
    if (outside >= 0) throw ValidationError({ activityIds: 'errors.passes.activityNotCovered' })

    const today = todayIn(branch.timezone)
    const startsOn = input.startsOn ?? today
    const validUntil = plan.validUntil ?? addDays(startsOn, (plan.validDays ?? 1) - 1)
    if (validUntil < startsOn) throw ConflictError('errors.passes.planEnded', { startsOn: 'errors.passes.planEnded' })

    const price = await priceOn(tx, plan.id, today)
    if (!price) throw ConflictError('errors.passes.noPrice', { planId: 'errors.passes.noPrice' })
    const rate = plan.taxRateId ? await findTaxRate(tx, plan.taxRateId) : null
    const taxRate: TaxRate | null = rate ? { rateBp: rate.rateBp, mode: rate.mode as TaxRate['mode'] } : null
    const discount = await discountFor(tx, plan, client.id, activityIds, today)
    const discountAmount = percentOf(price.price, discount.bp)
    const amounts = taxed(subtract(price.price, discountAmount), taxRate)

    // the paying guardian of a minor: the first guardian of the file
    let payer = { name: `${client.firstName} ${client.lastName}`.trim(), phone: client.phone, digits: client.phoneDigits }
    if (isMinorOn(client.birthDate, today)) {
      const [g] = await tx
        .select()
        .from(clientGuardians)
        .where(eq(clientGuardians.clientId, client.id))
        .orderBy(asc(clientGuardians.key))
        .limit(1)
      if (g) payer = { name: g.name, phone: g.phone, digits: g.phoneDigits }
    }

    const year = Number(today.slice(0, 4))
    const [counter] = await queryRows<{ last: number }>(
      tx,
      sql`insert into invoice_counters (branch_id, year, last) values (${branch.id}::uuid, ${year}, 1)
          on conflict (branch_id, year) do update set last = invoice_counters.last + 1
          returning last`,
    )
    const settings = await moneySettings(tx)
    const { currency } = await centerSettingsOf(tx)
    const [invoice] = await tx
      .insert(invoices)
      .values({
        branchId: branch.id,
        year,
        number: Number(counter.last),
        clientId: client.id,
        payerName: payer.name,
        payerPhone: payer.phone,
        payerPhoneDigits: payer.digits,
        currency,
        net: amounts.net,
        tax: amounts.tax,
        total: amounts.gross,
        issuedOn: today,
        dueOn: addDays(today, settings.invoiceDueDays),
        createdBy: actor.id,
      })
      .returning()
    const [pass] = await tx
      .insert(passes)
      .values({
        clientId: client.id,
        planId: plan.id,
        branchId: branch.id,
        invoiceId: invoice.id,
        activityIds,
        sessionsTotal: plan.sessions,
        startsOn,
        validUntil,
        soldValidUntil: validUntil,
        burnsUnexcused: plan.burnsUnexcused,
        freezeMaxDays: plan.freezeMaxDays,
        freezeMaxTimes: plan.freezeMaxTimes,
        price: amounts.gross,
        createdBy: actor.id,
      })
      .returning()
    const [line] = await tx
      .insert(invoiceLines)
      .values({
        invoiceId: invoice.id,
        kind: 'pass',
        passId: pass.id,
        planId: plan.id,
        description: plan.name,
        quantity: 1,
        unitPrice: price.price,
        discount: discountAmount,
        discountReason: discount.reason,
        net: amounts.net,
        tax: amounts.tax,
        gross: amounts.gross,
        taxRateId: rate?.id ?? null,
        taxRateBp: taxRate && taxRate.mode !== 'exempt' ? taxRate.rateBp : 0,
        taxMode: taxRate?.mode ?? 'exempt',
      })
      .returning()

    const events: CommandEvent[] = []
    const settled = await settleOwedVisits(tx, { id: pass.id, clientId: client.id, activityIds, startsOn, validUntil }, actor.id)
    events.push(...settled.events)
    // the new pass, and the client's other passes for these activities (a renewal clears their flags)
    const others = await tx
      .select({ id: passes.id })
      .from(passes)
      .where(and(eq(passes.clientId, client.id), sql`${passes.activityIds} && ${`{${activityIds.join(',')}}`}::uuid[]`))
    events.push(...(await reviewPassAlerts(tx, [pass.id, ...others.map((o) => o.id)], actor.id)))
    events.push(...(await reviewDebt(tx, client.id, actor.id)))
    events.push(
      { name: 'entity.changed', payload: { type: 'invoice', id: invoice.id, action: 'created', branchId: branch.id } },
      { name: 'entity.changed', payload: { type: 'pass', id: pass.id, action: 'sold', branchId: branch.id } },
    )
    const [fresh] = await tx.select().from(passes).where(eq(passes.id, pass.id))
    return {
      result: { pass: fresh, invoice, line },
      entity: 'invoice',
      entityId: invoice.id,
      after: { invoice, pass: fresh, line, settledVisits: settled.settled },
      events,
    }
  })
}
