import type { MessageId, MessageParams } from '../../../domain/i18n/catalogue'
import { LOCALES, SOURCE_LOCALE, pickLocale, type Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'

/**
 * The language this tab shows. Before login the browser's languages decide; after login the
 * user's profile language (or the center's default). Changing it re-renders every open screen
 * that holds a LocaleController, without a reload; stored data never changes with it.
 */

type Listener = (locale: Locale) => void
const listeners = new Set<Listener>()

/** The language the browser asks for (the first of its languages we speak), else English. */
export const browserLocale = (): Locale =>
  pickLocale(typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]), SOURCE_LOCALE)

let current: Locale = browserLocale()
let translator = translatorFor(current)
if (typeof document !== 'undefined') document.documentElement.lang = current

/** The language shown now. */
export const currentLocale = (): Locale => current

/** Shows another language everywhere at once (the document's `lang` too). */
export function setLocale(locale: Locale): void {
  if (locale === current || !LOCALES.includes(locale)) return
  current = locale
  translator = translatorFor(locale)
  if (typeof document !== 'undefined') document.documentElement.lang = locale
  for (const l of listeners) l(locale)
}

/** Calls `listener` on every change of language; returns the disposer. */
export function subscribeLocale(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * A message in the language shown now. Call it while rendering (a component with a
 * LocaleController renders again when the language changes).
 * @example html`<button>${t('common.save')}</button>`
 */
export function t(id: MessageId, params?: MessageParams): string {
  return translator.t(id, params)
}
