import type { Queryable } from './client'

/**
 * A value read from a database and kept in memory per database handle for `maxAgeMs` (another
 * instance's change reaches this one within that time; this instance's own at once through
 * `remember`). A failed read is not kept: the next `get` reads again.
 * @example const settings = perDatabase(loadSettings, 30_000); await settings.get(db)
 */
export function perDatabase<T>(load: (db: Queryable) => Promise<T>, maxAgeMs: number) {
  const cache = new WeakMap<object, { value: Promise<T>; at: number }>()
  return {
    get(db: Queryable): Promise<T> {
      const known = cache.get(db)
      if (known && performance.now() - known.at < maxAgeMs) return known.value
      const value = load(db)
      cache.set(db, { value, at: performance.now() })
      value.catch(() => {
        if (cache.get(db)?.value === value) cache.delete(db)
      })
      return value
    },
    /** Keeps a value just written. */
    remember(db: Queryable, value: T): void {
      cache.set(db, { value: Promise.resolve(value), at: performance.now() })
    },
  }
}
