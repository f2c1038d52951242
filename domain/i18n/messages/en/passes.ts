/** passes: messages of the passes and payments area. */
export const passes = {} as const
