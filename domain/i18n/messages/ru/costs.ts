import type { costs as source } from '../en/costs'

/** costs: lesson cost, revenue with its VAT, and margins. */
export const costs: Record<keyof typeof source, string> = {}
