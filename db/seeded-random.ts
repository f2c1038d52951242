/**
 * A small deterministic random number generator (mulberry32): the same seed gives the same numbers,
 * so the demo center, the benchmarks' data and the randomized tests can be replayed.
 * @example const rand = seededRandom(7); rand() // 0 ≤ x < 1
 */
export function seededRandom(seed: number): () => number {
  let s = seed
  return () => {
    s |= 0
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
