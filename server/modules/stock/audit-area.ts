import { eq, inArray, sql } from 'drizzle-orm'
import { branches, products, purchaseOrders, purchaseRequests, stockDocuments, stores, suppliers } from '../../../db/schema/index'
import { translatorFor } from '../../../domain/i18n/translator'
import type { MessageId } from '../../../domain/i18n/catalogue'
import { isId, tableLabels } from '../audit/index'
import type { AuditArea, AuditLabeler } from '../module'

const productNames = tableLabels(products, products.id, sql`${products.name} || ' (' || ${products.sku} || ')'`)
const supplierNames = tableLabels(suppliers, suppliers.id, suppliers.name)
/** A store as people say it: "Central · Shop". */
const storeNames = tableLabels(
  stores,
  stores.id,
  sql`(select ${branches.name} from ${branches} where ${branches.id} = ${stores.branchId}) || ' · ' || ${stores.name}`,
)

/** A stock document as people say it, in the reader's language: "Receipt · Central · Shop" (a reversal says so). */
const stockDocLabels: AuditLabeler = async (db, ids, locale) => {
  const wanted = [...new Set(ids.filter(isId))]
  if (!wanted.length) return new Map()
  const rows = await db
    .select({
      id: stockDocuments.id,
      kind: stockDocuments.kind,
      reverses: stockDocuments.reverses,
      store: sql<string>`${branches.name} || ' · ' || ${stores.name}`,
    })
    .from(stockDocuments)
    .innerJoin(stores, eq(stores.id, stockDocuments.storeId))
    .innerJoin(branches, eq(branches.id, stores.branchId))
    .where(inArray(stockDocuments.id, wanted))
  const tr = translatorFor(locale)
  return new Map(
    rows.map((r) => {
      const kind = tr.t(`stock.kind.${r.kind}` as MessageId)
      return [r.id, tr.t(r.reverses ? 'stock.reversalLabel' : 'stock.docLabel', { kind, store: r.store })]
    }),
  )
}

/** A purchase order as people say it, in the reader's language: "Purchase order · Paperworld · Central". */
const purchaseOrderLabels: AuditLabeler = async (db, ids, locale) => {
  const wanted = [...new Set(ids.filter(isId))]
  if (!wanted.length) return new Map()
  const rows = await db
    .select({ id: purchaseOrders.id, supplier: suppliers.name, branch: branches.name })
    .from(purchaseOrders)
    .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
    .innerJoin(branches, eq(branches.id, purchaseOrders.branchId))
    .where(inArray(purchaseOrders.id, wanted))
  const tr = translatorFor(locale)
  return new Map(rows.map((r) => [r.id, tr.t('stock.orderLabel', { supplier: r.supplier, branch: r.branch })]))
}

/** A purchase request as its product and supplier: "Robotics kit (KIT-1) · Robokit". */
const purchaseRequestLabels = tableLabels(
  purchaseRequests,
  purchaseRequests.id,
  sql`(select ${products.name} || ' (' || ${products.sku} || ')' from ${products} where ${products.id} = ${purchaseRequests.productId})
    || ' · ' || (select ${suppliers.name} from ${suppliers} where ${suppliers.id} = ${purchaseRequests.supplierId})`,
)

/** Stock in the audit: the catalogue, stores, stock documents (commands and their live documents), purchasing. */
export const stockAudit: AuditArea = {
  area: 'stock',
  commands: ['stock.', 'products.', 'suppliers.', 'stores.', 'purchasing.'],
  docTypes: ['stock-doc'],
  labels: {
    product: productNames,
    supplier: supplierNames,
    store: storeNames,
    stock_doc: stockDocLabels,
    'stock-doc': stockDocLabels,
    purchase_order: purchaseOrderLabels,
    purchase_request: purchaseRequestLabels,
  },
  names: async (db, ids, locale) =>
    new Map([
      ...(await productNames(db, ids, locale)),
      ...(await storeNames(db, ids, locale)),
      ...(await supplierNames(db, ids, locale)),
    ]),
}
