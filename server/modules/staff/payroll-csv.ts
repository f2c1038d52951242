import { MINOR_DIGITS } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import { toCsv } from '../../http/csv'
import type { PayrollView } from './payroll'

/** Minor units as a decimal in the currency (2.50 for 250 cents; 1500 for 1500 drams), never through a float. */
export function decimalOf(minor: number, digits: number): string {
  if (!digits) return String(minor)
  const sign = minor < 0 ? '-' : ''
  const s = String(Math.abs(minor)).padStart(digits + 1, '0')
  return `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`
}

/**
 * A payroll for accounting: one row per line, with the employee, the line's kind, day, lesson,
 * attendees, minutes, rate (a revenue share in percent), base, the amount as a decimal in the
 * currency and the month it corrects. Headers in the reader's language; UTF-8 with a BOM.
 */
export function payrollCsv(p: PayrollView, locale: Locale): string {
  const tr = translatorFor(locale)
  const t = tr.t.bind(tr)
  const digits = MINOR_DIGITS[p.currency]
  const money = (n: number | null) => (n === null ? '' : decimalOf(n, digits))
  const columns = [
    t('payroll.col.employee'),
    t('payroll.col.kind'),
    t('payroll.col.day'),
    t('payroll.col.lesson'),
    t('payroll.col.activity'),
    t('payroll.col.attendees'),
    t('payroll.col.minutes'),
    t('payroll.col.rate'),
    t('payroll.col.base'),
    t('payroll.col.amount'),
    t('payroll.col.currency'),
    t('payroll.col.corrects'),
    t('payroll.col.reason'),
  ]
  const rows = p.employees.flatMap((e) =>
    e.lines.map((l) => [
      e.name,
      t(`payroll.kind.${l.kind}`),
      l.day,
      l.lesson ?? '',
      l.activity ?? '',
      l.attendees ?? '',
      l.minutes ?? '',
      l.kind === 'revenue' ? decimalOf(l.rate ?? 0, 2) : money(l.rate),
      l.kind === 'monthly' ? (l.base ?? '') : money(l.base),
      money(l.amount),
      p.currency,
      l.corrects ?? '',
      l.reason ?? '',
    ]),
  )
  return toCsv(columns, rows, { bom: true })
}
