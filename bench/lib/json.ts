/** JSON with object keys sorted (Y.Map iteration order depends on arrival order). */
export function stableJson(value: unknown): string {
  return JSON.stringify(canonical(value))
}

export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    )
  return v
}
