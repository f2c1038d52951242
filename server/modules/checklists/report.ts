import { and, asc, eq, gte, lte } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { branches, checklists } from '../../../db/schema/index'
import {
  failedItems,
  timelinessOf,
  type ChecklistItem,
  type FilledItem,
  type Timeliness,
} from '../../../domain/checklists/checklist'
import { formatDate, formatDateTime, formatMonthYear } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import { NotFoundError } from '../../errors'
import { renderPdf } from '../../pdf/document'

/** One checklist of the month as the report tells it. */
export interface ReportLine {
  id: string
  name: string
  dueOn: string
  dueAt: Date
  timeliness: Timeliness
  submittedAt: Date | null
  result: string | null
  /** The failed items, each with its value and the note on what was done about it. */
  failed: Array<{ text: string; value: unknown; unit: string | null; note: string | null }>
  /** Notes on the other items. */
  notes: Array<{ text: string; note: string }>
}

export interface ProductionControlReport {
  branch: string
  timeZone: string
  month: string
  counts: { onTime: number; late: number; missed: number; open: number; failed: number }
  lines: ReportLine[]
}

/** The last day of a month `YYYY-MM`. */
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number)
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
}

/**
 * A branch's production control in a month: each checklist due in it, done on time, late, missed
 * (never submitted and its time passed) or still open, and the failed items with their notes.
 */
export async function productionControlReport(
  db: Queryable,
  branchId: string,
  month: string,
  now = new Date(),
): Promise<ProductionControlReport> {
  const [b] = await db.select().from(branches).where(eq(branches.id, branchId)).limit(1)
  if (!b) throw NotFoundError('checklists.unknownBranch')
  const rows = await db
    .select()
    .from(checklists)
    .where(and(eq(checklists.branchId, branchId), gte(checklists.dueOn, `${month}-01`), lte(checklists.dueOn, lastDay(month))))
    .orderBy(asc(checklists.dueOn), asc(checklists.dueAt), asc(checklists.name))
  const counts = { onTime: 0, late: 0, missed: 0, open: 0, failed: 0 }
  const lines = rows.map((r): ReportLine => {
    const items = r.items as ChecklistItem[]
    const values = (r.values ?? {}) as Record<string, FilledItem>
    const timeliness = timelinessOf(r, now)
    counts[timeliness]++
    if (r.result === 'failed') counts.failed++
    const failed = r.status === 'submitted' ? failedItems(items, values) : []
    const failedKeys = new Set(failed.map((f) => f.key))
    return {
      id: r.id,
      name: r.name,
      dueOn: r.dueOn,
      dueAt: r.dueAt,
      timeliness,
      submittedAt: r.submittedAt,
      result: r.result,
      failed: failed.map((f) => ({
        text: f.text,
        value: values[f.key]?.value,
        unit: f.unit ?? null,
        note: values[f.key]?.note ?? null,
      })),
      notes: items.flatMap((i) =>
        !failedKeys.has(i.key) && values[i.key]?.note ? [{ text: i.text, note: values[i.key].note as string }] : [],
      ),
    }
  })
  return { branch: b.name, timeZone: b.timezone || 'UTC', month, counts, lines }
}

/** The report as a PDF in a language (the center's: it is the branch's record). */
export function productionControlPdf(r: ProductionControlReport, locale: Locale): Promise<Buffer> {
  const tr = translatorFor(locale)
  const title = tr.t('checklists.report.title', { branch: r.branch, month: formatMonthYear(r.month, locale) })
  const noon = (day: string) => new Date(`${day}T12:00:00Z`)
  return renderPdf(locale, title, ({ pdf, write, row, rule }) => {
    pdf.fontSize(16)
    write(title, true)
    pdf.fontSize(10).moveDown(0.5)
    row(tr.t('checklists.report.onTime'), String(r.counts.onTime))
    row(tr.t('checklists.report.late'), String(r.counts.late))
    row(tr.t('checklists.report.missed'), String(r.counts.missed))
    if (r.counts.open) row(tr.t('checklists.report.open'), String(r.counts.open))
    row(tr.t('checklists.report.failed'), String(r.counts.failed), true)
    rule()
    if (!r.lines.length) write(tr.t('checklists.report.none'))
    for (const l of r.lines) {
      const state =
        l.timeliness === 'onTime' || l.timeliness === 'late'
          ? tr.t(`checklists.report.state.${l.timeliness}`, { at: formatDateTime(l.submittedAt ?? l.dueAt, locale, r.timeZone) })
          : tr.t(`checklists.report.state.${l.timeliness}`)
      const result = l.result === 'failed' ? ` · ${tr.t('checklists.result.failed')}` : ''
      row(`${formatDate(noon(l.dueOn), locale, 'UTC')} · ${l.name}`, state + result, l.result === 'failed')
      for (const f of l.failed) {
        const value = f.value === 'failed' ? tr.t('checklists.tick.failed') : `${String(f.value)}${f.unit ? ` ${f.unit}` : ''}`
        write(`    ✗ ${f.text}: ${value}`)
        write(`       ${f.note ? tr.t('checklists.report.action', { note: f.note }) : tr.t('checklists.report.noAction')}`)
      }
      for (const n of l.notes) write(`    ${n.text}: ${n.note}`)
    }
  })
}
