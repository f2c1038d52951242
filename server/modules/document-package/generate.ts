import { addDays, localDateTime, zonedDateTime } from '../../../domain/docs/timetable-week'
import { formatDay, formatMoney, formatMonthYear, formatNumber, type Currency } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import type { Actor } from '../../../domain/roles'
import type { Queryable } from '../../../db/client'
import { toCsv } from '../../http/csv'
import { renderTablePdf, type PdfColumn } from '../../pdf/table'
import { auditsClosedBetween, closedAuditReportPdf } from '../audit/index'
import { productionControlPdf, productionControlReport } from '../checklists/index'
import type { AuditArea } from '../module'
import { cashDeskDaysOf, cashDeskPdf, invoicePdf, invoicesOfPeriod, receiptPdf, receiptsOfPeriod } from '../passes/index'
import { vatReport, vatTable, type ColumnKind, type ReportTable } from '../reports/index'
import { payrollSheetPdf, payslipPdf, readPayroll } from '../staff/index'
import { inventoryResultPdf, inventoryResultsOfPeriod, stockMovementsOfPeriod, stockMovementsPdf } from '../stock/index'
import { monthsWithin } from './period'
import { sha256, stableZip, stablePdf, type ZipEntry } from './stable'

/** The kinds of document a package holds, in the order they come in it. */
export const DOCUMENT_KINDS = [
  'invoice',
  'receipt',
  'cashDesk',
  'taxReport',
  'payroll',
  'payslip',
  'stockMovements',
  'inventory',
  'productionControl',
  'audit',
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/** A line of the package's index: one document. */
export interface IndexLine {
  file: string
  kind: DocumentKind
  /** Its number or id (an invoice's number, a day, a month, an audit's number). */
  number: string
  /** Its day (`YYYY-MM-DD`). */
  date: string
  /** The client or employee it is about ('' for none). */
  party: string
  /** Its amount in minor units (null: none). */
  amount: number | null
  sha256: string
}

export interface PackageInput {
  branch: { id: string; name: string; timezone: string }
  from: string
  to: string
  locale: Locale
  currency: Currency
  /** The audit's areas (the registry's), for the reports of the audits closed in the period. */
  auditAreas: readonly AuditArea[]
  /** The clock: what a report of an unfinished period counts as "now". */
  now: Date
}

export interface MadePackage {
  zip: Uint8Array
  index: IndexLine[]
  /** The ZIP's own name (`documents-<branch>-<from>-<to>.zip`, in ASCII). */
  fileName: string
}

/** The package's reader of the audit trail: an auditor of the whole center (what an audit report is written for). */
const AUDIT_READER: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  login: 'document-package',
  name: 'document-package',
  roles: ['auditor'],
  branchIds: [],
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** A branch's name in ASCII for a file name (its letters when Latin, else "branch"), plus a short id. */
export function fileStem(branch: { id: string; name: string }): string {
  const latin = branch.name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
  return `${latin || 'branch'}-${branch.id.slice(0, 8)}`
}

/** A report table as a PDF: each cell written as its column's kind says, in the reader's language. */
function reportTablePdf(table: ReportTable, title: string, lines: string[], locale: Locale, empty: string): Promise<Buffer> {
  const money = (n: number) => formatMoney(n, table.currency, locale)
  const cell = (kind: ColumnKind, v: string | number | null): string => {
    if (v === null || v === '') return ''
    switch (kind) {
      case 'money':
        return money(Number(v))
      case 'percent':
        return `${formatNumber(Number(v) / 100, locale)} %`
      case 'date':
        return formatDay(String(v), locale)
      case 'month':
        return formatMonthYear(String(v), locale)
      default:
        return String(v)
    }
  }
  const columns: PdfColumn[] = table.columns.map((c) => ({
    label: c.label,
    align: c.kind === 'text' || c.kind === 'month' || c.kind === 'date' ? 'left' : 'right',
  }))
  const totals = table.columns.map((c, i) =>
    c.kind === 'money' ? money(table.rows.reduce((n, r) => n + Number(r[i] ?? 0), 0)) : '',
  )
  totals[0] = translatorFor(locale).t('passes.pdf.total')
  return renderTablePdf(locale, {
    title,
    lines,
    columns,
    rows: table.rows.map((r) => r.map((v, i) => cell(table.columns[i].kind, v))),
    totals,
    empty,
  })
}

/**
 * Makes the document package of a branch and a period: every document as PDF in `locale`, the
 * index (`index.csv`, first in the ZIP) and the ZIP, every PDF and entry stamped with the period's
 * last day so that the same records give the same bytes. Each kind is read in a few queries for the
 * whole period (never one per document); PDFs are drawn one after the other.
 */
export async function makePackage(db: Queryable, input: PackageInput): Promise<MadePackage> {
  const { branch, from, to, locale, currency } = input
  const tz = branch.timezone
  const { t } = translatorFor(locale)
  const end = new Date(zonedDateTime(addDays(to, 1), '00:00', tz))
  const start = new Date(zonedDateTime(from, '00:00', tz))
  // the instant every document is stamped with: the period's last second
  const stamp = new Date(end.getTime() - 1000)
  const entries: ZipEntry[] = []
  const index: IndexLine[] = []
  const add = async (file: string, pdf: Uint8Array, line: Omit<IndexLine, 'file' | 'sha256'>) => {
    const data = stablePdf(pdf, stamp)
    entries.push({ name: file, data })
    index.push({ file, ...line, sha256: sha256(data) })
    // drawing is synchronous work: let the server answer its requests between two documents
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  const periodWords = t('docPackage.period', { from: formatDay(from, locale), to: formatDay(to, locale) })

  // invoices and receipts
  for (const doc of await invoicesOfPeriod(db, branch.id, from, to))
    await add(`invoices/${doc.invoice.year}-${pad(doc.invoice.number, 6)}.pdf`, await invoicePdf(doc, locale), {
      kind: 'invoice',
      number: doc.number,
      date: doc.invoice.issuedOn,
      party: doc.client.name,
      amount: doc.invoice.total,
    })
  let seq = 0
  for (const { payment, data } of await receiptsOfPeriod(db, branch.id, from, to))
    await add(`receipts/${payment.day}-${pad(++seq, 4)}.pdf`, await receiptPdf(data, payment, locale), {
      kind: 'receipt',
      number: data.number,
      date: payment.day,
      party: data.client.name,
      amount: payment.amount + payment.credit,
    })

  // the cash desk's days
  for (const day of await cashDeskDaysOf(db, branch.id, from, to))
    await add(`cash-desk/${day.day}.pdf`, await cashDeskPdf(day, branch, currency, locale, day.closedByName), {
      kind: 'cashDesk',
      number: day.day,
      date: day.day,
      party: '',
      amount: day.net,
    })

  // the tax report of the period
  const vat = await vatReport(db, { branchIds: [branch.id], from, to, currency })
  await add(
    'tax-report.pdf',
    await reportTablePdf(
      vatTable(vat, locale),
      t('docPackage.tax.title'),
      [branch.name, periodWords],
      locale,
      t('docPackage.tax.nothing'),
    ),
    { kind: 'taxReport', number: `${from}/${to}`, date: to, party: '', amount: vat.totals.vat },
  )

  // payroll and payslips, and production control: of each whole month of the period
  const months = monthsWithin(from, to)
  for (const month of months) {
    const payroll = await readPayroll(db, branch.id, month)
    await add(`payroll/${month}/payroll.pdf`, await payrollSheetPdf(payroll, locale), {
      kind: 'payroll',
      number: month,
      date: `${month}-01`,
      party: '',
      amount: payroll.total,
    })
    let n = 0
    for (const e of payroll.employees)
      await add(`payroll/${month}/payslip-${pad(++n, 3)}.pdf`, await payslipPdf(payroll, e, locale), {
        kind: 'payslip',
        number: month,
        date: `${month}-01`,
        party: e.name,
        amount: e.total,
      })
  }

  // stock: the ledger's movements and the inventory counts
  const moves = await stockMovementsOfPeriod(db, branch.id, from, to, tz)
  await add(
    'stock/movements.pdf',
    await stockMovementsPdf(moves, { branch: branch.name, from, to, timeZone: tz, currency }, locale),
    {
      kind: 'stockMovements',
      number: `${from}/${to}`,
      date: to,
      party: '',
      amount: moves.reduce((n, m) => n + m.quantity * m.unitCost, 0),
    },
  )
  let c = 0
  for (const count of await inventoryResultsOfPeriod(db, branch.id, from, to, tz)) {
    const day = localDateTime(tz, count.postedAt).date
    await add(
      `stock/inventory-${day}-${pad(++c, 3)}.pdf`,
      await inventoryResultPdf(count, { branch: branch.name, timeZone: tz, currency }, locale),
      {
        kind: 'inventory',
        number: count.documentId,
        date: day,
        party: '',
        amount: count.value,
      },
    )
  }

  for (const month of months) {
    const monthEnd = new Date(zonedDateTime(addDays(`${month}-${lastDayOf(month)}`, 1), '00:00', tz))
    const report = await productionControlReport(
      db,
      branch.id,
      month,
      new Date(Math.min(input.now.getTime(), monthEnd.getTime())),
    )
    await add(`production-control/${month}.pdf`, await productionControlPdf(report, locale), {
      kind: 'productionControl',
      number: month,
      date: `${month}-01`,
      party: '',
      amount: null,
    })
  }

  // the reports of the audits closed in the period (the whole center's trail)
  for (const id of await auditsClosedBetween(db, start, end)) {
    const made = await closedAuditReportPdf(db, input.auditAreas, id, AUDIT_READER, locale, t('docPackage.madeBy'))
    if (!made) continue
    await add(`audits/audit-${pad(id, 4)}.pdf`, made.pdf, {
      kind: 'audit',
      number: String(id),
      date: localDateTime(tz, made.closedAt).date,
      party: made.closedBy ?? '',
      amount: null,
    })
  }

  const csv = indexCsv(index, currency, locale)
  const zip = stableZip([{ name: 'index.csv', data: Buffer.from(csv, 'utf8') }, ...entries], localDateTime(tz, stamp))
  return { zip, index, fileName: `documents-${fileStem(branch)}-${from}-${to}.zip` }
}

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number)
  return pad(new Date(Date.UTC(y, m, 0)).getUTCDate(), 2)
}

/**
 * The package's index as CSV (UTF-8 with a BOM), headings and kinds in the center's language: file,
 * document, number, date, client or employee, amount in minor units and as written, SHA-256.
 */
export function indexCsv(lines: readonly IndexLine[], currency: Currency, locale: Locale): string {
  const { t } = translatorFor(locale)
  return toCsv(
    [
      t('docPackage.index.file'),
      t('docPackage.index.kind'),
      t('docPackage.index.number'),
      t('docPackage.index.date'),
      t('docPackage.index.party'),
      t('docPackage.index.amountMinor'),
      t('docPackage.index.amount'),
      t('docPackage.index.sha256'),
    ],
    lines.map((l) => [
      l.file,
      t(`docPackage.kind.${l.kind}`),
      l.number,
      l.date,
      l.party,
      l.amount,
      l.amount === null ? '' : formatMoney(l.amount, currency, locale),
      l.sha256,
    ]),
    { bom: true },
  )
}
