import type { passes as source } from '../en/passes'

/** passes: messages of the passes and payments area. */
export const passes: Record<keyof typeof source, string> = {}
