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
