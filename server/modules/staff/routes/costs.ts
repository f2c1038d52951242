import { createRoute, z } from '@hono/zod-openapi'
import { desc, eq } from 'drizzle-orm'
import { branches, costSettings } from '../../../../db/schema/index'
import { ValidationError } from '../../../errors'
import { createRouter, jsonBody, responses, security } from '../../../http/openapi'
import { dateSpan, IsoDate, Uuid } from '../../../http/values'
import { branchesOf } from '../../../policies/branches'
import { authorize, authorizeRole } from '../../../policies/policy'
import { centerSettingsOf } from '../../center/index'
import { setOverhead } from '../commands/set-overhead'
import { staffPolicies } from '../policies'
import { GROUP_BY, lessonCostReport, PAGE_MAX } from '../queries/lesson-cost'

const CostQuery = z
  .object({
    branchId: Uuid.optional().openapi({ param: { name: 'branchId', in: 'query' } }),
    from: IsoDate.openapi({ param: { name: 'from', in: 'query' } }),
    to: IsoDate.openapi({ param: { name: 'to', in: 'query' } }),
    groupBy: z
      .enum(GROUP_BY)
      .default('lesson')
      .openapi({ param: { name: 'groupBy', in: 'query' } }),
    offset: z.coerce
      .number()
      .int()
      .min(0)
      .max(10_000_000)
      .default(0)
      .openapi({ param: { name: 'offset', in: 'query' } }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(PAGE_MAX)
      .default(PAGE_MAX)
      .openapi({ param: { name: 'limit', in: 'query' } }),
  })
  .superRefine(dateSpan('from', 'to', 731))

const Figures = {
  lessons: z.number().int(),
  minutes: z.number().int(),
  revenueGross: z.number().int(),
  vat: z.number().int(),
  revenueNet: z.number().int(),
  teacherPay: z.number().int(),
  roomCost: z.number().int(),
  consumablesCost: z.number().int(),
  overhead: z.number().int(),
  totalCost: z.number().int(),
  margin: z.number().int(),
  marginBp: z.number().int().nullable(),
}

const CostReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(GROUP_BY),
    currency: z.string(),
    rows: z.array(
      z.object({
        key: z.string().nullable(),
        name: z.string(),
        branchId: z.string().nullable(),
        startsAt: z.string().nullable(),
        ...Figures,
      }),
    ),
    count: z.number().int(),
    offset: z.number().int(),
    totals: z.object(Figures),
  })
  .openapi('LessonCostReport')

const OverheadSchema = z
  .object({
    id: z.number().int(),
    branchId: z.string(),
    validFrom: z.string(),
    overheadPerHour: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('Overhead')

const OverheadInput = z
  .object({
    branchId: Uuid,
    validFrom: IsoDate,
    overheadPerHour: z.number().int('costs.overheadWhole').min(0, 'costs.overheadNegative').max(1_000_000_000),
  })
  .strict()
  .openapi('OverheadInput')

const present = (r: typeof costSettings.$inferSelect) => ({
  id: r.id,
  branchId: r.branchId,
  validFrom: r.validFrom,
  overheadPerHour: r.overheadPerHour,
  createdAt: r.createdAt.toISOString(),
})

/** Lesson cost, revenue with its VAT and margins; the overhead per hour. */
export const costRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/costs/lessons',
      tags: ['staff'],
      summary:
        'Lesson cost against revenue for the lessons done in a period, per lesson, group, teacher, activity or branch, with totals',
      description:
        'Revenue: the sessions written off at their value (gross), the VAT in it, and net. Cost: the teacher’s pay (an approved payroll’s lines, else computed by the scheme of the day, the month’s fixed pay spread by minutes), the room’s hourly cost for the lesson’s minutes, consumables by the norms at their cost of the day, and the branch’s overhead per hour. Margin = net − cost; margin % in basis points of net. Without `branchId`: every branch the user may read. Rows by lesson in order of their start, others by name, a page of them (`offset`, `limit` ≤ 1000; `count` says how many there are); the totals are the whole period’s. The figures come from each branch’s months as last computed, computed again when anything they rest on changed.',
      security,
      request: { query: CostQuery },
      responses: responses(200, CostReportSchema),
    }),
    async (c) => {
      const q = c.req.valid('query')
      const actor = authorizeRole(c.var.actor, staffPolicies.readCosts)
      if (q.branchId) authorize(actor, staffPolicies.readCosts, { branchId: q.branchId })
      const db = c.var.deps.database.db
      const { currency } = await centerSettingsOf(db)
      const report = await lessonCostReport(db, {
        branchIds: q.branchId ? [q.branchId] : branchesOf(actor),
        from: q.from,
        to: q.to,
        groupBy: q.groupBy,
        currency,
        offset: q.offset,
        limit: q.limit,
      })
      return c.json(report, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/costs/overhead',
      tags: ['staff'],
      summary: 'A branch’s overhead per lesson hour: every setting, newest first, and the one in force today',
      security,
      request: { query: z.object({ branchId: Uuid.openapi({ param: { name: 'branchId', in: 'query' } }) }) },
      responses: responses(200, z.object({ items: z.array(OverheadSchema), current: OverheadSchema.nullable() })),
    }),
    async (c) => {
      const { branchId } = c.req.valid('query')
      const actor = authorizeRole(c.var.actor, staffPolicies.readCosts)
      authorize(actor, staffPolicies.readCosts, { branchId })
      const db = c.var.deps.database.db
      const rows = await db
        .select()
        .from(costSettings)
        .where(eq(costSettings.branchId, branchId))
        .orderBy(desc(costSettings.validFrom))
      const [branch] = await db.select({ tz: branches.timezone }).from(branches).where(eq(branches.id, branchId))
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: branch?.tz ?? 'UTC' }).format(new Date())
      const current = rows.find((r) => r.validFrom <= today) ?? null
      return c.json({ items: rows.map(present), current: current ? present(current) : null }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/costs/overhead',
      tags: ['staff'],
      summary: 'Set a branch’s overhead per lesson hour (minor units) from a day on; the same day again replaces it',
      security,
      request: jsonBody(OverheadInput),
      responses: responses(201, z.object({ overhead: OverheadSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorizeRole(c.var.actor, staffPolicies.setCosts)
      authorize(actor, staffPolicies.setCosts, { branchId: input.branchId })
      const db = c.var.deps.database.db
      const [branch] = await db.select({ id: branches.id }).from(branches).where(eq(branches.id, input.branchId))
      if (!branch) throw ValidationError({ branchId: 'costs.unknownBranch' })
      const row = await setOverhead(c.var.ctx, actor, input)
      return c.json({ overhead: present(row) }, 201)
    },
  )
