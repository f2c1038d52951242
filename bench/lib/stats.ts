/** Percentiles and summaries for the benchmark figures (nearest-rank, like the shared harness). */
import type { Target } from './context'

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

/** Median, min and max of one figure over a side's runs (one per seed), and the values themselves. */
export interface Spread {
  median: number | null
  min: number | null
  max: number | null
  values: Array<number | null>
}

export function spread(values: Array<number | null>): Spread {
  const xs = values.filter((x): x is number => x !== null && Number.isFinite(x))
  return {
    median: round(median(xs)),
    min: xs.length ? round(Math.min(...xs)) : null,
    max: xs.length ? round(Math.max(...xs)) : null,
    values,
  }
}

/**
 * Clubroom ÷ reference for one figure: the ratio of the medians, its range (Clubroom's min over
 * the reference's max … Clubroom's max over the reference's min) and the ratio of each seed's pair
 * (run side by side). `lower` / `higher` only when the two sides' min–max ranges do not overlap;
 * otherwise `overlap`: no difference is shown either way.
 */
export interface Comparison {
  ratio: number | null
  range: [number | null, number | null]
  paired: Array<number | null>
  verdict: 'lower' | 'higher' | 'overlap' | null
}

export function compare(c: Spread, r: Spread, factor = 1): Comparison {
  const div = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? round(a / b, 3) : null)
  const verdict =
    c.min === null || c.max === null || r.min === null || r.max === null
      ? null
      : c.max < r.min * factor
        ? 'lower'
        : c.min > r.max * factor
          ? 'higher'
          : 'overlap'
  return {
    ratio: div(c.median, r.median),
    range: [div(c.min, r.max), div(c.max, r.min)],
    paired: c.values.map((v, i) => div(v, r.values[i] ?? null)),
    verdict,
  }
}

/**
 * A limit judged on a comparison's verdict: PASS when Clubroom's range lies below the reference's,
 * FAIL when above, "not shown" when the ranges overlap; info when there is nothing to compare.
 */
export function judgedBy(verdict: Comparison['verdict']): Pick<Target, 'pass' | 'result'> {
  if (verdict === 'overlap') return { pass: null, result: 'ranges overlap: not shown' }
  return { pass: verdict === null ? null : verdict === 'lower' }
}

export { round }
