import { createRoute, z } from '@hono/zod-openapi'
import { createRouter, IdParam, jsonBody, responses, security } from '../../../http/openapi'
import { authorize, authorizeRole } from '../../../policies/policy'
import { addPlanPrice, createPlan, updateMoneySettings, updatePlan } from '../commands/plans'
import { createTaxRate, updateTaxRate } from '../commands/tax-rates'
import { todayIn } from '../pass-alerts'
import { passesPolicies } from '../policies'
import {
  PlanSchema,
  PriceSchema,
  SettingsSchema,
  TaxRateSchema,
  presentPlan,
  presentPrice,
  presentSettings,
  presentTaxRate,
} from '../presenters-money'
import { centerTimeZone } from '../../center/index'
import { findPlan, findTaxRate, listPlans, listTaxRates, moneySettings, withPrices } from '../queries/plans'
import { PlanInput, PlanPatch, PlansQuery, PriceInput, SettingsPatch, TaxRateInput, TaxRatePatch } from './money-schemas'

const CENTER = { branchId: null }

/**
 * The money routes: pass plans and their prices, tax rates and the area's settings. Selling,
 * payments, refunds, invoices and the account are in money-sales.ts; the cash desk, debtors and
 * the tax report in money-reports.ts.
 */
export const moneyRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/pass-plans',
      tags: ['passes'],
      summary: 'The pass plans with their prices (the one effective today first among them) and tax rates',
      security,
      request: { query: PlansQuery },
      responses: responses(200, z.object({ items: z.array(PlanSchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, passesPolicies.readPlans)
      const q = c.req.valid('query')
      const db = c.var.deps.database.db
      const day = todayIn(await centerTimeZone(db))
      const plans = await listPlans(db, { day, branchIds: q.branchId ? [q.branchId] : null, archived: q.archived === 'true' })
      return c.json({ items: plans.map(presentPlan) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/pass-plans',
      tags: ['passes'],
      summary: 'Create a pass plan with its first price (managers; a plan for every branch needs the whole center)',
      security,
      request: jsonBody(PlanInput),
      responses: responses(201, z.object({ plan: PlanSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorize(c.var.actor, passesPolicies.managePlans, { branchId: input.branchId ?? null })
      const db = c.var.deps.database.db
      const day = todayIn(await centerTimeZone(db))
      const plan = await createPlan(c.var.ctx, actor, { ...input, priceFrom: input.priceFrom ?? day })
      const [view] = await withPrices(db, [plan], day)
      return c.json({ plan: presentPlan(view) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/pass-plans/{id}',
      tags: ['passes'],
      summary: 'Change a plan’s rules or archive it (passes sold keep the rules of their sale day)',
      security,
      request: { params: IdParam, ...jsonBody(PlanPatch) },
      responses: responses(200, z.object({ plan: PlanSchema })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const patch = c.req.valid('json')
      authorizeRole(c.var.actor, passesPolicies.managePlans)
      const db = c.var.deps.database.db
      const plan = await findPlan(db, id)
      const actor = authorize(c.var.actor, passesPolicies.managePlans, plan)
      if (patch.branchId !== undefined) authorize(actor, passesPolicies.managePlans, { branchId: patch.branchId })
      const row = await updatePlan(c.var.ctx, actor, plan, patch)
      const [view] = await withPrices(db, [row], todayIn(await centerTimeZone(db)))
      return c.json({ plan: presentPlan(view) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/pass-plans/{id}/prices',
      tags: ['passes'],
      summary: 'A new price from a day on (a new row: sales before that day keep their price)',
      security,
      request: { params: IdParam, ...jsonBody(PriceInput) },
      responses: responses(201, z.object({ price: PriceSchema })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, passesPolicies.managePlans)
      const plan = await findPlan(c.var.deps.database.db, id)
      const actor = authorize(c.var.actor, passesPolicies.managePlans, plan)
      return c.json({ price: presentPrice(await addPlanPrice(c.var.ctx, actor, plan.id, input)) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tax-rates',
      tags: ['passes'],
      summary: 'The tax rates (VAT included, added, exempt)',
      security,
      request: { query: z.object({ archived: z.enum(['true', 'false']).optional() }) },
      responses: responses(200, z.object({ items: z.array(TaxRateSchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, passesPolicies.readPlans)
      const rows = await listTaxRates(c.var.deps.database.db, c.req.valid('query').archived === 'true')
      return c.json({ items: rows.map(presentTaxRate) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tax-rates',
      tags: ['passes'],
      summary: 'Create a tax rate (owner and managers of the whole center)',
      security,
      request: jsonBody(TaxRateInput),
      responses: responses(201, z.object({ taxRate: TaxRateSchema })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, passesPolicies.managePlans, CENTER)
      return c.json({ taxRate: presentTaxRate(await createTaxRate(c.var.ctx, actor, c.req.valid('json'))) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/tax-rates/{id}',
      tags: ['passes'],
      summary: 'Rename or archive a tax rate (its rate and mode never change: a new rate is a new row)',
      security,
      request: { params: IdParam, ...jsonBody(TaxRatePatch) },
      responses: responses(200, z.object({ taxRate: TaxRateSchema })),
    }),
    async (c) => {
      authorize(c.var.actor, passesPolicies.managePlans, CENTER)
      const rate = await findTaxRate(c.var.deps.database.db, c.req.valid('param').id)
      return c.json({ taxRate: presentTaxRate(await updateTaxRate(c.var.ctx, rate, c.req.valid('json'))) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/pass-settings',
      tags: ['passes'],
      summary: 'The area’s settings: when a pass is running out, when an invoice falls due',
      security,
      responses: responses(200, z.object({ settings: SettingsSchema })),
    }),
    async (c) => {
      authorize(c.var.actor, passesPolicies.readPlans)
      return c.json({ settings: presentSettings(await moneySettings(c.var.deps.database.db)) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/pass-settings',
      tags: ['passes'],
      summary: 'Change the area’s settings (owner and managers of the whole center)',
      security,
      request: jsonBody(SettingsPatch),
      responses: responses(200, z.object({ settings: SettingsSchema })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, passesPolicies.managePlans, CENTER)
      return c.json({ settings: presentSettings(await updateMoneySettings(c.var.ctx, actor, c.req.valid('json'))) }, 200)
    },
  )
