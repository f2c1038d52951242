import { formatDateTime, formatDay, formatMoney, formatNumber, type Currency } from '../../../../domain/i18n/format'
import type { Locale } from '../../../../domain/i18n/locales'
import { translatorFor } from '../../../../domain/i18n/translator'
import { renderTablePdf } from '../../../pdf/table'
import type { CashDeskDay } from '../queries/cash-desk'

/**
 * A branch's cash-desk day as PDF in the reader's language: closed or not (when, by whom), what
 * each cashier took by method and gave back, the totals, and the day's net (cash, card and
 * transfer less refunds; paying from a client's credit moves no money).
 */
export function cashDeskPdf(
  d: CashDeskDay,
  branch: { name: string; timezone: string },
  currency: Currency,
  locale: Locale,
  closedByName?: string | null,
): Promise<Buffer> {
  const { t } = translatorFor(locale)
  const money = (n: number) => formatMoney(n, currency, locale)
  const out = (r: { cash: number; card: number; transfer: number }) => r.cash + r.card + r.transfer
  const title = t('docPackage.cashDesk.title', { day: formatDay(d.day, locale) })
  return renderTablePdf(locale, {
    title,
    lines: [
      branch.name,
      d.closed && d.closedAt
        ? t('docPackage.cashDesk.closed', {
            at: formatDateTime(new Date(d.closedAt), locale, branch.timezone),
            who: closedByName ?? '',
          })
        : t('docPackage.cashDesk.open'),
    ],
    columns: [
      { label: t('docPackage.cashDesk.cashier'), weight: 2.2 },
      { label: t('docPackage.cashDesk.payments'), align: 'right', weight: 0.8 },
      { label: t('passes.method.cash'), align: 'right' },
      { label: t('passes.method.card'), align: 'right' },
      { label: t('passes.method.transfer'), align: 'right' },
      { label: t('passes.method.credit'), align: 'right' },
      { label: t('docPackage.cashDesk.refunds'), align: 'right' },
    ],
    rows: d.byUser.map((u) => [
      u.name,
      formatNumber(u.payments, locale),
      money(u.taken.cash),
      money(u.taken.card),
      money(u.taken.transfer),
      money(u.taken.credit),
      money(out(u.refunds)),
    ]),
    totals: [
      t('passes.pdf.total'),
      formatNumber(d.payments, locale),
      money(d.taken.cash),
      money(d.taken.card),
      money(d.taken.transfer),
      money(d.taken.credit),
      money(out(d.refunds)),
    ],
    empty: t('docPackage.cashDesk.nothing'),
    summary: [[t('docPackage.cashDesk.net'), money(d.net)]],
  })
}
