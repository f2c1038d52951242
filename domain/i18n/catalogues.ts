import type { Catalogue } from './catalogue'
import type { Locale } from './locales'
import { en } from './messages/en/index'
import { hy } from './messages/hy/index'
import { ru } from './messages/ru/index'

/** Every language's catalogue. */
export const CATALOGUES: Record<Locale, Catalogue> = { en, hy, ru }
