import { asc, eq } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { perDatabase } from '../../../db/per-database'
import { branches, centerSettings } from '../../../db/schema/index'
import { CURRENCIES, type Currency } from '../../../domain/i18n/format'
import { isLocale, type Locale } from '../../../domain/i18n/locales'

/** The center's settings as the server uses them. */
export interface CenterSettings {
  defaultLocale: Locale
  currency: Currency
}

/** A new center's settings (the migration's row holds them too). */
export const NEW_CENTER: CenterSettings = { defaultLocale: 'hy', currency: 'AMD' }

/** How long another instance's change may take to be seen here (this instance's own: at once). */
export const CENTER_CACHE_MS = 30_000

const isCurrency = (v: unknown): v is Currency => typeof v === 'string' && (CURRENCIES as readonly string[]).includes(v)

/** The settings, read from the database (the one row; a new center's when it is missing). */
export async function loadCenterSettings(db: Queryable): Promise<CenterSettings> {
  const [row] = await db.select().from(centerSettings).where(eq(centerSettings.id, 1)).limit(1)
  return {
    defaultLocale: isLocale(row?.defaultLocale) ? row.defaultLocale : NEW_CENTER.defaultLocale,
    currency: isCurrency(row?.currency) ? row.currency : NEW_CENTER.currency,
  }
}

// per database (the app's handle): every request asks for the default language
const cached = perDatabase(loadCenterSettings, CENTER_CACHE_MS)

/**
 * The settings, from memory when read less than `CENTER_CACHE_MS` ago; a change made here
 * (`configureCenter`) replaces them at once.
 */
export const centerSettingsOf = (db: Queryable): Promise<CenterSettings> => cached.get(db)

/** Remembers the settings just written. */
export const rememberCenterSettings = (db: Queryable, settings: CenterSettings): void => cached.remember(db, settings)

/** The center's default language (cached). */
export const centerDefaultLocale = async (db: Queryable): Promise<Locale> => (await centerSettingsOf(db)).defaultLocale

/** The center's time zone: its first branch's (UTC before any branch exists). */
export async function centerTimeZone(db: Queryable): Promise<string> {
  const [b] = await db
    .select({ tz: branches.timezone })
    .from(branches)
    .orderBy(asc(branches.createdAt), asc(branches.name))
    .limit(1)
  return b?.tz ?? 'UTC'
}
