import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import type { ReportTable } from './export'
import type { DebtsReport, RevenueReport, VatReport } from './queries/money'
import type { TeachersReport } from './queries/teachers'
import { reasonText } from './tables-inflow'

/** The reports there are (their routes, file names and sheets). */
export const REPORTS = ['revenue', 'debts', 'vat', 'teachers', 'inflow', 'occupancy'] as const
export type ReportName = (typeof REPORTS)[number]

/** Revenue by month, branch, source and activity, as a table in the reader's language. */
export function revenueTable(r: RevenueReport, locale: Locale): ReportTable {
  const { t } = translatorFor(locale)
  return {
    sheet: t('reports.revenue.title'),
    currency: r.currency,
    columns: [
      { label: t('reports.col.month'), kind: 'month' },
      { label: t('reports.col.branch'), kind: 'text' },
      { label: t('reports.col.source'), kind: 'text' },
      { label: t('reports.col.activity'), kind: 'text' },
      { label: t('reports.col.gross'), kind: 'money' },
      { label: t('reports.col.vat'), kind: 'money' },
      { label: t('reports.col.net'), kind: 'money' },
    ],
    rows: r.rows.map((x) => [x.month, x.branch, t(`reports.source.${x.source}`), x.activity, x.gross, x.vat, x.net]),
  }
}

/** The debtors with their ageing, as a table in the reader's language. */
export function debtsTable(r: DebtsReport, locale: Locale): ReportTable {
  const { t } = translatorFor(locale)
  return {
    sheet: t('reports.debts.title'),
    currency: r.currency,
    columns: [
      { label: t('reports.col.client'), kind: 'text' },
      { label: t('reports.col.phone'), kind: 'text' },
      { label: t('reports.col.branch'), kind: 'text' },
      { label: t('reports.col.debt'), kind: 'money' },
      { label: t('reports.col.invoices'), kind: 'int' },
      { label: t('reports.col.oldestDue'), kind: 'date' },
      { label: t('reports.col.daysOverdue'), kind: 'int' },
      { label: t('reports.col.ageing'), kind: 'text' },
    ],
    rows: r.rows.map((x) => [
      x.name,
      x.phone ?? '',
      x.branch,
      x.debt,
      x.invoices,
      x.oldestDueOn,
      Math.max(0, x.daysOverdue),
      t(`reports.ageing.${x.bucket}`),
    ]),
  }
}

/** VAT per month, source and rate, as a table in the reader's language. */
export function vatTable(r: VatReport, locale: Locale): ReportTable {
  const { t } = translatorFor(locale)
  return {
    sheet: t('reports.vat.title'),
    currency: r.currency,
    columns: [
      { label: t('reports.col.month'), kind: 'month' },
      { label: t('reports.col.source'), kind: 'text' },
      { label: t('reports.col.rate'), kind: 'percent' },
      { label: t('reports.col.mode'), kind: 'text' },
      { label: t('reports.col.salesGross'), kind: 'money' },
      { label: t('reports.col.salesVat'), kind: 'money' },
      { label: t('reports.col.refundsGross'), kind: 'money' },
      { label: t('reports.col.refundsVat'), kind: 'money' },
      { label: t('reports.col.net'), kind: 'money' },
      { label: t('reports.col.vat'), kind: 'money' },
      { label: t('reports.col.gross'), kind: 'money' },
    ],
    rows: r.rows.map((x) => [
      x.month,
      t(`reports.source.${x.source}`),
      x.rateBp,
      t(`reports.mode.${x.mode === 'included' || x.mode === 'added' ? x.mode : 'exempt'}`),
      x.salesGross,
      x.salesVat,
      x.refundsGross,
      x.refundsVat,
      x.net,
      x.vat,
      x.gross,
    ]),
  }
}

/** Teacher performance, one row per teacher, as a table in the reader's language. */
export function teachersTable(r: TeachersReport, locale: Locale): ReportTable {
  const { t } = translatorFor(locale)
  return {
    sheet: t('reports.teachers.title'),
    currency: r.currency,
    columns: [
      { label: t('reports.col.teacher'), kind: 'text' },
      { label: t('reports.col.accepted'), kind: 'int' },
      { label: t('reports.col.refusals'), kind: 'int' },
      { label: t('reports.col.reasons'), kind: 'text' },
      { label: t('reports.col.lessons'), kind: 'int' },
      { label: t('reports.col.hours'), kind: 'hours' },
      { label: t('reports.col.attendance'), kind: 'percent' },
      { label: t('reports.col.revenueNet'), kind: 'money' },
      { label: t('reports.col.cost'), kind: 'money' },
      { label: t('reports.col.profit'), kind: 'money' },
    ],
    rows: r.rows.map((x) => [
      x.name,
      x.accepted,
      x.refusals,
      x.refusalReasons.map((r) => t('reports.reason', { reason: reasonText(t, r.reason), count: r.count })).join('; '),
      x.lessons,
      x.minutes,
      x.attendanceBp,
      x.revenueNet,
      x.cost,
      x.profit,
    ]),
  }
}
