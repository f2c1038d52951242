import { z } from '@hono/zod-openapi'
import { PRODUCT_KINDS, STOCK_DOC_KINDS } from '../../../domain/stock/posting'
import { IsoDate, MinorUnits, Uuid } from '../../http/values'

/** The bodies, queries and answers of the stock routes (every message a catalogue id: 400s name the field). */

const Name = z.string().trim().min(1).max(200)
const Code = z.string().trim().min(1).max(64)
const Level = z.number().int().min(0).max(1_000_000_000).nullable().optional()

const productFields = {
  name: Name,
  kind: z.enum(PRODUCT_KINDS),
  sku: Code,
  barcode: Code.nullable().optional(),
  unit: z.string().trim().min(1).max(20).optional(),
  taxRateId: Uuid.nullable().optional(),
  reorderPoint: Level,
  reorderQuantity: Level,
  maxLevel: Level,
  preferredSupplierId: Uuid.nullable().optional(),
  activityId: Uuid.nullable().optional(),
  allowNegative: z.boolean().optional(),
}

export const ProductInput = z
  .object({
    ...productFields,
    /** Sale price and cost in minor units, effective from `priceFrom` (default today). */
    salePrice: MinorUnits(),
    cost: MinorUnits(),
    priceFrom: IsoDate.optional(),
  })
  .strict()
  .openapi('ProductInput')

export const ProductPatch = z
  .object({
    name: Name.optional(),
    kind: productFields.kind.optional(),
    sku: Code.optional(),
    barcode: productFields.barcode,
    unit: productFields.unit,
    taxRateId: productFields.taxRateId,
    reorderPoint: Level,
    reorderQuantity: Level,
    maxLevel: Level,
    preferredSupplierId: productFields.preferredSupplierId,
    activityId: productFields.activityId,
    allowNegative: productFields.allowNegative,
    archived: z.boolean().optional(),
    /** A new price (both amounts) from `priceFrom` on (default today): a new row, never an edit. */
    salePrice: MinorUnits().optional(),
    cost: MinorUnits().optional(),
    priceFrom: IsoDate.optional(),
  })
  .strict()
  .openapi('ProductPatch')

export const ProductsQuery = z.object({
  kind: z.enum(PRODUCT_KINDS).optional(),
  archived: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
})

export const SupplierInput = z
  .object({
    name: Name,
    contact: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(40).optional(),
    email: z.union([z.string().trim().email().max(200), z.literal('')]).optional(),
  })
  .strict()
  .openapi('SupplierInput')

export const StoreInput = z.object({ branchId: Uuid, name: Name }).strict().openapi('StoreInput')

export const StoresQuery = z.object({ branchId: Uuid.optional() })

export const StockDocInput = z
  .object({
    kind: z.enum(STOCK_DOC_KINDS),
    storeId: Uuid,
    /** The store a transfer goes to (transfers only). */
    toStoreId: Uuid.nullable().optional(),
    /** The supplier of a receipt or a return. */
    supplierId: Uuid.nullable().optional(),
  })
  .strict()
  .openapi('StockDocInput')

export const StockQuery = z.object({ storeId: Uuid.optional(), productId: Uuid.optional() })

export const StockDocsQuery = z.object({
  storeId: Uuid.optional(),
  status: z.enum(['draft', 'posted']).optional(),
  kind: z.string().trim().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
})

// ── answers ───────────────────────────────────────────────────────────────

const Price = z.object({ salePrice: z.number().int(), cost: z.number().int(), effectiveFrom: z.string() })

export const ProductSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    sku: z.string(),
    barcode: z.string().nullable(),
    unit: z.string(),
    taxRateId: z.string().nullable(),
    reorderPoint: z.number().int().nullable(),
    reorderQuantity: z.number().int().nullable(),
    maxLevel: z.number().int().nullable(),
    preferredSupplierId: z.string().nullable(),
    activityId: z.string().nullable(),
    allowNegative: z.boolean(),
    archived: z.boolean(),
    /** The price in force today (null before its first price's day). */
    price: Price.nullable(),
  })
  .openapi('Product')

export const SupplierSchema = z
  .object({ id: z.string(), name: z.string(), contact: z.string(), phone: z.string(), email: z.string() })
  .openapi('Supplier')

export const StoreSchema = z
  .object({ id: z.string(), branchId: z.string(), name: z.string(), branchName: z.string().optional() })
  .openapi('Store')

const Movement = z.object({
  lineKey: z.string(),
  productId: z.string(),
  storeId: z.string(),
  quantity: z.number().int(),
  unitCost: z.number().int(),
})

export const StockDocSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    storeId: z.string(),
    toStoreId: z.string().nullable(),
    supplierId: z.string().nullable(),
    status: z.string(),
    postedBy: z.string().nullable(),
    postedAt: z.string().nullable(),
    reverses: z.string().nullable(),
    reversedBy: z.string().nullable(),
    createdAt: z.string(),
    /** The live document's lines (a draft's as they are now; a posted one's as posted). */
    lines: z
      .array(
        z.object({
          key: z.string(),
          productId: z.unknown(),
          quantity: z.unknown(),
          unitCost: z.unknown().optional(),
          note: z.unknown().optional(),
        }),
      )
      .optional(),
    movements: z.array(Movement).optional(),
  })
  .openapi('StockDoc')

export const StockDocListItemSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    branchId: z.string(),
    toStoreId: z.string().nullable(),
    supplierId: z.string().nullable(),
    supplierName: z.string().nullable(),
    status: z.string(),
    postedBy: z.string().nullable(),
    postedByName: z.string().nullable(),
    postedAt: z.string().nullable(),
    reverses: z.string().nullable(),
    reversedBy: z.string().nullable(),
    createdAt: z.string(),
    createdByName: z.string().nullable(),
  })
  .openapi('StockDocListItem')

export const OnHandSchema = z
  .object({
    stores: z.array(z.object({ id: z.string(), name: z.string(), branchId: z.string() })),
    items: z.array(
      z.object({
        productId: z.string(),
        productName: z.string(),
        sku: z.string(),
        unit: z.string(),
        /** By store id; a store that never held the product is absent. */
        onHand: z.record(z.string(), z.number().int()),
      }),
    ),
  })
  .openapi('StockOnHand')
