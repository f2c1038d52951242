import { formatDate, formatMoney, formatNumber, type Currency } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import { scriptRuns } from '../../pdf/faces'
import { openPdf } from '../../pdf/open'

/** What a purchase order's PDF shows. */
export interface OrderPdfData {
  number: string
  /** When it is sent (the order's date on the page). */
  date: Date
  timeZone: string
  currency: Currency
  supplier: { name: string; contact: string; phone: string; email: string }
  branch: { name: string; address: string; phone: string | null }
  lines: Array<{
    productName: string
    sku: string
    unit: string
    storeName: string
    quantity: number
    unitCost: number
    total: number
  }>
  total: number
}

const face = (armenian: boolean, bold: boolean) => (armenian ? (bold ? 'armenianBold' : 'armenian') : bold ? 'bold' : 'regular')

/**
 * A purchase order as PDF in the center's language: the number and date, the supplier (name,
 * contact, phone, email), where to deliver (the branch, its address and phone), a table of the
 * lines (product, SKU, quantity with its unit, unit price, amount; the store when the order serves
 * several) and the total, amounts right-aligned. Text in runs of one script, each in its face.
 */
export async function purchaseOrderPdf(data: OrderPdfData, locale: Locale): Promise<Buffer> {
  const tr = translatorFor(locale)
  const t = tr.t.bind(tr)
  const money = (n: number) => formatMoney(n, data.currency, locale)
  const title = t('purchasing.pdf.title', { number: data.number })
  const severalStores = new Set(data.lines.map((l) => l.storeName)).size > 1
  const { pdf, bytes } = openPdf({ size: 'A4', margin: 50, lang: locale, info: { Title: title } })
  const left = pdf.page.margins.left
  const right = pdf.page.width - pdf.page.margins.right
  const write = (text: string, bold = false, continued = false) => {
    const runs = scriptRuns(text)
    if (!runs.length) runs.push({ text: '', armenian: false })
    runs.forEach((r, i) => pdf.font(face(r.armenian, bold)).text(r.text, { continued: continued || i < runs.length - 1 }))
  }
  const widthOf = (text: string, bold: boolean) =>
    scriptRuns(text).reduce((w, r) => w + pdf.font(face(r.armenian, bold)).widthOfString(r.text), 0)
  /** Draws text in a cell at y, cut to `width` with an ellipsis; aligned left or right. */
  const cell = (text: string, x: number, y: number, width: number, align: 'left' | 'right', bold = false) => {
    let s = text
    while (s.length > 1 && widthOf(s, bold) > width) s = s.slice(0, -2) + '…'
    let at = align === 'right' ? x + width - widthOf(s, bold) : x
    for (const r of scriptRuns(s)) {
      pdf.font(face(r.armenian, bold)).text(r.text, at, y, { lineBreak: false })
      at += pdf.widthOfString(r.text)
    }
  }
  const rule = () => {
    pdf.moveTo(left, pdf.y).lineTo(right, pdf.y).lineWidth(0.5).strokeColor('#999999').stroke()
  }
  const label = (name: string, value: string) => {
    write(`${name}: `, true, true)
    write(value)
  }

  pdf.fontSize(18)
  write(title, true)
  pdf.fontSize(10).moveDown(0.3)
  label(t('purchasing.pdf.date'), formatDate(data.date, locale, data.timeZone))
  pdf.moveDown(0.6)
  write(t('purchasing.pdf.supplier'), true)
  write(data.supplier.name)
  for (const line of [data.supplier.contact, data.supplier.phone, data.supplier.email]) if (line) write(line)
  pdf.moveDown(0.6)
  write(t('purchasing.pdf.deliverTo'), true)
  write(data.branch.name)
  if (data.branch.address) write(data.branch.address)
  if (data.branch.phone) write(data.branch.phone)
  pdf.moveDown(1)

  // the table: product (SKU below it) | quantity | unit price | amount
  const width = right - left
  const cols = { product: width * 0.46, quantity: width * 0.16, unitCost: width * 0.18, total: width * 0.2 }
  const xQuantity = left + cols.product
  const xUnitCost = xQuantity + cols.quantity
  const xTotal = xUnitCost + cols.unitCost
  const lineHeight = pdf.currentLineHeight(true)
  let y = pdf.y
  cell(t('purchasing.pdf.product'), left, y, cols.product - 8, 'left', true)
  cell(t('purchasing.pdf.quantity'), xQuantity, y, cols.quantity - 8, 'right', true)
  cell(t('purchasing.pdf.unitCost'), xUnitCost, y, cols.unitCost - 8, 'right', true)
  cell(t('purchasing.pdf.lineTotal'), xTotal, y, cols.total, 'right', true)
  pdf.x = left
  pdf.y = y + lineHeight + 2
  rule()
  pdf.y += 4
  for (const l of data.lines) {
    if (pdf.y + lineHeight * 3 > pdf.page.height - pdf.page.margins.bottom) pdf.addPage()
    y = pdf.y
    cell(l.productName, left, y, cols.product - 8, 'left')
    cell(`${formatNumber(l.quantity, locale)} ${l.unit}`, xQuantity, y, cols.quantity - 8, 'right')
    cell(money(l.unitCost), xUnitCost, y, cols.unitCost - 8, 'right')
    cell(money(l.total), xTotal, y, cols.total, 'right')
    const under = [`${t('purchasing.pdf.sku')}: ${l.sku}`, severalStores ? `${t('purchasing.pdf.store')}: ${l.storeName}` : '']
    pdf.fillColor('#555555').fontSize(8)
    cell(under.filter(Boolean).join(' · '), left, y + lineHeight, cols.product - 8, 'left')
    pdf.fillColor('black').fontSize(10)
    pdf.x = left
    pdf.y = y + lineHeight * 2 + 4
  }
  rule()
  pdf.y += 6
  y = pdf.y
  cell(t('purchasing.pdf.total'), xUnitCost, y, cols.unitCost - 8, 'right', true)
  cell(money(data.total), xTotal, y, cols.total, 'right', true)
  pdf.end()
  return bytes
}
