import type { staffScreens as source } from '../en/staff-screens'

/** staffScreens: the Staff screens (client/src/pages/staff). */
export const staffScreens: Record<keyof typeof source, string> = {}
