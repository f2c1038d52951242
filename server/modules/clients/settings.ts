import { eq } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { perDatabase } from '../../../db/per-database'
import { settings } from '../../../db/schema/index'
import {
  DEFAULT_AGE_CATEGORIES,
  DEFAULT_REQUIRED_FIELDS,
  type AgeCategory,
  type RequirableField,
  type RequiredByCategory,
} from '../../../domain/clients/rules'

export const REGISTRATION_SETTINGS_KEY = 'clients.registration'

export interface RegistrationSettings {
  /** The center's mandatory fields: every age category's unless it has its own list, and a client of unknown age's. */
  requiredFields: RequirableField[]
  ageCategories: AgeCategory[]
  /** Per age category (its key), its own mandatory fields (issue #17); settings saved before have none. */
  requiredByCategory: RequiredByCategory
}

export const DEFAULT_REGISTRATION_SETTINGS: RegistrationSettings = {
  requiredFields: DEFAULT_REQUIRED_FIELDS,
  ageCategories: DEFAULT_AGE_CATEGORIES,
  requiredByCategory: {},
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

const forList = perDatabase(getRegistrationSettings, LIST_SETTINGS_CACHE_MS)

/**
 * The settings as the client list reads them on every request (the age categories it shows): from
 * memory when read less than `LIST_SETTINGS_CACHE_MS` ago; a change made on this instance
 * (`rememberRegistrationSettings`) at once. Commands that validate against them read them afresh.
 */
export const registrationSettingsForList = (db: Queryable): Promise<RegistrationSettings> => forList.get(db)

/** Remembers settings just written, for this instance's client list. */
export const rememberRegistrationSettings = (db: Queryable, settings: RegistrationSettings): void =>
  forList.remember(db, settings)
