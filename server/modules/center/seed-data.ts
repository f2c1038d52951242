import type { Currency } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'

/**
 * The demo center's settings by the demo's language (SEED_LOCALE): the Armenian center in Yerevan
 * speaks Armenian and counts in drams, the Russian one in Moscow Russian and roubles, the English
 * one in Berlin English and euros. The demo's owner sets them first (`center.configure`).
 */
export const DEMO_CENTER: Record<Locale, { defaultLocale: Locale; currency: Currency }> = {
  hy: { defaultLocale: 'hy', currency: 'AMD' },
  ru: { defaultLocale: 'ru', currency: 'RUB' },
  en: { defaultLocale: 'en', currency: 'EUR' },
}
