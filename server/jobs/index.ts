/**
 * Jobs: work that comes from the clock, run once across all instances (docs/ARCHITECTURE.md).
 * Areas declare theirs in their manifest's `jobs`; the server starts one scheduler at boot.
 */
export { defineJob, INSTANCE, type JobContext, type JobDef, type JobRun, type JobSchedule } from './job'
export { createScheduler, latestDue, nextDue, type Scheduler } from './scheduler'
export { startRun, runsSettled } from './run'
export { isRunning } from './claims'
export { jobStats, type JobStat } from './stats'
