import { eq, inArray, sql } from 'drizzle-orm'
import type { Tx } from '../../../../db/client'
import { saleLines, saleReturnLines, saleReturns, sales } from '../../../../db/schema/index'
import { proRata, subtract, sum } from '../../../../domain/money'
import type { Actor } from '../../../../domain/roles'
import type { CommandEvent } from '../../../contracts/hooks'
import { ConflictError, NotFoundError, ValidationError, msg, type FieldMessages } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { moveStock } from '../../stock/index'
import { dayIn, storeWithBranch, type SaleReturnLineRow, type SaleReturnRow } from '../queries'
import { asSaleRefusal, lockOn, type SaleMethod } from './sell'

export interface ReturnInput {
  /** Which lines of the sale come back (`lineKey` as on the receipt: 0, 1, …) and how many of each. */
  lines: ReadonlyArray<{ lineKey: string; quantity: number }>
  /** How the money goes back. */
  method: SaleMethod
  reason?: string
}

export interface ReturnResult {
  saleReturn: SaleReturnRow & { lines: SaleReturnLineRow[] }
}

/**
 * The money of `k` more units of a line of `quantity` when `before` have already come back: the
 * difference of the cumulative shares (`proRata`), so a line brought back in several returns gives
 * back exactly its gross and its tax, never a unit more.
 */
export function shareOf(line: { quantity: number; gross: number; tax: number }, before: number, k: number) {
  const gross = subtract(proRata(line.gross, before + k, line.quantity), proRata(line.gross, before, line.quantity))
  const tax = subtract(proRata(line.tax, before + k, line.quantity), proRata(line.tax, before, line.quantity))
  return { gross, tax, net: subtract(gross, tax) }
}

/** How many of each line of a sale have come back already, by sale line id. */
async function returnedSoFar(tx: Tx, lineIds: readonly number[]): Promise<Map<number, number>> {
  if (!lineIds.length) return new Map()
  const rows = await tx
    .select({ id: saleReturnLines.saleLineId, n: sql<number>`sum(${saleReturnLines.quantity})::int`.mapWith(Number) })
    .from(saleReturnLines)
    .where(inArray(saleReturnLines.saleLineId, [...lineIds]))
    .groupBy(saleReturnLines.saleLineId)
  return new Map(rows.map((r) => [r.id, r.n]))
}

/**
 * Takes goods of a sale back, in ONE transaction with its audit row (the sale's returns queue on a
 * lock of their own): never more of a line than was sold less what already came back (409 naming
 * `lines.<i>.quantity`), the goods back into the sale's store through `moveStock` (kind
 * `sale_return`, the sale as source, its buyer), and the refund — each line's share of its gross
 * and tax (`shareOf`) — paid back by `method`, all referencing the sale. Nothing is written on any refusal.
 */
export function returnGoods(ctx: CommandContext, actor: Actor, saleId: string, input: ReturnInput): Promise<ReturnResult> {
  return runCommand<ReturnResult>(ctx, 'sales.return', async (tx, audit) => {
    await lockOn(tx, `sale-returns:${saleId}`)
    const [sale] = await tx.select().from(sales).where(eq(sales.id, saleId)).limit(1)
    if (!sale) throw NotFoundError('sales.notFound')
    const lines = await tx.select().from(saleLines).where(eq(saleLines.saleId, sale.id))
    const byKey = new Map(lines.map((l) => [l.lineKey, l]))
    const bad: FieldMessages = {}
    const seen = new Set<string>()
    input.lines.forEach((l, i) => {
      if (!byKey.has(l.lineKey)) bad[`lines.${i}.lineKey`] = 'sales.unknownLine'
      else if (seen.has(l.lineKey)) bad[`lines.${i}.lineKey`] = 'sales.lineTwice'
      seen.add(l.lineKey)
    })
    if (Object.keys(bad).length) throw ValidationError(bad)
    const before = await returnedSoFar(
      tx,
      lines.map((l) => l.id),
    )
    const asked = input.lines.flatMap((l) => {
      const line = byKey.get(l.lineKey)
      return line ? [{ line, quantity: l.quantity }] : []
    })
    const over: FieldMessages = {}
    asked.forEach((l, i) => {
      const line = l.line
      const left = line.quantity - (before.get(line.id) ?? 0)
      if (l.quantity > left) over[`lines.${i}.quantity`] = msg('sales.returnAboveSold', { left, wanted: l.quantity })
    })
    if (Object.keys(over).length) throw ConflictError('sales.cannotReturn', over)

    const store = await storeWithBranch(tx, sale.storeId)
    const day = dayIn(store?.timezone ?? 'UTC')
    const returnId = crypto.randomUUID()
    const shares = asked.map(({ line, quantity }) => ({ line, quantity, ...shareOf(line, before.get(line.id) ?? 0, quantity) }))
    let moved: Awaited<ReturnType<typeof moveStock>>
    try {
      moved = await moveStock(
        tx,
        audit,
        actor.id,
        {
          kind: 'sale_return',
          storeId: sale.storeId,
          clientId: sale.clientId,
          source: { type: 'sale', id: sale.id },
          lines: shares.map((s) => ({ key: s.line.lineKey, productId: s.line.productId, quantity: s.quantity })),
        },
        day,
      )
    } catch (err) {
      throw asSaleRefusal(err, 'sales.cannotReturn')
    }
    const [row] = await tx
      .insert(saleReturns)
      .values({
        id: returnId,
        saleId: sale.id,
        branchId: sale.branchId,
        clientId: sale.clientId,
        amount: sum(shares.map((s) => s.gross)),
        tax: sum(shares.map((s) => s.tax)),
        method: input.method,
        reason: input.reason?.trim() || null,
        day,
        by: actor.id,
        stockDocumentId: moved.documentId,
      })
      .returning()
    const rows = await tx
      .insert(saleReturnLines)
      .values(
        shares.map((s) => ({ returnId, saleLineId: s.line.id, quantity: s.quantity, net: s.net, tax: s.tax, gross: s.gross })),
      )
      .returning()
    const events: CommandEvent[] = [
      ...moved.events,
      { name: 'entity.changed', payload: { type: 'sale', id: sale.id, action: 'returned', branchId: sale.branchId } },
    ]
    return {
      result: { saleReturn: { ...row, lines: rows } },
      entity: 'sale_return',
      entityId: returnId,
      after: { saleId: sale.id, saleReturn: row, lines: rows },
      events,
    }
  })
}
