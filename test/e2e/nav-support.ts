import { translatorFor } from '../../domain/i18n/translator'
import type { Locale } from '../../domain/i18n/locales'
import { navFor } from '../../client/src/layouts/nav'

/**
 * The sidebar's entries for these roles, in order, as the reader sees them: taken from the menu itself
 * (client/src/layouts/nav.ts), so an area that is switched on or added is expected without editing the specs.
 */
export const navLabels = (roles: string[], lang: Locale = 'en') => navFor(roles).map((e) => translatorFor(lang).t(e.label))
