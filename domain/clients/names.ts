import type { MessageId } from '../i18n/catalogue'
import type { Locale } from '../i18n/locales'
import { translatorFor } from '../i18n/translator'

/**
 * An erased client keeps no name: their row and file hold empty names beside the erasure's marker
 * (`clients.erased_at`, the file's `profile.erased`). Wherever a client's name is shown, an erased
 * one's reads as this message, in the reader's language (never stored as text).
 */
export const ERASED_CLIENT_NAME: MessageId = 'clients.erased.name'

/** A client's name as lists show it (first, then last name), from their row. */
export interface ClientNameParts {
  first: string
  last: string
  /** The client was erased (their row's `erased_at` is set). */
  erased: boolean
}

/**
 * A client's name in `locale`: first and last name, or an erased client's label.
 * @example clientName({ first: '', last: '', erased: true }, 'ru') // 'Удалённый клиент'
 */
export function clientName(c: ClientNameParts, locale: Locale): string {
  return c.erased ? translatorFor(locale).t(ERASED_CLIENT_NAME) : `${c.first} ${c.last}`
}
