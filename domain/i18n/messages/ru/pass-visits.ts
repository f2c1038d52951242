import type { passVisits as source } from '../en/pass-visits'

/** pass-visits: messages of the passes and payments area. */
export const passVisits: Record<keyof typeof source, string> = {}
