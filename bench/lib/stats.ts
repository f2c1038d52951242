/** Percentiles and summaries for the benchmark figures (nearest-rank, like the shared harness). */

export interface Summary {
  count: number
  p50: number | null
  p95: number | null
  p99: number | null
  max: number | null
  mean: number | null
}

const round = (x: number | null, d = 2) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d)

/** Nearest-rank percentile of an already sorted array. */
export function pct(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length
  if (n === 0) return null
  const i = Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))
  return sorted[i]
}

export function summarize(values: ArrayLike<number>): Summary {
  const a = Float64Array.from(values).sort()
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += a[i]
  return {
    count: a.length,
    p50: round(pct(a, 50)),
    p95: round(pct(a, 95)),
    p99: round(pct(a, 99)),
    max: round(a.length ? a[a.length - 1] : null),
    mean: round(a.length ? sum / a.length : null),
  }
}

/** Median of numbers (nulls ignored); null when none. */
export function median(xs: Array<number | null | undefined>): number | null {
  const a = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((x, y) => x - y)
  if (!a.length) return null
  const m = a.length >> 1
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2
}

export { round }
