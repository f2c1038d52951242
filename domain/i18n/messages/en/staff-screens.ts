/** staffScreens: the Staff screens (client/src/pages/staff). */
export const staffScreens = {} as const
