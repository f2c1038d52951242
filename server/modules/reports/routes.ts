import { z } from '@hono/zod-openapi'
import { createRouter } from '../../http/openapi'
import { dateSpan, IsoDate, Uuid } from '../../http/values'
import { centerTimeZone } from '../center/index'
import { todayIn } from '../passes/index'
import { AGEING, debtsReport, revenueReport, vatReport } from './queries/money'
import { MEASURES, teachersReport } from './queries/teachers'
import { queryParam as q, report, scope } from './report-route'
import { debtsTable, revenueTable, teachersTable, vatTable } from './tables'

const Branch = { branchId: q(Uuid.optional(), 'branchId') }
const Period = { from: q(IsoDate, 'from'), to: q(IsoDate, 'to') }
const PeriodQuery = z.object({ ...Period, ...Branch }).superRefine(dateSpan('from', 'to', 731))
const RevenueQuery = z
  .object({ ...Period, ...Branch, activityId: q(Uuid.optional(), 'activityId') })
  .superRefine(dateSpan('from', 'to', 731))
const TeachersQuery = z
  .object({ ...Period, ...Branch, teacherId: q(Uuid.optional(), 'teacherId') })
  .superRefine(dateSpan('from', 'to', 731))
const DebtsQuery = z.object(Branch)

const money = z.number().int()
const RevenueSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    rows: z.array(
      z.object({
        month: z.string(),
        branchId: z.string(),
        branch: z.string(),
        source: z.enum(['sessions', 'sales']),
        activityId: z.string().nullable(),
        activity: z.string(),
        gross: money,
        vat: money,
        net: money,
      }),
    ),
    months: z.array(z.object({ month: z.string(), sessions: money, sales: money, gross: money })),
    totals: z.object({ sessions: money, sales: money, gross: money, vat: money, net: money }),
  })
  .openapi('RevenueReport')
const DebtsSchema = z
  .object({
    today: z.string(),
    currency: z.string(),
    rows: z.array(
      z.object({
        clientId: z.string(),
        name: z.string(),
        phone: z.string().nullable(),
        branchId: z.string(),
        branch: z.string(),
        debt: money,
        invoices: z.number().int(),
        oldestDueOn: z.string(),
        daysOverdue: z.number().int(),
        bucket: z.enum(AGEING),
      }),
    ),
    buckets: z.array(z.object({ bucket: z.enum(AGEING), clients: z.number().int(), debt: money })),
    total: money,
  })
  .openapi('DebtsReport')
const VatSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    rows: z.array(
      z.object({
        month: z.string(),
        source: z.enum(['invoices', 'sales']),
        rateBp: z.number().int(),
        mode: z.string(),
        salesGross: money,
        salesVat: money,
        refundsGross: money,
        refundsVat: money,
        net: money,
        vat: money,
        gross: money,
      }),
    ),
    months: z.array(z.object({ month: z.string(), vat: money })),
    totals: z.object({ gross: money, vat: money, net: money }),
  })
  .openapi('VatReport')
const TeachersSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    rows: z.array(
      z.object({
        teacherId: z.string(),
        name: z.string(),
        accepted: z.number().int(),
        refusals: z.number().int(),
        refusalReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
        lessons: z.number().int(),
        minutes: z.number().int(),
        attended: z.number().int(),
        marked: z.number().int(),
        attendanceBp: z.number().int().nullable(),
        revenueNet: money,
        cost: money,
        profit: money,
        ranks: z.object(
          Object.fromEntries(MEASURES.map((m) => [m, z.number().int()])) as Record<(typeof MEASURES)[number], z.ZodNumber>,
        ),
      }),
    ),
  })
  .openapi('TeachersReport')

/** The reports: revenue, debts and ageing, VAT, teacher performance; each as JSON, CSV and XLSX. */
export const reportRoutes = createRouter()

report(
  reportRoutes,
  'revenue',
  'Revenue by month, branch and activity: sessions written off at their value, and sales less returns',
  RevenueQuery,
  RevenueSchema,
  async (c, qs, currency) => {
    const branchIds = scope(c.var.actor, qs.branchId)
    const data = await revenueReport(c.var.deps.database.db, {
      branchIds,
      from: String(qs.from),
      to: String(qs.to),
      activityId: qs.activityId,
      currency,
    })
    return { data, table: (l) => revenueTable(data, l), file: `revenue-${qs.from}-${qs.to}` }
  },
)

report(
  reportRoutes,
  'debts',
  'Debts and their ageing today (0–30, 31–60, 61–90, over 90 days past the oldest unpaid invoice’s due date)',
  DebtsQuery,
  DebtsSchema,
  async (c, qs, currency) => {
    const branchIds = scope(c.var.actor, qs.branchId)
    const db = c.var.deps.database.db
    const today = todayIn(await centerTimeZone(db))
    const data = await debtsReport(db, { branchIds, today, currency })
    return { data, table: (l) => debtsTable(data, l), file: `debts-${today}` }
  },
)

report(
  reportRoutes,
  'vat',
  'VAT collected per month and rate: invoices less refunds, sales less returns',
  PeriodQuery,
  VatSchema,
  async (c, qs, currency) => {
    const branchIds = scope(c.var.actor, qs.branchId)
    const data = await vatReport(c.var.deps.database.db, { branchIds, from: String(qs.from), to: String(qs.to), currency })
    return { data, table: (l) => vatTable(data, l), file: `vat-${qs.from}-${qs.to}` }
  },
)

report(
  reportRoutes,
  'teachers',
  'Teacher performance: clients accepted and refusals, lessons and hours, attendance rate, profit; a place per measure',
  TeachersQuery,
  TeachersSchema,
  async (c, qs, currency) => {
    const branchIds = scope(c.var.actor, qs.branchId)
    const db = c.var.deps.database.db
    const today = todayIn(await centerTimeZone(db))
    const all = await teachersReport(db, { branchIds, from: String(qs.from), to: String(qs.to), currency, today })
    const data = qs.teacherId ? { ...all, rows: all.rows.filter((r) => r.teacherId === qs.teacherId) } : all
    return { data, table: (l) => teachersTable(data, l), file: `teachers-${qs.from}-${qs.to}` }
  },
)
