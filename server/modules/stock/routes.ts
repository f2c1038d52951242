import { createRoute, z } from '@hono/zod-openapi'
import { localDateTime } from '../../../domain/docs/timetable-week'
import type { Queryable } from '../../../db/client'
import { NotFoundError, ValidationError } from '../../errors'
import { IdParam, createRouter, jsonBody, responses, security } from '../../http/openapi'
import { branchesOf } from '../../policies/branches'
import { authorize, authorizeRole } from '../../policies/policy'
import { centerTimeZone } from '../center/index'
import { createProduct, createStore, createSupplier, updateProduct } from './commands/catalogue'
import { createStockDoc, liveLines, postStockLines, reverseStockDoc, showPosted } from './commands/documents'
import { stockPolicies } from './policies'
import { presentProduct, presentStockDoc, presentStockDocListItem, presentSupplier } from './presenters'
import {
  findProduct,
  findStockDoc,
  findStore,
  listProducts,
  listStockDocs,
  listStores,
  listSuppliers,
  movementsOf,
  onHand,
  withPrices,
} from './queries'
import {
  OnHandSchema,
  ProductInput,
  ProductPatch,
  ProductSchema,
  ProductsQuery,
  StockDocInput,
  StockDocListItemSchema,
  StockDocSchema,
  StockDocsQuery,
  StockQuery,
  StoreInput,
  StoreSchema,
  StoresQuery,
  SupplierInput,
  SupplierSchema,
} from './schemas'

/** Today in the center's time zone (prices in force, a price's first day). */
const today = async (db: Queryable) => localDateTime((await centerTimeZone(db)) || 'UTC', new Date()).date

/** A store named in input: 400 naming the field when there is none. */
async function storeNamed(db: Queryable, id: string, field: string) {
  const store = await findStore(db, id)
  if (!store) throw ValidationError({ [field]: 'stock.unknownStore' })
  return store
}

/**
 * The stock routes: the catalogue (products with effective-dated prices, suppliers), stores per
 * branch, stock documents (created here, filled in their live document, posted and reversed
 * here) and stock on hand.
 */
export const stockRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/products',
      tags: ['stock'],
      summary: 'The products with the price in force today (`kind`, `q` by name, SKU or barcode, `archived`)',
      security,
      request: { query: ProductsQuery },
      responses: responses(200, z.object({ items: z.array(ProductSchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, stockPolicies.readCatalogue)
      const q = c.req.valid('query')
      const db = c.var.deps.database.db
      const rows = await listProducts(db, { kind: q.kind, q: q.q, archived: q.archived === 'true', day: await today(db) })
      return c.json({ items: rows.map(presentProduct) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/products',
      tags: ['stock'],
      summary: 'Create a product with its first sale price and cost (from `priceFrom`, default today)',
      security,
      request: jsonBody(ProductInput),
      responses: responses(201, z.object({ product: ProductSchema })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, stockPolicies.manageCatalogue)
      const input = c.req.valid('json')
      const db = c.var.deps.database.db
      const day = await today(db)
      const row = await createProduct(c.var.ctx, actor, { ...input, priceFrom: input.priceFrom ?? day })
      const [view] = await withPrices(db, [row], day)
      return c.json({ product: presentProduct(view) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/products/{id}',
      tags: ['stock'],
      summary: 'Change a product or archive it; a new price (sale price and cost) is a new row from `priceFrom` on',
      security,
      request: { params: IdParam, ...jsonBody(ProductPatch) },
      responses: responses(200, z.object({ product: ProductSchema })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, stockPolicies.manageCatalogue)
      const patch = c.req.valid('json')
      const db = c.var.deps.database.db
      const product = await findProduct(db, c.req.valid('param').id)
      const day = await today(db)
      const { product: row } = await updateProduct(c.var.ctx, actor, product, { ...patch, priceFrom: patch.priceFrom ?? day })
      const [view] = await withPrices(db, [row], day)
      return c.json({ product: presentProduct(view) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/suppliers',
      tags: ['stock'],
      summary: 'The suppliers',
      security,
      responses: responses(200, z.object({ items: z.array(SupplierSchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, stockPolicies.readCatalogue)
      return c.json({ items: (await listSuppliers(c.var.deps.database.db)).map(presentSupplier) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/suppliers',
      tags: ['stock'],
      summary: 'Create a supplier',
      security,
      request: jsonBody(SupplierInput),
      responses: responses(201, z.object({ supplier: SupplierSchema })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, stockPolicies.manageCatalogue)
      return c.json({ supplier: presentSupplier(await createSupplier(c.var.ctx, actor, c.req.valid('json'))) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores',
      tags: ['stock'],
      summary: 'The stores (of one branch with `branchId`)',
      security,
      request: { query: StoresQuery },
      responses: responses(200, z.object({ items: z.array(StoreSchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, stockPolicies.readCatalogue)
      const { branchId } = c.req.valid('query')
      return c.json({ items: await listStores(c.var.deps.database.db, branchId ? [branchId] : null) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores',
      tags: ['stock'],
      summary: 'Create a store in a branch (the keepers of that branch)',
      security,
      request: jsonBody(StoreInput),
      responses: responses(201, z.object({ store: StoreSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorize(c.var.actor, stockPolicies.manageStores, { branchId: input.branchId })
      const row = await createStore(c.var.ctx, actor, input)
      return c.json({ store: { id: row.id, branchId: row.branchId, name: row.name } }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stock-docs',
      tags: ['stock'],
      summary:
        'Open a draft stock document (receipt, write_off, transfer, count, return); its lines are edited in `stock-doc:<id>`',
      security,
      request: jsonBody(StockDocInput),
      responses: responses(201, z.object({ doc: StockDocSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, stockPolicies.write)
      const store = await storeNamed(c.var.deps.database.db, input.storeId, 'storeId')
      const actor = authorize(c.var.actor, stockPolicies.write, store)
      const row = await createStockDoc(c.var.ctx, actor, input, store.branchId)
      return c.json({ doc: presentStockDoc(row) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stock-docs',
      tags: ['stock'],
      summary:
        'The stock documents of the stores of the user’s branches, newest first (of one store with `storeId`; `status`, `kind`; at most `limit`, default 200)',
      security,
      request: { query: StockDocsQuery },
      responses: responses(200, z.object({ items: z.array(StockDocListItemSchema) })),
    }),
    async (c) => {
      const q = c.req.valid('query')
      const db = c.var.deps.database.db
      const actor = authorizeRole(c.var.actor, stockPolicies.read)
      if (q.storeId) {
        const store = await findStore(db, q.storeId)
        if (!store) throw NotFoundError('stock.unknownStore')
        authorize(actor, stockPolicies.read, store)
      }
      const rows = await listStockDocs(db, { branchIds: branchesOf(actor), ...q, limit: q.limit ?? 200 })
      return c.json({ items: rows.map(presentStockDocListItem) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stock-docs/{id}',
      tags: ['stock'],
      summary: 'A stock document: its state, its lines (from its live document) and, once posted, its movements',
      security,
      request: { params: IdParam },
      responses: responses(200, z.object({ doc: StockDocSchema })),
    }),
    async (c) => {
      authorizeRole(c.var.actor, stockPolicies.read)
      const db = c.var.deps.database.db
      const doc = await findStockDoc(db, c.req.valid('param').id)
      const actor = authorize(c.var.actor, stockPolicies.read, doc)
      const lines = doc.reverses || !c.var.deps.docs ? undefined : await liveLines(c.var.deps, doc.id, actor)
      const movements = doc.status === 'posted' ? await movementsOf(db, doc.id) : undefined
      return c.json({ doc: presentStockDoc(doc, { lines, movements }) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stock-docs/{id}/post',
      tags: ['stock'],
      summary:
        'Post a stock document as its live document stands: its movements in one transaction, then read-only. 409 names the lines that cannot go out; nothing is written',
      security,
      request: { params: IdParam },
      responses: {
        ...responses(200, z.object({ doc: StockDocSchema })),
        409: { description: 'Lines that cannot be posted, or already posted' },
      },
    }),
    async (c) => {
      authorizeRole(c.var.actor, stockPolicies.write)
      const db = c.var.deps.database.db
      const doc = await findStockDoc(db, c.req.valid('param').id)
      const actor = authorize(c.var.actor, stockPolicies.write, doc)
      const lines = doc.status === 'posted' ? [] : await liveLines(c.var.deps, doc.id, actor)
      const posted = await postStockLines(c.var.ctx, actor, doc.id, lines, await today(db))
      await showPosted(c.var.deps, { ...posted.doc, branchId: doc.branchId }, actor, lines)
      return c.json({ doc: presentStockDoc(posted.doc, { lines, movements: posted.movements }) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stock-docs/{id}/reverse',
      tags: ['stock'],
      summary: 'Reverse a posted document: a counter-document, posted, with the negated movements, that references it',
      security,
      request: { params: IdParam },
      responses: {
        ...responses(201, z.object({ doc: StockDocSchema })),
        409: { description: 'Not posted, already reversed, or the reversal would take stock below zero' },
      },
    }),
    async (c) => {
      authorizeRole(c.var.actor, stockPolicies.write)
      const db = c.var.deps.database.db
      const doc = await findStockDoc(db, c.req.valid('param').id)
      const actor = authorize(c.var.actor, stockPolicies.write, doc)
      const reversal = await reverseStockDoc(c.var.ctx, actor, doc.id)
      await showPosted(c.var.deps, { ...reversal.doc, branchId: doc.branchId }, actor, [])
      return c.json({ doc: presentStockDoc(reversal.doc, { movements: reversal.movements }) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stock',
      tags: ['stock'],
      summary:
        'Stock on hand per product in each store (of one store with `storeId`, one product with `productId`): the stores, and per product its quantity by store id',
      security,
      request: { query: StockQuery },
      responses: responses(200, OnHandSchema),
    }),
    async (c) => {
      const q = c.req.valid('query')
      const db = c.var.deps.database.db
      let storeIds: string[] | null
      if (q.storeId) {
        authorizeRole(c.var.actor, stockPolicies.read)
        const store = await findStore(db, q.storeId)
        if (!store) throw NotFoundError('stock.unknownStore')
        authorize(c.var.actor, stockPolicies.read, store)
        storeIds = [store.id]
      } else {
        const actor = authorizeRole(c.var.actor, stockPolicies.read)
        const mine = branchesOf(actor)
        storeIds = mine === null ? null : (await listStores(db, mine)).map((s) => s.id)
      }
      return c.json(await onHand(db, { storeIds, productId: q.productId }), 200)
    },
  )
