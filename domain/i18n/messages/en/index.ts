import { common } from './common'

/**
 * The English catalogue, the source of every message id. An area adds its file beside common.ts
 * (in en/, hy/ and ru/ alike) and spreads it here and in the other two indexes.
 */
export const en = { ...common } as const
