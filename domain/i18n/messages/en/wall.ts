/** wall: messages of the passes and payments area. */
export const wall = {} as const
