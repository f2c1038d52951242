import { z } from '@hono/zod-openapi'
import { CURRENCIES } from '../../../domain/i18n/format'
import { LOCALES } from '../../../domain/i18n/locales'
import type { CenterSettings } from './queries'

export const CenterSchema = z
  .object({
    /** What users without a language of their own, and requests without one we speak, get. */
    defaultLocale: z.enum(LOCALES),
    /** The currency the books are kept in (amounts in its minor units; AMD in whole drams). */
    currency: z.enum(CURRENCIES),
  })
  .openapi('Center')

export const presentCenter = (s: CenterSettings): z.infer<typeof CenterSchema> => ({
  defaultLocale: s.defaultLocale,
  currency: s.currency,
})
