import { createRoute, z } from '@hono/zod-openapi'
import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { branches, stores } from '../../../db/schema/index'
import { contentDisposition } from '../../http/disposition'
import { ValidationError } from '../../errors'
import { IdParam, createRouter, jsonBody, responses, security } from '../../http/openapi'
import { branchesOf } from '../../policies/branches'
import { authorize, authorizeRole } from '../../policies/policy'
import { centerTimeZone } from '../center/index'
import { returnGoods } from './commands/return'
import { sellGoods } from './commands/sell'
import { saleReceiptPdf } from './pdf'
import { salesPolicies } from './policies'
import { presentListItem, presentSale } from './presenters'
import { dayIn, findSale, listSales, productsAtTheTill, saleBranchOf, storeWithBranch } from './queries'
import {
  ReturnInput,
  SaleListItemSchema,
  SaleReturnSchema,
  SaleSchema,
  SalesQuery,
  SellInput,
  SellerStoreSchema,
  TillProductSchema,
  TillQuery,
} from './schemas'

/** A store named in input, with its branch: 400 naming the field when there is none. */
async function storeNamed(db: Queryable, id: string, field: string) {
  const store = await storeWithBranch(db, id)
  if (!store || store.archivedAt) throw ValidationError({ [field]: 'sales.unknownStore' })
  return store
}

/**
 * The point of sale: the stores a seller sells from, the products at the till (a scan or a search),
 * a sale, its returns, the sales of a day and a receipt (JSON and PDF). Every route authorises role
 * and branch (the store's, the sale's) through salesPolicies; every write is one command with its audit row.
 */
export const salesRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/sales/stores',
      tags: ['sales'],
      summary: 'The stores the user may sell from or read the sales of (their branches’)',
      security,
      responses: responses(200, z.object({ items: z.array(SellerStoreSchema) })),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, salesPolicies.read)
      const mine = branchesOf(actor)
      const rows = await c.var.deps.database.db
        .select({
          id: stores.id,
          name: stores.name,
          branchId: stores.branchId,
          branchName: branches.name,
          timezone: branches.timezone,
        })
        .from(stores)
        .innerJoin(branches, eq(branches.id, stores.branchId))
        .where(
          and(
            isNull(stores.archivedAt),
            mine ? inArray(stores.branchId, mine.length ? mine : ['00000000-0000-0000-0000-000000000000']) : undefined,
          ),
        )
        .orderBy(asc(branches.name), asc(stores.name))
      return c.json({ items: rows }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/sales/products',
      tags: ['sales'],
      summary:
        'Products at the till: an exact barcode or SKU first (a scan), else by name or SKU; with the price of the day, VAT and what is on hand in the store',
      security,
      request: { query: TillQuery },
      responses: responses(200, z.object({ items: z.array(TillProductSchema) })),
    }),
    async (c) => {
      const q = c.req.valid('query')
      authorizeRole(c.var.actor, salesPolicies.sell)
      const db = c.var.deps.database.db
      const store = await storeNamed(db, q.storeId, 'storeId')
      authorize(c.var.actor, salesPolicies.sell, store)
      const rows = await productsAtTheTill(db, { q: q.q, storeId: store.id, day: dayIn(store.timezone), limit: 20 })
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            sku: r.sku,
            barcode: r.barcode,
            unit: r.unit,
            salePrice: r.salePrice,
            taxRateBp: r.taxRate && r.taxRate.mode !== 'exempt' ? r.taxRate.rateBp : 0,
            taxMode: r.taxRate?.mode ?? 'exempt',
            onHand: r.onHand,
            exact: r.exact,
          })),
        },
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/sales',
      tags: ['sales'],
      summary: 'Sell goods to a client or a walk-in, paid at once; its receipt is numbered per branch and year without gaps',
      description:
        'Each line at the product’s sale price of the day with its VAT (included, added or exempt, as the product’s tax rate says). The goods leave the store through the stock ledger in the same transaction: a line of more than is on hand is a 409 naming `lines.<i>.quantity`, and nothing is written. The same `idempotencyKey` again → 200 with the sale made then.',
      security,
      request: jsonBody(SellInput),
      responses: {
        ...responses(200, z.object({ sale: SaleSchema }), 'The key was used: the sale made then'),
        201: { description: 'Sold', content: { 'application/json': { schema: z.object({ sale: SaleSchema }) } } },
        409: { description: 'A line of more than is on hand, an unknown product, a product without a price' },
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, salesPolicies.sell)
      const db = c.var.deps.database.db
      const store = await storeNamed(db, input.storeId, 'storeId')
      if (input.branchId && input.branchId !== store.branchId) throw ValidationError({ storeId: 'sales.storeOtherBranch' })
      const actor = authorize(c.var.actor, salesPolicies.sell, store)
      const r = await sellGoods(c.var.ctx, actor, input)
      const body = { sale: presentSale(await findSale(db, r.sale.id)) }
      return r.replayed ? c.json(body, 200) : c.json(body, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/sales',
      tags: ['sales'],
      summary:
        'The sales of a branch (or the user’s branches) between two days (default: today), of a client if given, newest first',
      security,
      request: { query: SalesQuery },
      responses: responses(200, z.object({ items: z.array(SaleListItemSchema) })),
    }),
    async (c) => {
      const q = c.req.valid('query')
      const actor = authorizeRole(c.var.actor, salesPolicies.read)
      if (q.branchId) authorize(actor, salesPolicies.read, { branchId: q.branchId })
      const db = c.var.deps.database.db
      const today = dayIn((await centerTimeZone(db)) || 'UTC')
      const from = q.from ?? q.to ?? today
      const to = q.to ?? q.from ?? today
      if (to < from) throw ValidationError({ to: 'sales.toBeforeFrom' })
      const rows = await listSales(db, {
        branchIds: q.branchId ? [q.branchId] : branchesOf(actor),
        from,
        to,
        clientId: q.clientId,
        limit: 500,
      })
      return c.json({ items: rows.map(presentListItem) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/sales/{id}',
      tags: ['sales'],
      summary: 'A sale: its receipt, lines (with what came back of each) and returns',
      security,
      request: { params: IdParam },
      responses: responses(200, z.object({ sale: SaleSchema })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      authorizeRole(c.var.actor, salesPolicies.read)
      const db = c.var.deps.database.db
      authorize(c.var.actor, salesPolicies.read, await saleBranchOf(db, id))
      return c.json({ sale: presentSale(await findSale(db, id)) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/sales/{id}/receipt.pdf',
      tags: ['sales'],
      summary: 'A sale’s receipt as PDF in the reader’s language',
      security,
      request: { params: IdParam },
      responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } } },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      authorizeRole(c.var.actor, salesPolicies.read)
      const db = c.var.deps.database.db
      authorize(c.var.actor, salesPolicies.read, await saleBranchOf(db, id))
      const full = await findSale(db, id)
      const sale = presentSale(full)
      const pdf = await saleReceiptPdf(sale, full.branch, c.var.locale)
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': contentDisposition(`receipt-${sale.number}.pdf`, 'inline'),
      })
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/sales/{id}/returns',
      tags: ['sales'],
      summary: 'Take goods of a sale back and refund them (never more of a line than was sold less what already came back)',
      description:
        'The goods go back into the sale’s store through the stock ledger and the refund (each line’s share of its gross and VAT) references the sale, in one transaction. More than is left of a line: 409 naming `lines.<i>.quantity`; nothing is written.',
      security,
      request: { params: IdParam, ...jsonBody(ReturnInput) },
      responses: {
        ...responses(201, z.object({ saleReturn: SaleReturnSchema, sale: SaleSchema })),
        409: { description: 'More than is left of a line' },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, salesPolicies.takeBack)
      const db = c.var.deps.database.db
      const actor = authorize(c.var.actor, salesPolicies.takeBack, await saleBranchOf(db, id))
      const r = await returnGoods(c.var.ctx, actor, id, input)
      const sale = presentSale(await findSale(db, id))
      const saleReturn = sale.returns.find((x) => x.id === r.saleReturn.id) ?? sale.returns[sale.returns.length - 1]
      return c.json({ saleReturn, sale }, 201)
    },
  )
