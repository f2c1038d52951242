import { z } from '@hono/zod-openapi'
import { createRouter } from '../../http/openapi'
import { dateSpan, IsoDate, Uuid } from '../../http/values'
import { centerTimeZone } from '../center/index'
import { todayIn } from '../passes/index'
import { COHORT_MONTHS, inflowReport } from './queries/inflow'
import { queryParam as q, report, scope } from './report-route'
import { INFLOW_VIEWS, inflowTable, type InflowView } from './tables-inflow'

const InflowQuery = z
  .object({
    from: q(IsoDate, 'from'),
    to: q(IsoDate, 'to'),
    branchId: q(Uuid.optional(), 'branchId'),
    activityId: q(Uuid.optional(), 'activityId'),
    /** Which table the CSV and XLSX hold (the JSON has them all). */
    view: q(z.enum(INFLOW_VIEWS).optional(), 'view'),
  })
  .superRefine(dateSpan('from', 'to', 1830))

const int = z.number().int()
const bp = z.number().int().nullable()
const InflowSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    today: z.string(),
    currency: z.string(),
    newClients: z.array(z.object({ month: z.string(), source: z.string(), clients: int })),
    months: z.array(z.object({ month: z.string(), clients: int, trials: int, converted: int })),
    sources: z.array(z.object({ source: z.string(), clients: int })),
    trials: z.object({
      started: int,
      converted: int,
      conversionBp: bp,
      averageDays: z.number().nullable(),
      medianDays: z.number().nullable(),
    }),
    cohorts: z.array(
      z.object({
        month: z.string(),
        clients: int,
        cells: z.array(z.object({ eligible: int, retained: int, rateBp: int }).nullable()).length(COHORT_MONTHS),
        revenue: int,
        averageRevenue: int,
        medianRevenue: int,
      }),
    ),
    curve: z.array(z.object({ months: int, eligible: int, retained: int, rateBp: bp })),
    churn: z.array(z.object({ reason: z.string(), clients: int, groupLeavers: int })),
    churnTotals: z.object({ clients: int, groupLeavers: int }),
    bySource: z.array(z.object({ source: z.string(), clients: int, revenue: int, averageRevenue: int, medianRevenue: int })),
  })
  .openapi('InflowReport')

/** The inflow and retention report (issue #20): JSON with every measure; CSV and XLSX of one view (`view`, new clients by default). */
export const inflowRoutes = createRouter()

report(
  inflowRoutes,
  'inflow',
  'Inflow and retention: new clients by source, trial to paid, cohort retention 1–12 months, churn by reason, lifetime revenue per client',
  InflowQuery,
  InflowSchema,
  async (c, qs, currency) => {
    const branchIds = scope(c.var.actor, qs.branchId)
    const db = c.var.deps.database.db
    const timeZone = await centerTimeZone(db)
    const data = await inflowReport(db, {
      branchIds,
      from: String(qs.from),
      to: String(qs.to),
      activityId: qs.activityId,
      currency,
      today: todayIn(timeZone),
      timeZone,
    })
    const view = (qs.view ?? 'new') as InflowView
    return { data, table: (l) => inflowTable(data, view, l), file: `inflow-${view}-${qs.from}-${qs.to}` }
  },
)
