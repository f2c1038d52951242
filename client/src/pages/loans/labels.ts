import type { MessageId } from '../../../../domain/i18n/catalogue'
import { formatDate, formatDateTime, formatNumber } from '../../../../domain/i18n/format'
import type { LoanCondition, LoanStatus } from '../../data/loans'
import { currentLocale, t } from '../../i18n/locale'

/** Words and formats of the loans screens. */
export const statusLabel = (s: LoanStatus) => t(`loans.status.${s}` as MessageId)
export const conditionLabel = (c: LoanCondition) => t(`loans.condition.${c}` as MessageId)
/** A stock document kind in words (receipt, sale, loan…: the stock area's catalogue). */
export const docKindLabel = (kind: string) => t(`stock.kind.${kind}` as MessageId)
/** A day (YYYY-MM-DD) as the reader writes it. */
export const dayText = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`), currentLocale(), 'UTC')
/** The day of a moment (ISO date-time), in the reader's clock, as the reader writes it. */
export const dayOf = (iso: string) => formatDate(new Date(iso), currentLocale(), localZone())
export const whenText = (iso: string, timeZone: string) => formatDateTime(new Date(iso), currentLocale(), timeZone)
export const num = (n: number) => formatNumber(n, currentLocale())
/** A signed quantity: +3, −2. */
export const signed = (n: number) => (n > 0 ? `+${num(n)}` : `−${num(-n)}`)
/** The browser's time zone (the trace's times: the reader's clock). */
export const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
