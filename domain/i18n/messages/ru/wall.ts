import type { wall as source } from '../en/wall'

/** wall: messages of the passes and payments area. */
export const wall: Record<keyof typeof source, string> = {}
