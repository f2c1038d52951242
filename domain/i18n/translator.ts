import { IntlMessageFormat } from 'intl-messageformat'
import type { Catalogue, Message, MessageId, MessageParams } from './catalogue'
import { CATALOGUES } from './catalogues'
import { SOURCE_LOCALE, type Locale } from './locales'

/** Renders messages in one language; a message missing in that language falls back to English. */
export interface Translator {
  readonly locale: Locale
  /**
   * The message `id` with its parameters, by the language's CLDR plural rules.
   * @example translatorFor('ru').t('lessons.count', { count: 21 }) // '21 занятие'
   */
  t(id: MessageId, params?: MessageParams): string
  /** A stored message (kind + parameters) in this language. */
  render(message: Message): string
}

const translators = new Map<string, Translator>()

/** The translator of a language (one per language and catalogue set, compiled messages cached). */
export function translatorFor(locale: Locale, catalogues: Record<Locale, Catalogue> = CATALOGUES): Translator {
  const key = catalogues === CATALOGUES ? locale : ''
  const known = key ? translators.get(key) : undefined
  if (known) return known
  const compiled = new Map<MessageId, IntlMessageFormat>()
  const format = (id: MessageId): IntlMessageFormat => {
    let f = compiled.get(id)
    if (!f) {
      const own = catalogues[locale][id]
      const text = own ?? catalogues[SOURCE_LOCALE][id] ?? String(id)
      f = new IntlMessageFormat(text, own === undefined ? SOURCE_LOCALE : locale, undefined, { ignoreTag: true })
      compiled.set(id, f)
    }
    return f
  }
  const translator: Translator = {
    locale,
    t(id, params) {
      const out = format(id).format(params)
      return Array.isArray(out) ? out.join('') : String(out)
    },
    render(message) {
      return translator.t(message.id, message.params)
    },
  }
  if (key) translators.set(key, translator)
  return translator
}
