import { scriptRuns } from '../../../pdf/faces'
import { openPdf, type Pdf } from '../../../pdf/open'
import type { MessageId, MessageParams } from '../../../../domain/i18n/catalogue'
import { formatDateTime, formatDay, formatMoney } from '../../../../domain/i18n/format'
import type { Locale } from '../../../../domain/i18n/locales'
import { translatorFor } from '../../../../domain/i18n/translator'
import type { PaymentRow } from '../queries/invoices'
import type { DocumentData } from '../queries/invoices-documents'
import { todayIn } from '../pass-alerts'
import { contentDisposition } from '../../../http/disposition'

/** The embedded faces (server/assets/fonts, SIL OFL): Noto Sans, and Noto Sans Armenian for Armenian runs. */ type Tr = (
  id: MessageId,
  p?: MessageParams,
) => string

/** Writes text in the flow, each run of one script in its face (`continued` keeps the line open). */
type Write = (text: string, bold?: boolean, opts?: { continued?: boolean }) => void
/** A line of the totals: the label at the left, the amount right-aligned at the right margin. */
type Row = (label: string, amount: string, bold?: boolean) => void

interface Kit {
  pdf: Pdf
  t: Tr
  write: Write
  row: Row
  money: (n: number) => string
  /** A thin rule across the page. */
  rule: () => void
}

const face = (armenian: boolean, bold: boolean) => (armenian ? (bold ? 'armenianBold' : 'armenian') : bold ? 'bold' : 'regular')

/**
 * A document in the reader's language: the title, the branch (name, address, phone), the client
 * and the paying guardian, the invoice's dates (`dueOn` on the invoice only), then `body`.
 */
async function render(
  data: DocumentData,
  locale: Locale,
  title: string,
  opts: { dueOn: boolean },
  body: (k: Kit) => void,
): Promise<Buffer> {
  const tr = translatorFor(locale)
  const t: Tr = (id, p) => tr.t(id, p)
  const money = (n: number) => formatMoney(n, data.currency, locale)
  const { pdf, bytes } = openPdf({ size: 'A4', margin: 50, lang: locale, info: { Title: title } })
  const write: Write = (text, bold = false, opts = {}) => {
    const runs = scriptRuns(text)
    if (!runs.length) runs.push({ text: '', armenian: false })
    runs.forEach((r, i) =>
      pdf.font(face(r.armenian, bold)).text(r.text, { continued: (opts.continued ?? false) || i < runs.length - 1 }),
    )
  }
  const left = pdf.page.margins.left
  const right = pdf.page.width - pdf.page.margins.right
  /** Draws runs from x on the line at y (no wrapping); returns the width drawn. */
  const drawAt = (text: string, x: number, y: number, bold: boolean) => {
    let at = x
    for (const r of scriptRuns(text)) {
      pdf.font(face(r.armenian, bold)).text(r.text, at, y, { lineBreak: false })
      at += pdf.widthOfString(r.text)
    }
    return at - x
  }
  const widthOf = (text: string, bold: boolean) =>
    scriptRuns(text).reduce((w, r) => w + pdf.font(face(r.armenian, bold)).widthOfString(r.text), 0)
  const row: Row = (label, amount, bold = false) => {
    // a label too long to share its line with the amount wraps above it
    if (widthOf(label, bold) > right - left - widthOf(amount, bold) - 24) {
      write(label, bold)
      label = ''
    }
    const y = pdf.y
    drawAt(label, left, y, bold)
    drawAt(amount, right - widthOf(amount, bold), y, bold)
    pdf.x = left
    pdf.y = y + pdf.currentLineHeight(true)
  }
  const rule = () => {
    pdf.moveDown(0.4)
    pdf.moveTo(left, pdf.y).lineTo(right, pdf.y).lineWidth(0.5).strokeColor('#999999').stroke()
    pdf.moveDown(0.4)
  }
  pdf.fontSize(18)
  write(title, true)
  pdf.fontSize(10).moveDown(0.4)
  write(data.branch.name, true)
  if (data.branch.address) write(data.branch.address)
  if (data.branch.phone) write(data.branch.phone)
  pdf.moveDown(0.6)
  const inv = data.invoice
  write(`${t('passes.pdf.client')}: `, true, { continued: true })
  write([data.client.name, data.client.phone].filter(Boolean).join(', '))
  if (inv.payerName && inv.payerName !== data.client.name) {
    write(`${t('passes.pdf.payer')}: `, true, { continued: true })
    write([inv.payerName, inv.payerPhone].filter(Boolean).join(', '))
  }
  write(`${t('passes.pdf.issuedOn')}: `, true, { continued: true })
  write(formatDay(inv.issuedOn, locale))
  if (opts.dueOn) {
    write(`${t('passes.pdf.dueOn')}: `, true, { continued: true })
    write(formatDay(inv.dueOn, locale))
  }
  rule()
  body({ pdf, t, write, row, money, rule })
  pdf.end()
  return bytes
}

const taxLabel = (t: Tr, bp: number, mode: string) =>
  mode === 'exempt' || !bp
    ? t('passes.pdf.taxExempt')
    : t(mode === 'included' ? 'passes.pdf.taxIncluded' : 'passes.pdf.taxAdded', { rate: bp / 100 })

/**
 * An invoice as PDF in the reader's language: the branch, the client or paying guardian, each line
 * with its price, discount, net, tax and gross, the totals (net, VAT, total), what was paid (by
 * method) and refunded, what is due; the amounts right-aligned.
 */
export function invoicePdf(data: DocumentData, locale: Locale): Promise<Buffer> {
  const tr = translatorFor(locale)
  const title = tr.t('passes.pdf.invoiceTitle', { number: data.number })
  return render(data, locale, title, { dueOn: true }, ({ pdf, t, write, row, money, rule }) => {
    const inv = data.invoice
    if (inv.status === 'cancelled') {
      pdf.fillColor('#b00020')
      write(t('passes.pdf.cancelled'), true)
      pdf.fillColor('black').moveDown(0.4)
    }
    for (const l of data.lines) {
      write(l.description, true)
      row(t('passes.pdf.price'), money(l.unitPrice))
      if (l.discount > 0)
        row(
          `${t('passes.pdf.discount')}${l.discountReason ? ` (${t(l.discountReason === 'sibling' ? 'passes.discount.sibling' : 'passes.discount.multiActivity')})` : ''}`,
          money(-l.discount),
        )
      row(t('passes.pdf.net'), money(l.net))
      // (a label that starts the line: "ներառյալ ԱԱՀ 20%" reads "Ներառյալ ԱԱՀ 20%")
      const tax = taxLabel(t, l.taxRateBp, l.taxMode)
      row(tax.charAt(0).toLocaleUpperCase(locale) + tax.slice(1), money(l.tax))
      row(t('passes.pdf.gross'), money(l.gross))
      pdf.moveDown(0.4)
    }
    rule()
    row(t('passes.pdf.net'), money(inv.net))
    row(t('passes.pdf.tax'), money(inv.tax))
    row(t('passes.pdf.total'), money(inv.total), true)
    if (data.payments.length || data.refunds.length) rule()
    for (const p of data.payments)
      row(
        `${formatDay(p.day, locale)} · ${t(`passes.method.${p.method as 'cash'}`)}${p.credit ? ` (+${money(p.credit)} ${t('passes.pdf.keptAsCredit')})` : ''}`,
        money(p.amount),
      )
    for (const r of data.refunds) row(`${formatDay(r.day, locale)} · ${t('passes.pdf.refund')}`, money(-r.amount))
    rule()
    row(t('passes.pdf.paid'), money(inv.paid))
    row(t('passes.pdf.due'), money(inv.due), true)
  })
}

/**
 * A payment's receipt as PDF in the reader's language: the invoice it paid, when (its cash-desk
 * day; with the time when it was taken that day), the method, the amount, each line's VAT, the
 * invoice's total and what is still due.
 */
export function receiptPdf(data: DocumentData, payment: PaymentRow, locale: Locale): Promise<Buffer> {
  const tr = translatorFor(locale)
  const title = tr.t('passes.pdf.receiptTitle', { number: data.number })
  const tz = data.branch.timezone
  // a back-dated payment was taken on its cash-desk day, not when it was typed in
  const when = todayIn(tz, payment.at) === payment.day ? formatDateTime(payment.at, locale, tz) : formatDay(payment.day, locale)
  return render(data, locale, title, { dueOn: false }, ({ t, write, row, money, rule }) => {
    write(`${t('passes.pdf.paidAt')}: `, true, { continued: true })
    write(when)
    write(`${t('passes.pdf.method')}: `, true, { continued: true })
    write(t(`passes.method.${payment.method as 'cash'}`))
    rule()
    row(t('passes.pdf.amount'), money(payment.amount + payment.credit), true)
    if (payment.credit > 0) row(t('passes.pdf.keptAsCredit'), money(payment.credit))
    for (const l of data.lines) row(`${l.description} · ${taxLabel(t, l.taxRateBp, l.taxMode)}`, money(l.tax))
    rule()
    row(t('passes.pdf.total'), money(data.invoice.total))
    row(t('passes.pdf.due'), money(data.invoice.due), true)
  })
}

/** The `content-disposition` of a PDF shown in the browser (its name in any script: server/http/disposition.ts). */
export const pdfDisposition = (fileName: string): string => contentDisposition(fileName, 'inline')
