import { z } from '@hono/zod-openapi'
import { IsoDate, Uuid } from '../../http/values'

/** The requests and answers of the point of sale (every message a catalogue id: a 400 names the field). */

const Method = z.enum(['cash', 'card', 'transfer'])
const Quantity = z.number().int('sales.quantityWhole').min(1, 'sales.quantityPositive').max(100_000)

export const SellInput = z
  .object({
    /** The branch that sells (default: the store's); the store must be the branch's. */
    branchId: Uuid.optional(),
    storeId: Uuid,
    /** The buyer; null or absent = a walk-in. */
    clientId: Uuid.nullable().optional(),
    lines: z
      .array(z.object({ productId: Uuid, quantity: Quantity }).strict())
      .min(1, 'sales.noLines')
      .max(200),
    method: Method,
    idempotencyKey: z.string().trim().min(8).max(100).optional(),
  })
  .strict()
  .openapi('SaleInput')

export const ReturnInput = z
  .object({
    lines: z
      .array(z.object({ lineKey: z.string().trim().min(1).max(10), quantity: Quantity }).strict())
      .min(1, 'sales.noLines')
      .max(200),
    method: Method,
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .openapi('SaleReturnInput')

export const SalesQuery = z.object({
  branchId: Uuid.optional().openapi({ param: { name: 'branchId', in: 'query' } }),
  from: IsoDate.optional().openapi({ param: { name: 'from', in: 'query' } }),
  to: IsoDate.optional().openapi({ param: { name: 'to', in: 'query' } }),
  clientId: Uuid.optional().openapi({ param: { name: 'clientId', in: 'query' } }),
})

export const TillQuery = z.object({
  storeId: Uuid.openapi({ param: { name: 'storeId', in: 'query' } }),
  q: z
    .string()
    .trim()
    .max(100)
    .default('')
    .openapi({ param: { name: 'q', in: 'query' } }),
})

export const TillProductSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    sku: z.string(),
    barcode: z.string().nullable(),
    unit: z.string(),
    salePrice: z.number().int().nullable(),
    taxRateBp: z.number().int(),
    taxMode: z.string(),
    onHand: z.number().int(),
    /** Its barcode or SKU is exactly what was typed (a scan). */
    exact: z.boolean(),
  })
  .openapi('TillProduct')

export const SellerStoreSchema = z
  .object({ id: z.string(), name: z.string(), branchId: z.string(), branchName: z.string(), timezone: z.string() })
  .openapi('SellerStore')

const SaleLineSchema = z.object({
  key: z.string(),
  productId: z.string(),
  description: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  net: z.number().int(),
  tax: z.number().int(),
  gross: z.number().int(),
  taxRateBp: z.number().int(),
  taxMode: z.string(),
  /** How many have come back. */
  returned: z.number().int(),
})

export const SaleReturnSchema = z
  .object({
    id: z.string(),
    saleId: z.string(),
    amount: z.number().int(),
    tax: z.number().int(),
    method: z.string(),
    reason: z.string().nullable(),
    day: z.string(),
    at: z.string(),
    lines: z.array(
      z.object({
        lineKey: z.string(),
        quantity: z.number().int(),
        net: z.number().int(),
        tax: z.number().int(),
        gross: z.number().int(),
      }),
    ),
  })
  .openapi('SaleReturn')

export const SaleSchema = z
  .object({
    id: z.string(),
    /** The receipt's number as printed. */
    number: z.string(),
    branchId: z.string(),
    branchName: z.string(),
    timezone: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    client: z.object({ id: z.string(), name: z.string() }).nullable(),
    currency: z.string(),
    net: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
    refunded: z.number().int(),
    method: z.string(),
    day: z.string(),
    at: z.string(),
    lines: z.array(SaleLineSchema),
    returns: z.array(SaleReturnSchema),
  })
  .openapi('Sale')

export const SaleListItemSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    branchId: z.string(),
    storeName: z.string(),
    client: z.object({ id: z.string(), name: z.string() }).nullable(),
    total: z.number().int(),
    tax: z.number().int(),
    refunded: z.number().int(),
    items: z.number().int(),
    method: z.string(),
    day: z.string(),
    at: z.string(),
  })
  .openapi('SaleListItem')
