import { claimRun, releaseRun } from './claims'
import { DEFAULT_STALE_MS, type JobContext, type JobDef, type JobRun } from './job'
import { statOf } from './stats'

/** Runs in progress in this process (the scheduler's stop waits for them). */
const inFlight = new Set<Promise<void>>()

/** Waits for every run of this process to end. */
export async function runsSettled(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight])
}

export const staleBefore = (ctx: JobContext, job: JobDef): Date =>
  new Date(ctx.now().getTime() - (job.staleAfterMs ?? DEFAULT_STALE_MS))

/**
 * Runs a job whose claim this instance holds, and releases the claim when it ends. Never throws:
 * a failure is logged, counted and kept as the job's `last_error`.
 */
export function runClaimed(ctx: JobContext, job: JobDef, run: JobRun): Promise<void> {
  const stat = statOf(job.name)
  stat.running += 1
  const done = (async () => {
    let error: string | null = null
    try {
      await job.run(ctx, run)
    } catch (err) {
      error = err instanceof Error ? err.message : String(err)
      stat.failed += 1
      ctx.logger.error({ err, job: job.name, trigger: run.trigger }, 'job failed')
    } finally {
      stat.running -= 1
      stat.lastRunAt = ctx.now()
      stat.lastError = error
      await releaseRun(ctx.database.db, job.name, ctx.instance, ctx.now(), error).catch((err: unknown) =>
        ctx.logger.error({ err, job: job.name }, 'job claim not released'),
      )
    }
  })()
  inFlight.add(done)
  void done.finally(() => inFlight.delete(done))
  return done
}

/**
 * A run on demand ("Back up now"): claimed in the jobs table so that it never overlaps a run of
 * the same job on any instance. Returns null when the job is running already; else the run's end
 * (the run goes on in the background; awaiting it is optional).
 */
export async function startRun(ctx: JobContext, job: JobDef, run: Omit<JobRun, 'slot'>): Promise<Promise<void> | null> {
  const stat = statOf(job.name)
  stat.queued += 1
  let claimed: boolean
  try {
    claimed = await claimRun(ctx.database.db, job.name, ctx.instance, ctx.now(), staleBefore(ctx, job))
  } finally {
    stat.queued -= 1
  }
  return claimed ? runClaimed(ctx, job, { ...run, slot: null }) : null
}
