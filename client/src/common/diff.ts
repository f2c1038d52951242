/** A changed top-level field between two JSON values. */
export interface FieldChange {
  key: string
  before: unknown
  after: unknown
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Top-level differences of two audit snapshots. Non-objects compare as a whole (key '').
 * @example diffFields({ name: 'A', x: 1 }, { name: 'B', x: 1 }) // [{ key: 'name', before: 'A', after: 'B' }]
 */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  if (before == null && after == null) return []
  if (!isObject(before) || !isObject(after)) {
    if (isObject(after) && before == null) return Object.entries(after).map(([key, v]) => ({ key, before: undefined, after: v }))
    if (isObject(before) && after == null) return Object.entries(before).map(([key, v]) => ({ key, before: v, after: undefined }))
    return same(before, after) ? [] : [{ key: '', before, after }]
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return keys.filter((k) => !same(before[k], after[k])).map((key) => ({ key, before: before[key], after: after[key] }))
}

/** A short readable rendering of a JSON value for tables: strings bare, the rest as JSON, cut at `max`. */
export function showValue(v: unknown, max = 80): string {
  if (v === undefined) return '—'
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > max ? s.slice(0, max - 1) + '…' : s
}
