import { and, eq, isNull, ne } from 'drizzle-orm'
import type { Tx } from '../../../../db/client'
import { activities, branches, productPrices, products, stores, suppliers, taxRates } from '../../../../db/schema/index'
import type { ProductKind } from '../../../../domain/stock/posting'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, ValidationError, type FieldMessages } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { PriceRow, ProductRow, StoreRow, SupplierRow } from '../queries'

export interface ProductInput {
  name: string
  kind: ProductKind
  sku: string
  barcode?: string | null
  unit?: string
  taxRateId?: string | null
  reorderPoint?: number | null
  reorderQuantity?: number | null
  maxLevel?: number | null
  preferredSupplierId?: string | null
  activityId?: string | null
  allowNegative?: boolean
  /** Minor units. */
  salePrice: number
  cost: number
  /** The first price's day (the route gives today when the input has none). */
  priceFrom: string
}

export type ProductPatch = Partial<Omit<ProductInput, 'salePrice' | 'cost' | 'priceFrom'>> & {
  archived?: boolean
  /** A new price from `priceFrom` on (both amounts together). */
  salePrice?: number
  cost?: number
  priceFrom?: string
}

/** The references exist, the codes are free and the levels make sense; else 400/409 naming the field, nothing written. */
async function checkProduct(tx: Tx, input: ProductPatch, self: ProductRow | null) {
  const bad: FieldMessages = {}
  const exists = async (table: typeof taxRates | typeof suppliers | typeof activities, id: string) =>
    (await tx.select({ id: table.id }).from(table).where(eq(table.id, id)).limit(1)).length > 0
  if (input.taxRateId) {
    const [rate] = await tx
      .select({ id: taxRates.id })
      .from(taxRates)
      .where(and(eq(taxRates.id, input.taxRateId), isNull(taxRates.archivedAt)))
      .limit(1)
    if (!rate) bad.taxRateId = 'stock.unknownTaxRate'
  }
  if (input.preferredSupplierId && !(await exists(suppliers, input.preferredSupplierId)))
    bad.preferredSupplierId = 'stock.unknownSupplier'
  if (input.activityId && !(await exists(activities, input.activityId))) bad.activityId = 'stock.unknownActivity'
  const reorderPoint = input.reorderPoint === undefined ? self?.reorderPoint : input.reorderPoint
  const maxLevel = input.maxLevel === undefined ? self?.maxLevel : input.maxLevel
  if (maxLevel != null && reorderPoint != null && maxLevel <= reorderPoint) bad.maxLevel = 'stock.maxBelowReorder'
  if (Object.keys(bad).length) throw ValidationError(bad)
  const taken: FieldMessages = {}
  const other = self ? ne(products.id, self.id) : undefined
  if (
    input.sku &&
    (
      await tx
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.sku, input.sku), other))
        .limit(1)
    ).length
  )
    taken.sku = 'stock.skuTaken'
  if (
    input.barcode &&
    (
      await tx
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.barcode, input.barcode), other))
        .limit(1)
    ).length
  )
    taken.barcode = 'stock.barcodeTaken'
  if (Object.keys(taken).length) throw ConflictError(Object.values(taken)[0], taken)
}

/** Creates a product and its first price (effective from `priceFrom`), one transaction with its audit row. */
export function createProduct(ctx: CommandContext, actor: Actor, input: ProductInput): Promise<ProductRow> {
  return runCommand(ctx, 'products.create', async (tx) => {
    await checkProduct(tx, input, null)
    const { salePrice, cost, priceFrom, ...fields } = input
    const [row] = await tx
      .insert(products)
      .values({ ...fields, barcode: fields.barcode || null, createdBy: actor.id, updatedBy: actor.id })
      .returning()
    const [price] = await tx
      .insert(productPrices)
      .values({ productId: row.id, effectiveFrom: priceFrom, salePrice, cost, createdBy: actor.id })
      .returning()
    return { result: row, entity: 'product', entityId: row.id, after: { ...row, price } }
  })
}

/**
 * Changes a product (its price only by a new row from a day on: posted documents and sales keep
 * theirs). A second price on the same day is a 409 naming `priceFrom`.
 */
export function updateProduct(
  ctx: CommandContext,
  actor: Actor,
  product: ProductRow,
  patch: ProductPatch,
): Promise<{ product: ProductRow; price: PriceRow | null }> {
  return runCommand(ctx, 'products.update', async (tx) => {
    await checkProduct(tx, patch, product)
    const { archived, salePrice, cost, priceFrom, ...fields } = patch
    if ((salePrice === undefined) !== (cost === undefined))
      throw ValidationError({ [salePrice === undefined ? 'salePrice' : 'cost']: 'stock.priceNeedsBoth' })
    const [row] = await tx
      .update(products)
      .set({
        ...fields,
        ...(fields.barcode !== undefined ? { barcode: fields.barcode || null } : {}),
        ...(archived === undefined ? {} : { archivedAt: archived ? (product.archivedAt ?? new Date()) : null }),
        updatedAt: new Date(),
        updatedBy: actor.id,
      })
      .where(eq(products.id, product.id))
      .returning()
    let price: PriceRow | null = null
    if (salePrice !== undefined && cost !== undefined && priceFrom) {
      ;[price] = await tx
        .insert(productPrices)
        .values({ productId: product.id, effectiveFrom: priceFrom, salePrice, cost, createdBy: actor.id })
        .onConflictDoNothing()
        .returning()
      if (!price) throw ConflictError('stock.priceDayTaken', { priceFrom: 'stock.priceDayTaken' })
    }
    return {
      result: { product: row, price },
      entity: 'product',
      entityId: product.id,
      before: product,
      after: price ? { ...row, price } : row,
    }
  })
}

export interface SupplierInput {
  name: string
  contact?: string
  phone?: string
  email?: string
}

export function createSupplier(ctx: CommandContext, actor: Actor, input: SupplierInput): Promise<SupplierRow> {
  return runCommand(ctx, 'suppliers.create', async (tx) => {
    const [row] = await tx
      .insert(suppliers)
      .values({ ...input, createdBy: actor.id })
      .returning()
    return { result: row, entity: 'supplier', entityId: row.id, after: row }
  })
}

export function createStore(ctx: CommandContext, actor: Actor, input: { branchId: string; name: string }): Promise<StoreRow> {
  return runCommand(ctx, 'stores.create', async (tx) => {
    const [branch] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, input.branchId)).limit(1)
    if (!branch) throw ValidationError({ branchId: 'stock.unknownBranch' })
    const [taken] = await tx
      .select({ id: stores.id })
      .from(stores)
      .where(and(eq(stores.branchId, input.branchId), eq(stores.name, input.name)))
      .limit(1)
    if (taken) throw ConflictError('stock.storeNameTaken', { name: 'stock.storeNameTaken' })
    const [row] = await tx
      .insert(stores)
      .values({ ...input, createdBy: actor.id })
      .returning()
    return { result: row, entity: 'store', entityId: row.id, after: row }
  })
}
