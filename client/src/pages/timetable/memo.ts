/**
 * Remembers the last result of `fn` and recomputes only when one of its arguments changes
 * (compared with `Object.is`), like memoize-one.
 * @example const place = memoizeOne((lessons: L[], cols: C[]) => placeLessons(lessons, cols))
 */
export function memoizeOne<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null
  let last: R
  return (...args: A) => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((a, i) => Object.is(a, args[i]))) return last
    lastArgs = args
    last = fn(...args)
    return last
  }
}
