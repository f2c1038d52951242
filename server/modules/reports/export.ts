import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node'
import { MINOR_DIGITS, type Currency } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { toCsv } from '../../http/csv'

/** How a column's values are written: text, a whole number, money (minor units), a day, a month, a rate (basis points), hours (given in minutes), a number with two decimals. */
export type ColumnKind = 'text' | 'int' | 'money' | 'date' | 'month' | 'percent' | 'hours' | 'decimal'

export interface ReportColumn {
  /** The header, in the reader's language. */
  label: string
  kind: ColumnKind
}

/** A report as a table: a sheet's name, its columns and rows (money in minor units, days `YYYY-MM-DD`, months `YYYY-MM`, rates in basis points). */
export interface ReportTable {
  sheet: string
  currency: Currency
  columns: ReportColumn[]
  rows: Array<Array<string | number | null>>
}

/** Minor units as a decimal in the currency (2.50 for 250 cents; 1500 for 1500 drams), never through a float. */
export function decimalOf(minor: number, digits: number): string {
  if (!digits) return String(minor)
  const sign = minor < 0 ? '-' : ''
  const s = String(Math.abs(minor)).padStart(digits + 1, '0')
  return `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`
}

/** The report as CSV: headers in the reader's language, money as decimals in the currency, rates in percent; UTF-8 with a BOM. */
export function tableCsv(table: ReportTable): string {
  const digits = MINOR_DIGITS[table.currency]
  const cell = (kind: ColumnKind, v: string | number | null): string | number | null => {
    if (v === null || v === '') return null
    if (kind === 'money') return decimalOf(Number(v), digits)
    if (kind === 'percent') return decimalOf(Number(v), 2)
    if (kind === 'hours') return decimalOf(Math.round((Number(v) * 100) / 60), 2)
    if (kind === 'decimal') return decimalOf(Math.round(Number(v) * 100), 2)
    return v
  }
  return toCsv(
    table.columns.map((c) => c.label),
    table.rows.map((r) => r.map((v, i) => cell(table.columns[i].kind, v))),
    { bom: true },
  )
}

const SYMBOL: Record<Currency, string> = { AMD: '֏', RUB: '₽', EUR: '€', USD: '$' }
/** Day formats as each language writes them. */
const DAY_FORMAT: Record<Locale, string> = { en: 'dd/mm/yyyy', hy: 'dd.mm.yyyy', ru: 'dd.mm.yyyy' }
const MONTH_FORMAT = 'mm.yyyy'

/** What a spreadsheet would take for the start of a formula: such text is written with an apostrophe in front. */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * The report as an XLSX workbook, a sheet per table (one, or several for a report of several
 * tables): a bold header row, then the rows with numbers as numbers, money in major units with the
 * currency's format, days and months as dates, rates as percentages. Text that looks like a
 * formula is kept as text.
 */
export async function tableXlsx(table: ReportTable | readonly ReportTable[], locale: Locale): Promise<Buffer> {
  const tables: readonly ReportTable[] = Array.isArray(table) ? table : [table as ReportTable]
  return writeXlsxFile(tables.map((x) => sheetOf(x, locale))).toBuffer()
}

/** One table as a sheet of the workbook. */
function sheetOf(table: ReportTable, locale: Locale) {
  const digits = MINOR_DIGITS[table.currency]
  const moneyFormat = `#,##0${digits ? `.${'0'.repeat(digits)}` : ''} "${SYMBOL[table.currency]}"`
  const cell = (kind: ColumnKind, v: string | number | null): Cell => {
    if (v === null || v === '') return null
    switch (kind) {
      case 'money':
        return { type: Number, value: Number(v) / 10 ** digits, format: moneyFormat }
      case 'percent':
        return { type: Number, value: Number(v) / 10_000, format: '0.00%' }
      case 'hours':
        return { type: Number, value: Math.round((Number(v) * 100) / 60) / 100, format: '#,##0.00' }
      case 'decimal':
        return { type: Number, value: Number(v), format: '#,##0.00' }
      case 'int':
        return { type: Number, value: Number(v), format: '#,##0' }
      case 'date':
        return { type: Date, value: new Date(`${v}T00:00:00Z`), format: DAY_FORMAT[locale] }
      case 'month':
        return { type: Date, value: new Date(`${v}-01T00:00:00Z`), format: MONTH_FORMAT }
      default: {
        const s = String(v)
        return { type: String, value: FORMULA_START.test(s) ? `'${s}` : s }
      }
    }
  }
  const data: SheetData = [
    table.columns.map((c) => ({ value: c.label, fontWeight: 'bold' as const, wrap: true })),
    ...table.rows.map((r) => r.map((v, i) => cell(table.columns[i].kind, v))),
  ]
  return {
    data,
    sheet: table.sheet.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '),
    columns: table.columns.map((c) => ({ width: c.kind === 'text' ? 28 : 16 })),
    stickyRowsCount: 1,
  }
}
