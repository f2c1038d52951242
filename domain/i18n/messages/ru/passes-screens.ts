import type { passesScreens as source } from '../en/passes-screens'

/** passes-screens: messages of the passes and payments area. */
export const passesScreens: Record<keyof typeof source, string> = {}
