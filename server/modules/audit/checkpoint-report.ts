import { and, asc, gte, lt } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { auditCheckpoints } from '../../../db/schema/index'
import type { PlainFormat } from '../../../domain/audit/plain-change'
import type { Locale } from '../../../domain/i18n/locales'
import type { Actor } from '../../../domain/roles'
import type { AuditArea } from '../module'
import { auditAreasOf, type AuditAreas } from './areas'
import { summarize } from './commands'
import { auditReportPdf } from './export-pdf'
import { loginOf, queriedInWindow } from './export-queries'
import { exportFormat, trailBatches, whenWord } from './export-words'
import { findCheckpoint, presentItems, previousCheckpoint, withDocumentLabels, type CheckpointRow } from './feed'
import { readTrailRows, type Bound } from './window'

/** The detailed list of the PDF stops here; the CSV has them all. */
export const REPORT_CAP = 5000

type Ref = { checkpoint: CheckpointRow | null; at: string | null }

/** The window in words: "Since the audit closed 3 Nov 2026 by ani, until now (the audit is open)". */
async function windowLine(db: Queryable, f: PlainFormat, since: Ref, until: Ref): Promise<string> {
  const t = f.t
  const sincePart = since.checkpoint
    ? t('auditReport.pdf.since.checkpoint', {
        at: whenWord(since.checkpoint.closedAt, f),
        who: (await loginOf(db, since.checkpoint.closedBy)) ?? t('auditReport.system'),
      })
    : since.at
      ? t('auditReport.pdf.since.at', { at: whenWord(since.at, f) })
      : t('auditReport.pdf.since.start')
  const untilPart = until.checkpoint
    ? t('auditReport.pdf.until.checkpoint', {
        at: whenWord(until.checkpoint.closedAt, f),
        who: (await loginOf(db, until.checkpoint.closedBy)) ?? t('auditReport.system'),
      })
    : until.at
      ? t('auditReport.pdf.until.at', { at: whenWord(until.at, f) })
      : t('auditReport.pdf.until.open')
  return t('auditReport.pdf.window', { since: sincePart, until: untilPart })
}

/**
 * The audit report of a window as PDF: its counts, its queried changes, its first REPORT_CAP
 * changes, as `actor` may read them, in `locale`; `made` says when and by whom it was made.
 */
export async function auditWindowReportPdf(
  db: Queryable,
  areas: AuditAreas,
  actor: Actor,
  locale: Locale,
  window: { since: Bound; until: Bound; sinceRef: Ref; untilRef: Ref },
  closed: CheckpointRow | null,
  made: { at: Date; who: string },
): Promise<Buffer> {
  const f = await exportFormat(db, locale)
  const [summary] = await withDocumentLabels(db, areas, [await summarize(db, areas, window.since, window.until)], locale)
  const queriedRows = await readTrailRows(db, await queriedInWindow(db, window.since, window.until))
  queriedRows.sort((a, b) => a.ts - b.ts)
  const queried = await presentItems(db, areas, queriedRows, actor, locale)
  return auditReportPdf(
    {
      checkpointId: closed?.id ?? null,
      window: await windowLine(db, f, window.sinceRef, window.untilRef),
      closed: closed ? { at: closed.closedAt, who: await loginOf(db, closed.closedBy), note: closed.note } : null,
      made,
      summary,
      queried,
      changes: trailBatches(db, areas, { since: window.since, until: window.until }, actor, locale, { max: REPORT_CAP }),
      more: (listed) => Math.max(0, summary.total - listed),
    },
    f,
  )
}

/** The audits closed in [start, end) (instants), oldest first: their ids. */
export async function auditsClosedBetween(db: Queryable, start: Date, end: Date): Promise<number[]> {
  const rows = await db
    .select({ id: auditCheckpoints.id })
    .from(auditCheckpoints)
    .where(and(gte(auditCheckpoints.closedAt, start), lt(auditCheckpoints.closedAt, end)))
    .orderBy(asc(auditCheckpoints.id))
  return rows.map((r) => r.id)
}

/**
 * A closed audit's report as PDF (its window: the checkpoint before it to it), as `reader` may read
 * it, made "at" the moment it closed (so the same audit always gives the same report), by `madeBy`.
 * For the month's document package, where the areas come from the registry (`auditAreas`).
 */
export async function closedAuditReportPdf(
  db: Queryable,
  auditAreas: readonly AuditArea[],
  checkpointId: number,
  reader: Actor,
  locale: Locale,
  madeBy: string,
): Promise<{ pdf: Buffer; closedAt: Date; closedBy: string | null } | null> {
  const cp = await findCheckpoint(db, checkpointId)
  if (!cp) return null
  const prev = await previousCheckpoint(db, cp.id)
  const pdf = await auditWindowReportPdf(
    db,
    auditAreasOf(auditAreas),
    reader,
    locale,
    {
      since: prev ? { cut: prev.cut } : null,
      until: { cut: cp.cut },
      sinceRef: { checkpoint: prev, at: null },
      untilRef: { checkpoint: cp, at: null },
    },
    cp,
    { at: cp.closedAt, who: madeBy },
  )
  return { pdf, closedAt: cp.closedAt, closedBy: await loginOf(db, cp.closedBy) }
}
