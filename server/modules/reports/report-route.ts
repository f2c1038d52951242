import { createRoute, z, type RouteConfig } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Currency } from '../../../domain/i18n/format'
import type { Actor } from '../../../domain/roles'
import type { AppEnv } from '../../http/context'
import { createRouter, responses, security } from '../../http/openapi'
import { branchesOf } from '../../policies/branches'
import { authorize, authorizeRole } from '../../policies/policy'
import { centerSettingsOf } from '../center/index'
import { tableCsv, tableXlsx, type ReportTable } from './export'
import { reportsPolicies } from './policies'
import type { ReportName } from './tables'

/** A query parameter of a report, named in the OpenAPI document. */
export const queryParam = <T extends z.ZodType>(schema: T, name: string) => schema.openapi({ param: { name, in: 'query' } })

/** The branches a report covers: the one asked for (the reader must work there), else every branch of the reader's. */
export function scope(actor: Actor | null, branchId: string | undefined): string[] | null {
  const a = authorizeRole(actor, reportsPolicies.read)
  if (branchId) {
    authorize(a, reportsPolicies.read, { branchId })
    return [branchId]
  }
  return branchesOf(a)
}

type Ctx = Context<AppEnv>
type Locale = Ctx['var']['locale']
type Query = NonNullable<RouteConfig['request']>['query']

export interface Built<T> {
  data: T
  /** The CSV's table. */
  table: (locale: Locale) => ReportTable
  /** The XLSX's sheets (default: the CSV's table). */
  sheets?: (locale: Locale) => readonly ReportTable[]
  /** The file name without its extension: the report and its period. */
  file: string
  /** The CSV's, when it names a part of the report (default: `file`). */
  csvFile?: string
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A report's three routes: `/reports/<name>` (JSON), `.csv` and `.xlsx` (headers and words in the
 * reader's language), with the same query and the same checks; the CSV may take more (`csvQuery`:
 * which of the report's tables).
 */
export function report<T>(
  router: ReturnType<typeof createRouter>,
  name: ReportName,
  summary: string,
  query: Query,
  schema: z.ZodType,
  build: (c: Ctx, query: Record<string, string | undefined>, currency: Currency) => Promise<Built<T>>,
  csvQuery: Query = query,
) {
  const run = async (c: Ctx) => {
    const db = c.var.deps.database.db
    const { currency } = await centerSettingsOf(db)
    const qs: Record<string, string | undefined> = c.req.valid('query' as never)
    return build(c, qs, currency)
  }
  const base = { method: 'get' as const, tags: ['reports'], security }
  router.openapi(
    createRoute({ ...base, request: { query }, path: `/reports/${name}`, summary, responses: responses(200, schema) }),
    async (c) => c.json((await run(c)).data as never, 200),
  )
  router.openapi(
    createRoute({
      ...base,
      request: { query: csvQuery },
      path: `/reports/${name}.csv`,
      summary: `${summary} (CSV, in the reader’s language)`,
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
    }),
    async (c) => {
      const r = await run(c)
      return c.body(tableCsv(r.table(c.var.locale)), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${r.csvFile ?? r.file}.csv"`,
      })
    },
  )
  router.openapi(
    createRoute({
      ...base,
      request: { query },
      path: `/reports/${name}.xlsx`,
      summary: `${summary} (XLSX, in the reader’s language)`,
      responses: { 200: { description: 'XLSX', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } } },
    }),
    async (c) => {
      const r = await run(c)
      const body = await tableXlsx(r.sheets?.(c.var.locale) ?? r.table(c.var.locale), c.var.locale)
      return c.body(new Uint8Array(body), 200, {
        'content-type': XLSX,
        'content-disposition': `attachment; filename="${r.file}.xlsx"`,
      })
    },
  )
}
