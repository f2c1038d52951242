import { formatDateTime, formatMoney, formatMonthYear, formatNumber } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import { renderTablePdf } from '../../pdf/table'
import type { PayrollView } from './payroll'

/**
 * A branch's payroll sheet for a month as PDF in the reader's language: approved (by whom, when) or
 * a draft, one row per employee with their lines by kind and their total, and the payroll's total.
 * Each employee's lines are on their payslip (./payslip-pdf.ts).
 */
export function payrollSheetPdf(p: PayrollView, locale: Locale): Promise<Buffer> {
  const { t } = translatorFor(locale)
  const money = (n: number) => formatMoney(n, p.currency, locale)
  const title = t('docPackage.payroll.title', { month: formatMonthYear(p.month, locale) })
  const kinds = (e: PayrollView['employees'][number]) => {
    const sums = new Map<string, number>()
    for (const l of e.lines) sums.set(l.kind, (sums.get(l.kind) ?? 0) + 1)
    return [...sums].map(([k, n]) => `${t(`payroll.kind.${k as 'lesson'}`)} × ${formatNumber(n, locale)}`).join(', ')
  }
  return renderTablePdf(locale, {
    title,
    lines: [
      t('payroll.payslip.branch', { name: p.branchName }),
      p.status === 'approved' && p.approvedAt
        ? t('payroll.payslip.approved', {
            name: p.approvedBy?.name ?? '',
            date: formatDateTime(new Date(p.approvedAt), locale, p.timezone),
          })
        : t('payroll.payslip.draft'),
    ],
    columns: [
      { label: t('payroll.col.employee'), weight: 2 },
      { label: t('payroll.col.kind'), weight: 3 },
      { label: t('payroll.col.amount'), align: 'right', weight: 1.2 },
    ],
    rows: p.employees.map((e) => [e.name, kinds(e), money(e.total)]),
    totals: [t('passes.pdf.total'), '', money(p.total)],
    empty: t('docPackage.payroll.nobody'),
  })
}
