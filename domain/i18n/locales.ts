/**
 * The languages Clubroom speaks: Armenian, Russian and English. English is the catalogues' source;
 * a center picks its default, each user their own (profile), and before login the browser decides.
 */
export const LOCALES = ['hy', 'ru', 'en'] as const
export type Locale = (typeof LOCALES)[number]

/** The language of last resort (the catalogues' source). */
export const SOURCE_LOCALE: Locale = 'en'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/**
 * The first of the wanted languages we speak (`hy-AM` → `hy`), else the fallback.
 * @example pickLocale(['de-DE', 'ru-RU', 'en'], 'hy') // 'ru'
 */
export function pickLocale(wanted: readonly string[], fallback: Locale): Locale {
  for (const tag of wanted) {
    const base = tag.trim().toLowerCase().split(/[-_]/)[0]
    if (isLocale(base)) return base
  }
  return fallback
}

/**
 * The languages of an Accept-Language header, most wanted first.
 * @example acceptedLanguages('ru-RU,ru;q=0.9,en;q=0.5') // ['ru-RU', 'ru', 'en']
 */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return []
  return header
    .split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(';')
      const q = rest.map((r) => /^q=([\d.]+)$/.exec(r.trim())?.[1]).find(Boolean)
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i }
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => l.tag)
}
