/** costs: lesson cost, revenue with its VAT, and margins. */
export const costs = {} as const
