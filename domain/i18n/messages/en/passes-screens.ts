/** passes-screens: messages of the passes and payments area. */
export const passesScreens = {} as const
