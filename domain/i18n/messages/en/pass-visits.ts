/** pass-visits: messages of the passes and payments area. */
export const passVisits = {} as const
