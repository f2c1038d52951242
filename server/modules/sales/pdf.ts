import type { z } from '@hono/zod-openapi'
import { renderPdf } from '../../pdf/document'
import { formatDateTime, formatMoney, formatNumber, type Currency } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import type { SaleSchema } from './schemas'

type Sale = z.infer<typeof SaleSchema>

/**
 * A sale's receipt as PDF in the reader's language: the branch, the buyer (or a walk-in), when and
 * how it was paid, each line (quantity × price, its VAT), the totals, and any returns with what
 * was given back. The amounts are right-aligned; Armenian runs in their face (server/pdf/faces.ts).
 */
export function saleReceiptPdf(sale: Sale, branch: { address: string; phone: string | null }, locale: Locale): Promise<Buffer> {
  const tr = translatorFor(locale)
  const money = (n: number) => formatMoney(n, sale.currency as Currency, locale)
  const title = tr.t('sales.receipt.title', { number: sale.number })
  return renderPdf(locale, title, ({ pdf, write, row, rule }) => {
    const taxLabel = (bp: number, mode: string) =>
      mode === 'exempt' || !bp
        ? tr.t('sales.receipt.taxExempt')
        : tr.t(mode === 'included' ? 'sales.receipt.taxIncluded' : 'sales.receipt.taxAdded', { rate: bp / 100 })

    pdf.fontSize(18)
    write(title, true)
    pdf.fontSize(10).moveDown(0.4)
    write(sale.branchName, true)
    if (branch.address) write(branch.address)
    if (branch.phone) write(branch.phone)
    pdf.moveDown(0.6)
    write(`${tr.t('sales.receipt.buyer')}: ${sale.client?.name || tr.t('sales.walkIn')}`)
    write(`${tr.t('sales.receipt.paidAt')}: ${formatDateTime(new Date(sale.at), locale, sale.timezone)}`)
    write(`${tr.t('sales.receipt.method')}: ${tr.t(`sales.method.${sale.method as 'cash'}`)}`)
    rule()
    for (const l of sale.lines) {
      write(l.description, true)
      row(`${formatNumber(l.quantity, locale)} × ${money(l.unitPrice)}`, money(l.gross))
      const tax = taxLabel(l.taxRateBp, l.taxMode)
      row(tax.charAt(0).toLocaleUpperCase(locale) + tax.slice(1), money(l.tax))
      pdf.moveDown(0.3)
    }
    rule()
    row(tr.t('sales.receipt.net'), money(sale.net))
    row(tr.t('sales.receipt.tax'), money(sale.tax))
    row(tr.t('sales.receipt.total'), money(sale.total), true)
    if (sale.returns.length) {
      rule()
      for (const r of sale.returns)
        row(`${formatDateTime(new Date(r.at), locale, sale.timezone)} · ${tr.t('sales.receipt.returned')}`, money(-r.amount))
      row(tr.t('sales.receipt.kept'), money(sale.total - sale.refunded), true)
    }
  })
}
