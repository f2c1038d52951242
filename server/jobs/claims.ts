import { and, eq, isNull, lt, or, sql } from 'drizzle-orm'
import type { Queryable } from '../../db/client'
import { scheduledJobs } from '../../db/schema/index'

/**
 * The jobs table (`scheduled_jobs`, migration 0014): what makes a job run once across instances.
 * A scheduled run claims its time slot by compare-and-set on `slot` (the instance whose UPDATE
 * still sees the old slot wins); any run, scheduled or on demand, also claims `running_by`, so one
 * job never runs twice at once. A claim older than the job's stale time is a crashed run's.
 */

export type JobRow = typeof scheduledJobs.$inferSelect

/** The job's row, made with `slot` = now when missing: nothing scheduled before the first sight of a job is owed. */
export async function jobRow(db: Queryable, name: string, now: Date): Promise<JobRow> {
  await db.insert(scheduledJobs).values({ name, slot: now }).onConflictDoNothing()
  const [row] = await db.select().from(scheduledJobs).where(eq(scheduledJobs.name, name)).limit(1)
  return row
}

const free = (staleBefore: Date) => or(isNull(scheduledJobs.runningBy), lt(scheduledJobs.runningSince, staleBefore))

/**
 * Claims the scheduled time `slot` for this instance, if the row still holds `seen` (nobody claimed
 * a later one meanwhile) and the job is not running. True when this instance won it.
 */
export async function claimSlot(
  db: Queryable,
  name: string,
  seen: Date,
  slot: Date,
  instance: string,
  now: Date,
  staleBefore: Date,
): Promise<boolean> {
  const won = await db
    .update(scheduledJobs)
    .set({ slot, runningBy: instance, runningSince: now })
    .where(and(eq(scheduledJobs.name, name), eq(scheduledJobs.slot, seen), free(staleBefore)))
    .returning({ name: scheduledJobs.name })
  return won.length === 1
}

/** Claims a run on demand (the job is not running anywhere). True when this instance got it. */
export async function claimRun(db: Queryable, name: string, instance: string, now: Date, staleBefore: Date): Promise<boolean> {
  await jobRow(db, name, now)
  const won = await db
    .update(scheduledJobs)
    .set({ runningBy: instance, runningSince: now })
    .where(and(eq(scheduledJobs.name, name), free(staleBefore)))
    .returning({ name: scheduledJobs.name })
  return won.length === 1
}

/** Ends this instance's run: the claim is released, the outcome kept. */
export async function releaseRun(db: Queryable, name: string, instance: string, now: Date, error: string | null): Promise<void> {
  await db
    .update(scheduledJobs)
    .set({
      runningBy: null,
      runningSince: null,
      lastRunAt: now,
      lastError: error,
      ...(error === null ? { lastOkAt: now } : {}),
    })
    .where(and(eq(scheduledJobs.name, name), eq(scheduledJobs.runningBy, instance)))
}

/** Is the job running somewhere (a claim younger than the stale time)? */
export async function isRunning(db: Queryable, name: string, staleBefore: Date): Promise<boolean> {
  const rows = await db
    .select({ name: scheduledJobs.name })
    .from(scheduledJobs)
    .where(
      and(
        eq(scheduledJobs.name, name),
        sql`${scheduledJobs.runningBy} is not null`,
        sql`${scheduledJobs.runningSince} >= ${staleBefore}`,
      ),
    )
  return rows.length > 0
}
