import { join } from 'node:path'
import PDFDocument from 'pdfkit'
import type { MessageId, MessageParams } from '../../../../domain/i18n/catalogue'
import { formatDateTime, formatDay, formatMoney } from '../../../../domain/i18n/format'
import type { Locale } from '../../../../domain/i18n/locales'
import { translatorFor } from '../../../../domain/i18n/translator'
import { ROOT } from '../../../paths'
import type { PaymentRow } from '../queries/invoices'
import type { DocumentData } from '../queries/invoices-documents'

/** The embedded faces (server/assets/fonts, SIL OFL): Noto Sans, and Noto Sans Armenian for Armenian runs. */
const FONTS = join(ROOT, 'server', 'assets', 'fonts')
const FACES = {
  regular: join(FONTS, 'NotoSans-Regular.ttf'),
  bold: join(FONTS, 'NotoSans-Bold.ttf'),
  armenian: join(FONTS, 'NotoSansArmenian-Regular.ttf'),
  armenianBold: join(FONTS, 'NotoSansArmenian-Bold.ttf'),
} as const
const ARMENIAN = /[\u0530-\u058F\uFB13-\uFB17]/u
const SPACE = /\s/u

/** A text cut into runs of one script (Armenian, the rest), each drawn with a face that has its letters. */
function scriptRuns(text: string): Array<{ text: string; armenian: boolean }> {
  const runs: Array<{ text: string; armenian: boolean }> = []
  for (const ch of text) {
    const last = runs[runs.length - 1]
    const armenian = SPACE.test(ch) && last ? last.armenian : ARMENIAN.test(ch)
    if (last && last.armenian === armenian) last.text += ch
    else runs.push({ text: ch, armenian })
  }
  return runs
}

type Pdf = InstanceType<typeof PDFDocument>

/** A document in the reader's language: header (center's branch), parties, then `body`. */
function render(
  data: DocumentData,
  locale: Locale,
  title: string,
  body: (k: { pdf: Pdf; t: (id: MessageId, p?: MessageParams) => string; write: Write; money: (n: number) => string }) => void,
): Promise<Buffer> {
  const tr = translatorFor(locale)
  const t = (id: MessageId, p?: MessageParams) => tr.t(id, p)
  const money = (n: number) => formatMoney(n, data.currency, locale)
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 50, lang: locale, info: { Title: title } })
    pdf.registerFont('regular', FACES.regular)
    pdf.registerFont('bold', FACES.bold)
    pdf.registerFont('armenian', FACES.armenian)
    pdf.registerFont('armenianBold', FACES.armenianBold)
    const chunks: Buffer[] = []
    pdf.on('data', (c: Buffer) => chunks.push(c))
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)
    const write: Write = (text, bold = false, opts = {}) => {
      const runs = scriptRuns(text)
      if (!runs.length) runs.push({ text: '', armenian: false })
      runs.forEach((r, i) =>
        pdf
          .font(r.armenian ? (bold ? 'armenianBold' : 'armenian') : bold ? 'bold' : 'regular')
          .text(r.text, { ...opts, continued: (opts.continued ?? false) || i < runs.length - 1 }),
      )
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
    write(data.client.name)
    if (inv.payerName && inv.payerName !== data.client.name) {
      write(`${t('passes.pdf.payer')}: `, true, { continued: true })
      write([inv.payerName, inv.payerPhone].filter(Boolean).join(', '))
    }
    write(`${t('passes.pdf.issuedOn')}: `, true, { continued: true })
    write(formatDay(inv.issuedOn, locale))
    write(`${t('passes.pdf.dueOn')}: `, true, { continued: true })
    write(formatDay(inv.dueOn, locale))
    pdf.moveDown(0.8)
    body({ pdf, t, write, money })
    pdf.end()
  })
}

type Write = (text: string, bold?: boolean, opts?: { continued?: boolean; align?: 'left' | 'right' }) => void

const taxLabel = (t: (id: MessageId, p?: MessageParams) => string, bp: number, mode: string) =>
  mode === 'exempt' || !bp
    ? t('passes.pdf.taxExempt')
    : t(mode === 'included' ? 'passes.pdf.taxIncluded' : 'passes.pdf.taxAdded', { rate: bp / 100 })

/**
 * An invoice as PDF in the reader's language: the branch, the client or paying guardian, each line
 * with its discount and tax, the totals, what was paid (by method) and refunded, what is due.
 */
export function invoicePdf(data: DocumentData, locale: Locale): Promise<Buffer> {
  const tr = translatorFor(locale)
  const title = tr.t('passes.pdf.invoiceTitle', { number: data.number })
  return render(data, locale, title, ({ pdf, t, write, money }) => {
    const inv = data.invoice
    if (inv.status === 'cancelled') {
      pdf.fillColor('#b00020')
      write(t('passes.pdf.cancelled'), true)
      pdf.fillColor('black').moveDown(0.4)
    }
    for (const l of data.lines) {
      write(l.description, true)
      write(`${t('passes.pdf.price')}: ${money(l.unitPrice)}`)
      if (l.discount > 0)
        write(
          `${t('passes.pdf.discount')}: −${money(l.discount)}${l.discountReason ? ` (${t(l.discountReason === 'sibling' ? 'passes.discount.sibling' : 'passes.discount.multiActivity')})` : ''}`,
        )
      write(
        `${t('passes.pdf.net')}: ${money(l.net)} · ${taxLabel(t, l.taxRateBp, l.taxMode)}: ${money(l.tax)} · ${t('passes.pdf.gross')}: ${money(l.gross)}`,
      )
      pdf.moveDown(0.4)
    }
    pdf.moveDown(0.4)
    write(`${t('passes.pdf.net')}: ${money(inv.net)}`)
    write(`${t('passes.pdf.tax')}: ${money(inv.tax)}`)
    write(`${t('passes.pdf.total')}: ${money(inv.total)}`, true)
    pdf.moveDown(0.4)
    for (const p of data.payments)
      write(
        `${formatDay(p.day, locale)} · ${t(`passes.method.${p.method as 'cash'}`)} · ${money(p.amount)}${p.credit ? ` (+${money(p.credit)} ${t('passes.pdf.keptAsCredit')})` : ''}`,
      )
    for (const r of data.refunds) write(`${formatDay(r.day, locale)} · ${t('passes.pdf.refund')} · −${money(r.amount)}`)
    write(`${t('passes.pdf.paid')}: ${money(inv.paid)}`)
    write(`${t('passes.pdf.due')}: ${money(inv.due)}`, true)
  })
}

/** A payment's receipt as PDF in the reader's language: the invoice it paid, amount, method, what is still due. */
export function receiptPdf(data: DocumentData, payment: PaymentRow, locale: Locale): Promise<Buffer> {
  const tr = translatorFor(locale)
  const title = tr.t('passes.pdf.receiptTitle', { number: data.number })
  return render(data, locale, title, ({ t, write, money }) => {
    write(`${t('passes.pdf.paidAt')}: `, true, { continued: true })
    write(formatDateTime(payment.at, locale, data.branch.timezone))
    write(`${t('passes.pdf.method')}: `, true, { continued: true })
    write(t(`passes.method.${payment.method as 'cash'}`))
    write(`${t('passes.pdf.amount')}: `, true, { continued: true })
    write(money(payment.amount + payment.credit))
    if (payment.credit > 0) write(`${t('passes.pdf.keptAsCredit')}: ${money(payment.credit)}`)
    for (const l of data.lines) write(`${l.description} · ${taxLabel(t, l.taxRateBp, l.taxMode)}: ${money(l.tax)}`)
    write(`${t('passes.pdf.total')}: ${money(data.invoice.total)}`)
    write(`${t('passes.pdf.due')}: ${money(data.invoice.due)}`, true)
  })
}
