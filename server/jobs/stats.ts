/** One job's counters in this process (for metrics): since the process started. */
export interface JobStat {
  name: string
  /** Runs asked for and not started yet. */
  queued: number
  /** Runs going on now in this process. */
  running: number
  /** Runs that failed since the process started. */
  failed: number
  /** When a run last ended here (null: none yet). */
  lastRunAt: Date | null
  /** Why the last run failed (null when it succeeded or none ran). */
  lastError: string | null
}

const stats = new Map<string, JobStat>()

/** The live counters of one job (made on first use). */
export function statOf(name: string): JobStat {
  let s = stats.get(name)
  if (!s) stats.set(name, (s = { name, queued: 0, running: 0, failed: 0, lastRunAt: null, lastError: null }))
  return s
}

/** Every job's counters in this process, by name (copies). */
export function jobStats(): JobStat[] {
  return [...stats.values()].map((s) => ({ ...s })).sort((a, b) => a.name.localeCompare(b.name))
}
