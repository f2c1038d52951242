import { defineJob, type JobContext, type JobDef } from '../../jobs/index'
import { centerTimeZone } from '../center/index'
import type { AuditArea } from '../module'
import { completePackages, openPackages, type Opened, type Wanted } from './commands'
import { monthBefore, monthSpan } from './period'
import { allBranches } from './queries'

/** The job's name (its claim in `scheduled_jobs`: one package run at a time across instances). */
export const PACKAGE_JOB = 'documentPackages.monthClose'

/** At month close: the 1st at 02:00 in the center's time zone, for the month just ended. */
export const MONTH_CLOSE_CRON = '0 2 1 * *'

/**
 * The audit's areas, from the registry the server hands its jobs with their context (the boot
 * spreads its services, registry included, into it); none in a bare context (the audit reports then
 * name every change under "other").
 */
export function auditAreasIn(ctx: JobContext): readonly AuditArea[] {
  const registry = (ctx as JobContext & { registry?: { auditAreas?: readonly AuditArea[] } }).registry
  return registry?.auditAreas ?? []
}

/**
 * Month close: every branch's package of the month just ended, made on the 1st at 02:00 in the
 * center's time zone (a run missed while the server was down is made when it is back).
 */
export const monthCloseJob = defineJob({
  name: PACKAGE_JOB,
  async schedule(ctx) {
    return { cron: MONTH_CLOSE_CRON, timeZone: await centerTimeZone(ctx.database.db) }
  },
  async start(ctx, run) {
    const db = ctx.database.db
    const { from, to } = monthSpan(monthBefore(run.slot ?? ctx.now(), await centerTimeZone(db)))
    const branches = await allBranches(db)
    return openPackages(
      ctx,
      run,
      branches.map((branch) => ({ branch, from, to })),
    )
  },
  run: (ctx, run, started) => completePackages(ctx, run, started as Opened, auditAreasIn(ctx)),
  staleAfterMs: 2 * 60 * 60 * 1000,
})

/** The same job run on demand for the packages asked for (the same claim: never two runs at once). */
export const packagesOnDemand = (wanted: readonly Wanted[]): JobDef => ({
  ...monthCloseJob,
  start: (ctx, run) => openPackages(ctx, run, wanted),
})
