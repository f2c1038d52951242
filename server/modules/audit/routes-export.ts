import { createRoute, z } from '@hono/zod-openapi'
import { stringify } from 'csv-stringify/sync'
import { stream } from 'hono/streaming'
import type { PlainFormat } from '../../../domain/audit/plain-change'
import { localDateTime } from '../../../domain/docs/timetable-week'
import { safeCell } from '../../http/csv'
import { createRouter, security } from '../../http/openapi'
import { SerialId } from '../../http/values'
import { authorize } from '../../policies/policy'
import { NotFoundError } from '../../errors'
import { auditWindowReportPdf, REPORT_CAP } from './checkpoint-report'
import { loginOf } from './export-queries'
import { csvHeader, csvRows, exportFormat, trailBatches } from './export-words'
import { findCheckpoint, previousCheckpoint, type CheckpointRow, type presentItems } from './feed'
import { auditPolicies } from './policies'
import { areasOf, ChangeQuery, feedFilter, resolveBound, SummaryQuery } from './routes'

/**
 * The audit's exports (issue #16): every change of a window as CSV (the feed's window and filters,
 * one row per changed field, streamed), and the audit report as PDF — the open audit's, or a closed
 * one's. The words are the Audit screens' (domain/audit/plain-change), in the reader's language.
 */

export { REPORT_CAP } from './checkpoint-report'

/** CSV as RFC 4180 has it (CRLF), every string cell neutralised against formula injection. */
const CSV = { record_delimiter: 'windows', cast: { string: safeCell } } as const

const fileDate = (at: string | Date, f: PlainFormat) => localDateTime(f.timeZone, new Date(at)).date

const csvResponse = { 200: { description: 'CSV (UTF-8 with BOM)', content: { 'text/csv': { schema: z.string() } } } }
const pdfResponse = {
  200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
}

const CheckpointPath = z.object({ id: SerialId().openapi({ param: { name: 'id', in: 'path' } }) })

type Ctx = Parameters<typeof areasOf>[0] & {
  var: {
    deps: { database: { db: Parameters<typeof loginOf>[0] } }
    locale: PlainFormat['locale']
  }
}

/** The report of a window, for a request: made now, by the reader. */
async function report(
  c: Ctx,
  actor: Parameters<typeof presentItems>[3],
  window: Parameters<typeof auditWindowReportPdf>[4],
  closed: CheckpointRow | null,
): Promise<Buffer> {
  return auditWindowReportPdf(c.var.deps.database.db, areasOf(c), actor, c.var.locale, window, closed, {
    at: new Date(),
    who: actor.login,
  })
}

const pdfHeaders = (name: string) => ({
  'content-type': 'application/pdf',
  'content-disposition': `attachment; filename="${name}"`,
})

export const auditExportRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/changes.csv',
      tags: ['audit'],
      summary:
        'Every change of the window and filters as CSV, oldest first, one row per changed field, in the reader’s language (owner, auditor)',
      description:
        'The same window and filters as GET /api/audit/changes. UTF-8 with a byte order mark, RFC 4180; a cell that would start a formula begins with an apostrophe. Streamed.',
      security,
      request: { query: ChangeQuery },
      responses: csvResponse,
    }),
    async (c) => {
      const actor = authorize(c.var.actor, auditPolicies.read)
      const db = c.var.deps.database.db
      const areas = areasOf(c)
      const locale = c.var.locale
      const { filter, window } = await feedFilter(db, areas, c.req.valid('query'))
      const f = await exportFormat(db, locale)
      const from = window.since?.at ? fileDate(window.since.at, f) : 'start'
      const to = fileDate(window.until?.at ?? new Date(), f)
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header('content-disposition', `attachment; filename="audit-${from}-${to}.csv"`)
      c.header('x-content-type-options', 'nosniff')
      const { logger } = c.var.deps
      const requestId = c.var.requestId
      return stream(
        c,
        async (s) => {
          await s.write('\uFEFF' + stringify([csvHeader(f)], CSV))
          for await (const batch of trailBatches(db, areas, filter, actor, locale))
            await s.write(
              stringify(
                batch.flatMap((i) => csvRows(i, f)),
                CSV,
              ),
            )
        },
        // the status is sent already: the file ends short, and the log says why
        async (err) => logger.error({ err, requestId }, 'the audit CSV export failed midway'),
      )
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/report.pdf',
      tags: ['audit'],
      summary:
        'The audit report as PDF for a window (default: the open audit, since the last checkpoint), in the reader’s language (owner, auditor)',
      description: `The window, counts per area and per author, the documents most changed, the queried changes with comments and assignees, then every change (the first ${REPORT_CAP}; the CSV has them all).`,
      security,
      request: { query: SummaryQuery },
      responses: pdfResponse,
    }),
    async (c) => {
      const actor = authorize(c.var.actor, auditPolicies.read)
      const db = c.var.deps.database.db
      const p = c.req.valid('query')
      const since = await resolveBound(db, 'since', p.since)
      const until = await resolveBound(db, 'until', p.until)
      const ref = async (r: typeof since.ref) => ({
        checkpoint: r?.checkpointId ? await findCheckpoint(db, r.checkpointId) : null,
        at: r?.checkpointId ? null : (r?.at ?? null),
      })
      const sinceRef = await ref(since.ref)
      const untilRef = await ref(until.ref)
      const pdf = await report(c, actor, { since: since.bound, until: until.bound, sinceRef, untilRef }, null)
      const f = await exportFormat(db, c.var.locale)
      const from = since.ref?.at ? fileDate(since.ref.at, f) : 'start'
      const to = fileDate(until.ref?.at ?? new Date(), f)
      return c.body(new Uint8Array(pdf), 200, pdfHeaders(`audit-report-${from}-${to}.pdf`))
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/checkpoints/{id}/report.pdf',
      tags: ['audit'],
      summary:
        'A closed audit’s report as PDF (its window: the checkpoint before it to it; who closed it and their note), in the reader’s language (owner, auditor)',
      security,
      request: { params: CheckpointPath },
      responses: pdfResponse,
    }),
    async (c) => {
      const actor = authorize(c.var.actor, auditPolicies.read)
      const db = c.var.deps.database.db
      const cp = await findCheckpoint(db, Number(c.req.valid('param').id))
      if (!cp) throw NotFoundError('audit.error.unknownCheckpoint')
      const prev = await previousCheckpoint(db, cp.id)
      const pdf = await report(
        c,
        actor,
        {
          since: prev ? { cut: prev.cut } : null,
          until: { cut: cp.cut },
          sinceRef: { checkpoint: prev, at: null },
          untilRef: { checkpoint: cp, at: null },
        },
        cp,
      )
      return c.body(new Uint8Array(pdf), 200, pdfHeaders(`audit-${cp.id}.pdf`))
    },
  )
