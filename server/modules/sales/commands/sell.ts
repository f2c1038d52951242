import { eq, sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../../db/client'
import { saleLines, sales } from '../../../../db/schema/index'
import { addTaxed, multiply, taxed } from '../../../../domain/money'
import type { Actor } from '../../../../domain/roles'
import type { CommandEvent } from '../../../contracts/hooks'
import { AppError, ConflictError, ValidationError, type FieldMessages } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { centerSettingsOf } from '../../center/index'
import { moveStock } from '../../stock/index'
import { buyer, dayIn, productsForSale, storeWithBranch, type SaleLineRow, type SaleRow } from '../queries'

export type SaleMethod = 'cash' | 'card' | 'transfer'

export interface SellInput {
  /** The branch that sells (the route checks it is the store's). */
  branchId?: string
  storeId: string
  /** The buyer; null or absent = a walk-in. */
  clientId?: string | null
  lines: ReadonlyArray<{ productId: string; quantity: number }>
  method: SaleMethod
  /** One per click of "Pay": the same key again is the same sale. */
  idempotencyKey?: string
}

export interface SellResult {
  sale: SaleRow
  lines: SaleLineRow[]
  /** The key had been used: this is the sale made then (nothing written now). */
  replayed: boolean
}

/** Serialises what is keyed by a text (one idempotency key, one sale's returns) until the transaction ends. */
export async function lockOn(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`)
}

/**
 * A stock refusal (`stock.doc.cannotPost`, naming `lines.<key>.<field>`) said as the sale's: the
 * same lines named, the message the till's. Anything else passes unchanged.
 */
export function asSaleRefusal(err: unknown, message: 'sales.cannotSell' | 'sales.cannotReturn'): unknown {
  if (err instanceof AppError && err.status === 409 && err.msg.id === 'stock.doc.cannotPost')
    return new AppError(409, 'conflict', message, err.fields, undefined, err.extra)
  return err
}

/**
 * Sells goods at the point of sale, in ONE transaction with its audit row: each line at the
 * product's sale price in force on the day (in the branch's time zone) with its tax computed then
 * (`taxed`, stored with the line), the totals (`addTaxed`), paid in full by `method`; the goods out
 * of the store through the stock area's `moveStock` (kind `sale`, the buyer, the sale as source),
 * which refuses a line of more than is on hand with a 409 naming it — then nothing at all is
 * written; the receipt numbered next in its branch and year (the counter row locked last, so the
 * numbers have no gaps: a refused sale takes no number). A walk-in has no client.
 */
export function sellGoods(
  ctx: CommandContext,
  actor: Actor,
  input: SellInput,
  /** When it was sold (the demo's seed back-dates its sales; the till sells now). */
  opts: { at?: Date } = {},
): Promise<SellResult> {
  return runCommand<SellResult>(ctx, 'sales.sell', async (tx, audit) => {
    if (input.idempotencyKey) {
      await lockOn(tx, `sale-key:${input.idempotencyKey}`)
      const [prior] = await tx.select().from(sales).where(eq(sales.idempotencyKey, input.idempotencyKey)).limit(1)
      if (prior) {
        if (prior.storeId !== input.storeId || prior.clientId !== (input.clientId ?? null))
          throw ConflictError('sales.keyReused', { idempotencyKey: 'sales.keyReused' })
        const lines = await tx.select().from(saleLines).where(eq(saleLines.saleId, prior.id)).orderBy(saleLines.id)
        return { result: { sale: prior, lines, replayed: true }, entity: 'sale', entityId: prior.id, after: { replayed: true } }
      }
    }
    const store = await storeWithBranch(tx, input.storeId)
    if (!store || store.archivedAt) throw ValidationError({ storeId: 'sales.unknownStore' })
    if (input.clientId && !(await buyer(tx, input.clientId))) throw ValidationError({ clientId: 'sales.unknownClient' })
    const at = opts.at ?? new Date()
    const day = dayIn(store.timezone, at)
    const facts = await productsForSale(
      tx,
      input.lines.map((l) => l.productId),
      day,
    )
    const bad: FieldMessages = {}
    const priced = input.lines.flatMap((l, i) => {
      const p = facts.get(l.productId.toLowerCase())
      const unitPrice = p?.salePrice ?? null
      if (!p || p.archived) bad[`lines.${i}.productId`] = 'sales.unknownProduct'
      else if (unitPrice === null) bad[`lines.${i}.productId`] = 'sales.noPrice'
      if (!p || p.archived || unitPrice === null) return []
      return [
        {
          key: String(i),
          product: p,
          quantity: l.quantity,
          unitPrice,
          amounts: taxed(multiply(unitPrice, l.quantity), p.taxRate),
        },
      ]
    })
    if (Object.keys(bad).length) throw ConflictError('sales.cannotSell', bad)
    const totals = addTaxed(priced.map((l) => l.amounts))
    const saleId = crypto.randomUUID()

    let moved: Awaited<ReturnType<typeof moveStock>>
    try {
      moved = await moveStock(
        tx,
        audit,
        actor.id,
        {
          kind: 'sale',
          storeId: store.id,
          clientId: input.clientId ?? null,
          source: { type: 'sale', id: saleId },
          lines: priced.map((l) => ({ key: l.key, productId: l.product.id, quantity: l.quantity })),
        },
        day,
      )
    } catch (err) {
      throw asSaleRefusal(err, 'sales.cannotSell')
    }

    const year = Number(day.slice(0, 4))
    const [counter] = await queryRows<{ last: number }>(
      tx,
      sql`insert into sale_counters (branch_id, year, last) values (${store.branchId}::uuid, ${year}, 1)
          on conflict (branch_id, year) do update set last = sale_counters.last + 1
          returning last`,
    )
    const { currency } = await centerSettingsOf(tx)
    const [sale] = await tx
      .insert(sales)
      .values({
        id: saleId,
        branchId: store.branchId,
        storeId: store.id,
        clientId: input.clientId ?? null,
        year,
        number: Number(counter.last),
        currency,
        net: totals.net,
        tax: totals.tax,
        total: totals.gross,
        method: input.method,
        day,
        at,
        by: actor.id,
        idempotencyKey: input.idempotencyKey ?? null,
        stockDocumentId: moved.documentId,
      })
      .returning()
    const lines = await tx
      .insert(saleLines)
      .values(
        priced.map((l) => ({
          saleId,
          lineKey: l.key,
          productId: l.product.id,
          description: `${l.product.name} (${l.product.sku})`,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          net: l.amounts.net,
          tax: l.amounts.tax,
          gross: l.amounts.gross,
          taxRateId: l.product.taxRateId,
          taxRateBp: l.product.taxRate && l.product.taxRate.mode !== 'exempt' ? l.product.taxRate.rateBp : 0,
          taxMode: l.product.taxRate?.mode ?? 'exempt',
        })),
      )
      .returning()
    const events: CommandEvent[] = [
      ...moved.events,
      { name: 'entity.changed', payload: { type: 'sale', id: saleId, action: 'created', branchId: store.branchId } },
    ]
    return {
      result: { sale, lines, replayed: false },
      entity: 'sale',
      entityId: saleId,
      after: { sale, lines },
      events,
    }
  })
}
