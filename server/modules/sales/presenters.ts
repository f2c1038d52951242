import type { z } from '@hono/zod-openapi'
import { receiptNumber, type listSales, type SaleFull, type SaleReturnLineRow, type SaleReturnRow } from './queries'
import type { SaleListItemSchema, SaleReturnSchema, SaleSchema } from './schemas'

type Full = SaleFull
type ListRow = Awaited<ReturnType<typeof listSales>>[number]

export function presentReturn(
  r: SaleReturnRow & { lines: SaleReturnLineRow[] },
  keyOf: (saleLineId: number) => string,
): z.infer<typeof SaleReturnSchema> {
  return {
    id: r.id,
    saleId: r.saleId,
    amount: r.amount,
    tax: r.tax,
    method: r.method,
    reason: r.reason,
    day: r.day,
    at: r.at.toISOString(),
    lines: r.lines.map((l) => ({ lineKey: keyOf(l.saleLineId), quantity: l.quantity, net: l.net, tax: l.tax, gross: l.gross })),
  }
}

/** A sale as the till and the receipt show it: its lines with what came back of each, its returns. */
export function presentSale(f: Full): z.infer<typeof SaleSchema> {
  const keyOf = (id: number) => f.lines.find((l) => l.id === id)?.lineKey ?? ''
  const returned = new Map<number, number>()
  for (const r of f.returns) for (const l of r.lines) returned.set(l.saleLineId, (returned.get(l.saleLineId) ?? 0) + l.quantity)
  const s = f.sale
  return {
    id: s.id,
    number: receiptNumber(f.branch.name, s.year, s.number),
    branchId: s.branchId,
    branchName: f.branch.name,
    timezone: f.branch.timezone,
    storeId: s.storeId,
    storeName: f.storeName,
    client: f.client ? { id: f.client.id, name: f.client.name } : null,
    currency: s.currency,
    net: s.net,
    tax: s.tax,
    total: s.total,
    refunded: f.returns.reduce((a, r) => a + r.amount, 0),
    method: s.method,
    day: s.day,
    at: s.at.toISOString(),
    lines: f.lines.map((l) => ({
      key: l.lineKey,
      productId: l.productId,
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      net: l.net,
      tax: l.tax,
      gross: l.gross,
      taxRateBp: l.taxRateBp,
      taxMode: l.taxMode,
      returned: returned.get(l.id) ?? 0,
    })),
    returns: f.returns.map((r) => presentReturn(r, keyOf)),
  }
}

export function presentListItem(r: ListRow): z.infer<typeof SaleListItemSchema> {
  return {
    id: r.id,
    number: receiptNumber(r.branchName, r.year, r.number),
    branchId: r.branchId,
    storeName: r.storeName,
    client: r.clientId ? { id: r.clientId, name: r.clientName ?? '' } : null,
    total: r.total,
    tax: r.tax,
    refunded: r.refunded,
    items: r.items,
    method: r.method,
    day: r.day,
    at: r.at.toISOString(),
  }
}
