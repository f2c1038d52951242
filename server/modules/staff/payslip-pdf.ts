import { formatDateTime, formatDay, formatMoney, formatMonthYear, formatNumber } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import { renderPdf } from '../../pdf/document'
import type { PayrollEmployeeView, PayrollLineView, PayrollView } from './payroll'

/** How a line was computed, in words: "2 × 1 500 ֏", "25% of 12 000 ֏", "Minutes: 60 · 3 000 ֏ per hour", "155 000 ֏ × 16/31 days". */
export function lineExplained(l: PayrollLineView, money: (n: number) => string, locale: Locale): string {
  const tr = translatorFor(locale)
  switch (l.kind) {
    case 'lesson':
      return money(l.rate ?? 0)
    case 'client':
      return `${formatNumber(l.attendees ?? 0, locale)} × ${money(l.rate ?? 0)}`
    case 'revenue':
      return tr.t('payroll.rate.share', { percent: formatNumber((l.rate ?? 0) / 100, locale), base: money(l.base ?? 0) })
    case 'hourly':
    case 'service':
      return l.rate
        ? `${tr.t('payroll.col.minutes')}: ${formatNumber(l.minutes ?? 0, locale)} · ${tr.t('payroll.rate.perHour', { rate: money(l.rate) })}`
        : ''
    case 'monthly':
      // its reason is the days paid of the month's ("16/31")
      return l.reason ? tr.t('payroll.rate.days', { rate: money(l.rate ?? 0), days: l.reason }) : money(l.rate ?? 0)
    default:
      // a bonus, a deduction, a correction: its reason heads the line
      return ''
  }
}

/**
 * An employee's payslip for a month as PDF in the reader's language: the branch, the month, the
 * payroll's state (approved by whom and when, or DRAFT), every line explained (its kind, day,
 * lesson, attendees, rate) with its amount, and the total. Armenian runs in their face.
 */
export function payslipPdf(p: PayrollView, e: PayrollEmployeeView, locale: Locale): Promise<Buffer> {
  const tr = translatorFor(locale)
  const money = (n: number) => formatMoney(n, p.currency, locale)
  const title = `${tr.t('payroll.payslip.title')} · ${e.name}`
  return renderPdf(locale, title, ({ pdf, write, row, rule }) => {
    pdf.fontSize(18)
    write(tr.t('payroll.payslip.title'), true)
    pdf.fontSize(12).moveDown(0.3)
    write(e.name, true)
    pdf.fontSize(10).moveDown(0.3)
    write(tr.t('payroll.payslip.branch', { name: p.branchName }))
    write(tr.t('payroll.payslip.period', { month: formatMonthYear(p.month, locale) }))
    if (p.status === 'approved' && p.approvedAt)
      write(
        tr.t('payroll.payslip.approved', {
          name: p.approvedBy?.name ?? '',
          date: formatDateTime(new Date(p.approvedAt), locale, p.timezone),
        }),
      )
    else {
      pdf.fillColor('#b00020')
      write(tr.t('payroll.payslip.draft'), true)
      pdf.fillColor('#000000')
    }
    rule()
    for (const l of e.lines) {
      // a month's fixed pay has the days paid as its reason: said in words below, not in the head
      const head = [
        formatDay(l.day, locale),
        tr.t(`payroll.kind.${l.kind}`),
        l.lesson ?? (l.kind === 'monthly' ? '' : l.reason) ?? '',
      ]
        .filter(Boolean)
        .join(' · ')
      row(head, money(l.amount))
      const how = [
        l.attendees !== null && l.kind !== 'client'
          ? `${tr.t('payroll.col.attendees')}: ${formatNumber(l.attendees, locale)}`
          : '',
        lineExplained(l, money, locale),
        l.corrects ? tr.t('payroll.corrects', { month: formatMonthYear(l.corrects, locale) }) : '',
      ]
        .filter(Boolean)
        .join(' · ')
      if (how) {
        pdf.fillColor('#555555')
        row(`   ${how}`, '')
        pdf.fillColor('#000000')
      }
    }
    rule()
    row(tr.t('payroll.total'), money(e.total), true)
  })
}
