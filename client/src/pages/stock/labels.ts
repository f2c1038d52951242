import { formatMoney, formatNumber, type Currency } from '../../../../domain/i18n/format'
import { isMessageId } from '../../../../domain/i18n/catalogue'
import { currentCenter } from '../../data/auth'
import { currentLocale, t } from '../../i18n/locale'

/** The center's currency (AMD when the server did not say). */
export const currency = (): Currency => currentCenter()?.currency ?? 'AMD'

/** Minor units as money in the center's currency and the language shown. */
export const money = (minor: number | null | undefined): string =>
  formatMoney(Math.round(minor ?? 0), currency(), currentLocale())

/** A quantity in the language shown. */
export const count = (n: number): string => formatNumber(n, currentLocale())

/** A catalogue word for a value of the server's (a kind, a status), or the value itself if there is none. */
function word(prefix: string, value: string): string {
  const id = `${prefix}${value}`
  return isMessageId(id) ? t(id) : value
}

export const docKindLabel = (kind: string) => word('stock.kind.', kind)
export const productKindLabel = (kind: string) => word('stock.productKind.', kind)
export const docStatusLabel = (status: string) => word('stock.status.', status)
export const requestStatusLabel = (status: string) => word('stock.screens.purchasing.request.', status)
export const orderStatusLabel = (status: string) => word('stock.screens.purchasing.order.', status)

/** What a user's roles may do on the stock screens (mirrors server/modules/stock/policies.ts; the server decides). */
export function stockAbilities(roles: readonly string[]) {
  const has = (...r: string[]) => roles.some((x) => r.includes(x))
  return {
    keep: has('owner', 'manager', 'storekeeper'),
    read: has('owner', 'manager', 'storekeeper', 'accountant', 'auditor'),
  }
}
