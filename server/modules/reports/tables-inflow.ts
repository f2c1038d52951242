import { LEAD_SOURCES, LEAVE_REASONS } from '../../../domain/clients/vocabulary'
import type { MessageId } from '../../../domain/i18n/catalogue'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor, type Translator } from '../../../domain/i18n/translator'
import type { ReportTable } from './export'
import { COHORT_MONTHS, type InflowReport } from './queries/inflow'

/** The inflow report's tables, one per view (each its CSV and its XLSX sheet). */
export const INFLOW_VIEWS = ['new', 'trials', 'cohorts', 'churn', 'revenue'] as const
export type InflowView = (typeof INFLOW_VIEWS)[number]

/** How a client heard of the center, in the reader's words ('' or an unknown code: not recorded). */
export function sourceText(t: Translator['t'], source: string): string {
  return (LEAD_SOURCES as readonly string[]).includes(source)
    ? t(`clients.source.${source}` as MessageId)
    : t('reports.inflow.notRecorded')
}

/** Why a client left, in the reader's words: a leave reason, a non-renewal, or none given. */
export function reasonText(t: Translator['t'], reason: string): string {
  if (reason === 'non_renewal') return t('reports.reason.non_renewal')
  return (LEAVE_REASONS as readonly string[]).includes(reason)
    ? t(`clients.leaveReason.${reason}` as MessageId)
    : t('reports.reason.none')
}

/** One view of the inflow and retention report as a table in the reader's language. */
export function inflowTable(r: InflowReport, view: InflowView, locale: Locale): ReportTable {
  const { t } = translatorFor(locale)
  const base = { sheet: t(`reports.inflow.view.${view}`), currency: r.currency }
  switch (view) {
    case 'new':
      return {
        ...base,
        columns: [
          { label: t('reports.col.month'), kind: 'month' },
          { label: t('clients.field.source'), kind: 'text' },
          { label: t('reports.inflow.col.newClients'), kind: 'int' },
        ],
        rows: r.newClients.map((x) => [x.month, sourceText(t, x.source), x.clients]),
      }
    case 'trials':
      return {
        ...base,
        columns: [
          { label: t('reports.col.month'), kind: 'month' },
          { label: t('reports.inflow.col.trials'), kind: 'int' },
          { label: t('reports.inflow.col.converted'), kind: 'int' },
          { label: t('reports.inflow.col.conversion'), kind: 'percent' },
        ],
        rows: r.months.map((x) => [
          x.month,
          x.trials,
          x.converted,
          x.trials ? Math.round((x.converted * 10_000) / x.trials) : null,
        ]),
      }
    case 'cohorts':
      return {
        ...base,
        columns: [
          { label: t('reports.inflow.col.cohort'), kind: 'month' },
          { label: t('reports.col.clients'), kind: 'int' },
          ...Array.from({ length: COHORT_MONTHS }, (_, i) => ({
            label: t('reports.inflow.col.monthN', { n: i + 1 }),
            kind: 'percent' as const,
          })),
          { label: t('reports.inflow.col.revenue'), kind: 'money' },
          { label: t('reports.inflow.col.average'), kind: 'money' },
          { label: t('reports.inflow.col.median'), kind: 'money' },
        ],
        rows: r.cohorts.map((x) => [
          x.month,
          x.clients,
          ...x.cells.map((c) => c?.rateBp ?? null),
          x.revenue,
          x.averageRevenue,
          x.medianRevenue,
        ]),
      }
    case 'churn':
      return {
        ...base,
        columns: [
          { label: t('reports.inflow.col.reason'), kind: 'text' },
          { label: t('reports.inflow.col.leftCenter'), kind: 'int' },
          { label: t('reports.inflow.col.leftGroups'), kind: 'int' },
        ],
        rows: r.churn.map((x) => [reasonText(t, x.reason), x.clients, x.groupLeavers]),
      }
    case 'revenue':
      return {
        ...base,
        columns: [
          { label: t('clients.field.source'), kind: 'text' },
          { label: t('reports.col.clients'), kind: 'int' },
          { label: t('reports.inflow.col.revenue'), kind: 'money' },
          { label: t('reports.inflow.col.average'), kind: 'money' },
          { label: t('reports.inflow.col.median'), kind: 'money' },
        ],
        rows: r.bySource.map((x) => [sourceText(t, x.source), x.clients, x.revenue, x.averageRevenue, x.medianRevenue]),
      }
  }
}
