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
export function runClaimed(ctx: JobContext, job: JobDef, run: JobRun, started?: unknown): Promise<void> {
  const stat = statOf(job.name)
  stat.running += 1
  const done = (async () => {
    let error: string | null = null
    try {
      await job.run(ctx, run, started)
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

/** Ends a claim whose run never started (its `start` failed). */
async function abandon(ctx: JobContext, job: JobDef, err: unknown) {
  const stat = statOf(job.name)
  stat.failed += 1
  stat.lastRunAt = ctx.now()
  stat.lastError = err instanceof Error ? err.message : String(err)
  await releaseRun(ctx.database.db, job.name, ctx.instance, ctx.now(), stat.lastError).catch(() => {})
}

/**
 * Runs a job whose claim this instance holds: its `start` awaited, then the rest (awaited by the
 * scheduler; in the background for a request). A failing `start` releases the claim and throws.
 */
export async function startClaimed(
  ctx: JobContext,
  job: JobDef,
  run: JobRun,
): Promise<{ started: unknown; done: Promise<void> }> {
  let started: unknown
  try {
    started = await job.start?.(ctx, run)
  } catch (err) {
    await abandon(ctx, job, err)
    throw err
  }
  // (wrapped: an async function would wait for a promise it returns)
  return { started, done: runClaimed(ctx, job, run, started) }
}

/**
 * A run on demand ("Back up now"): claimed in the jobs table so that it never overlaps a run of
 * the same job on any instance. Returns null when the job is running already; else, once the
 * job's `start` is done, the run's end (the rest goes on in the background; awaiting it is optional).
 */
export async function startRun(
  ctx: JobContext,
  job: JobDef,
  run: Omit<JobRun, 'slot'>,
): Promise<{ started: unknown; done: Promise<void> } | null> {
  const stat = statOf(job.name)
  stat.queued += 1
  let claimed: boolean
  try {
    claimed = await claimRun(ctx.database.db, job.name, ctx.instance, ctx.now(), staleBefore(ctx, job))
  } finally {
    stat.queued -= 1
  }
  return claimed ? startClaimed(ctx, job, { ...run, slot: null }) : null
}
