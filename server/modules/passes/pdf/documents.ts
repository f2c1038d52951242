import { renderPdf, type PdfPen } from '../../../pdf/document'
import type { MessageId, MessageParams } from '../../../../domain/i18n/catalogue'
import { formatDateTime, formatDay, formatMoney } from '../../../../domain/i18n/format'
import type { Locale } from '../../../../domain/i18n/locales'
import { translatorFor } from '../../../../domain/i18n/translator'
import type { PaymentRow } from '../queries/invoices'
import type { DocumentData } from '../queries/invoices-documents'
import { todayIn } from '../pass-alerts'
import { contentDisposition } from '../../../http/disposition'

type Tr = (id: MessageId, p?: MessageParams) => string

/** What a document's body draws with: the one-column pen (server/pdf/document.ts), the reader's words and money. */
interface Kit extends Pick<PdfPen, 'pdf' | 'write' | 'row' | 'rule'> {
  t: Tr
  money: (n: number) => string
}

/**
 * A document in the reader's language: the title, the branch (name, address, phone), the client
 * and the paying guardian, the invoice's dates (`dueOn` on the invoice only), then `body`.
 */
function render(
  data: DocumentData,
  locale: Locale,
  title: string,
  opts: { dueOn: boolean },
  body: (k: Kit) => void,
): Promise<Buffer> {
  const tr = translatorFor(locale)
  const t: Tr = (id, p) => tr.t(id, p)
  const money = (n: number) => formatMoney(n, data.currency, locale)
  return renderPdf(locale, title, ({ pdf, write, row, rule }) => {
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
  })
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
