import type { z } from '@hono/zod-openapi'
import { encodeStockDocName, type StockDocLine } from '../../../domain/docs/stock-doc'
import type { ProductView, StockDocListRow, StockDocRow, SupplierRow } from './queries'
import type { ProductSchema, StockDocListItemSchema, StockDocSchema, SupplierSchema } from './schemas'

export function presentProduct(p: ProductView): z.infer<typeof ProductSchema> {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    sku: p.sku,
    barcode: p.barcode,
    unit: p.unit,
    taxRateId: p.taxRateId,
    reorderPoint: p.reorderPoint,
    reorderQuantity: p.reorderQuantity,
    maxLevel: p.maxLevel,
    preferredSupplierId: p.preferredSupplierId,
    activityId: p.activityId,
    allowNegative: p.allowNegative,
    archived: p.archivedAt !== null,
    price: p.price,
  }
}

export const presentSupplier = (s: SupplierRow): z.infer<typeof SupplierSchema> => ({
  id: s.id,
  name: s.name,
  contact: s.contact,
  phone: s.phone,
  email: s.email,
})

export function presentStockDoc(
  d: StockDocRow,
  extra: {
    lines?: StockDocLine[]
    movements?: Array<{ lineKey: string; productId: string; storeId: string; quantity: number; unitCost: number }>
  } = {},
): z.infer<typeof StockDocSchema> {
  return {
    id: d.id,
    name: encodeStockDocName(d.id),
    kind: d.kind,
    storeId: d.storeId,
    toStoreId: d.toStoreId,
    supplierId: d.supplierId,
    status: d.status,
    postedBy: d.postedBy,
    postedAt: d.postedAt?.toISOString() ?? null,
    reverses: d.reverses,
    reversedBy: d.reversedBy,
    createdAt: d.createdAt.toISOString(),
    ...(extra.lines ? { lines: extra.lines } : {}),
    ...(extra.movements
      ? {
          movements: extra.movements.map((m) => ({
            lineKey: m.lineKey,
            productId: m.productId,
            storeId: m.storeId,
            quantity: m.quantity,
            unitCost: m.unitCost,
          })),
        }
      : {}),
  }
}

export const presentStockDocListItem = (d: StockDocListRow): z.infer<typeof StockDocListItemSchema> => ({
  ...d,
  name: encodeStockDocName(d.id),
  postedAt: d.postedAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
})
