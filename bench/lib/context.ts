/** What every benchmark gets from bench/run.ts. */
export interface BenchContext {
  /** Short run (`npm run bench -- --quick`): fewer edits, one repetition, smaller data. */
  quick: boolean
  /** Repetitions for the load matrix (overrides the default). */
  reps: number | null
  log(message: string): void
}

/** What a benchmark returns; stored as bench/results/<name>.json and rendered into docs/BENCHMARKS.md. */
export interface BenchResult {
  name: string
  quick: boolean
  startedAt: string
  seconds: number
  [key: string]: unknown
}

/** One target line: what, the limit, the measured value, pass or fail. */
export interface Target {
  what: string
  limit: string
  measured: string
  pass: boolean | null
  /** Shown instead of PASS / FAIL / info (e.g. "ranges overlap: not shown"). */
  result?: string
}
