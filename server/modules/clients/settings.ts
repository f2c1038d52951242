import { eq } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { settings } from '../../../db/schema/index'
import {
  DEFAULT_AGE_CATEGORIES,
  DEFAULT_REQUIRED_FIELDS,
  type AgeCategory,
  type RequirableField,
} from '../../../domain/clients/rules'

export const REGISTRATION_SETTINGS_KEY = 'clients.registration'

export interface RegistrationSettings {
  requiredFields: RequirableField[]
  ageCategories: AgeCategory[]
}

export const DEFAULT_REGISTRATION_SETTINGS: RegistrationSettings = {
  requiredFields: DEFAULT_REQUIRED_FIELDS,
  ageCategories: DEFAULT_AGE_CATEGORIES,
}

/** The registration settings managers configure, or the defaults. */
export async function getRegistrationSettings(db: Queryable): Promise<RegistrationSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, REGISTRATION_SETTINGS_KEY)).limit(1)
  return row
    ? { ...DEFAULT_REGISTRATION_SETTINGS, ...(row.value as Partial<RegistrationSettings>) }
    : DEFAULT_REGISTRATION_SETTINGS
}

/** How long another instance's change of the settings may take to reach this one's client list. */
export const LIST_SETTINGS_CACHE_MS = 30_000

const listCache = new WeakMap<object, { settings: Promise<RegistrationSettings>; at: number }>()

/**
 * The settings as the client list reads them on every request (the age categories it shows): from
 * memory when read less than `LIST_SETTINGS_CACHE_MS` ago; a change made on this instance
 * (`rememberRegistrationSettings`) at once. Commands that validate against them read them afresh.
 */
export function registrationSettingsForList(db: Queryable): Promise<RegistrationSettings> {
  const known = listCache.get(db)
  if (known && performance.now() - known.at < LIST_SETTINGS_CACHE_MS) return known.settings
  const read = getRegistrationSettings(db)
  listCache.set(db, { settings: read, at: performance.now() })
  read.catch(() => {
    if (listCache.get(db)?.settings === read) listCache.delete(db)
  })
  return read
}

/** Remembers settings just written, for this instance's client list. */
export function rememberRegistrationSettings(db: Queryable, settings: RegistrationSettings): void {
  listCache.set(db, { settings: Promise.resolve(settings), at: performance.now() })
}
