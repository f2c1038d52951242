import { Cron } from 'croner'
import { claimSlot, jobRow } from './claims'
import type { JobContext, JobDef, JobSchedule } from './job'
import { runsSettled, staleBefore, startClaimed } from './run'
import { statOf } from './stats'

/**
 * The latest time the schedule names after `after` and not after `now`, or null when none is due.
 * Several missed times (the machine was off for three nights) make one run, for the latest.
 * @example latestDue({ cron: '0 3 * * *', timeZone: 'Asia/Yerevan' }, monday0300, tuesday0310) // tuesday 03:00 in Yerevan
 */
export function latestDue(schedule: JobSchedule, after: Date, now: Date): Date | null {
  const cron = new Cron(schedule.cron, { timezone: schedule.timeZone, paused: true })
  let due = cron.nextRun(after)
  if (!due || due > now) return null
  for (;;) {
    const next = cron.nextRun(due)
    if (!next || next > now) return due
    due = next
  }
}

/** The next time the schedule names after `from` (what the Backups screen shows). */
export function nextDue(schedule: JobSchedule, from: Date): Date | null {
  return new Cron(schedule.cron, { timezone: schedule.timeZone, paused: true }).nextRun(from)
}

export interface SchedulerOptions {
  jobs: readonly JobDef[]
  ctx: JobContext
  /** Time between two looks at the schedules (default 30 s). */
  tickMs?: number
  /** Time from start to the first look (default 15 s: a run missed while the server was down starts then). */
  firstTickMs?: number
}

export interface Scheduler {
  /** One look at every job: claims and runs (awaited) what is due. Tests call it with an injected clock. */
  tick(): Promise<void>
  /** Starts looking every `tickMs`. */
  start(): void
  /** Stops looking and waits for the runs of this process to end (at most `waitMs`; a run cut short is marked so by the next). */
  stop(waitMs?: number): Promise<void>
}

/**
 * The in-process scheduler: every tick, each job's schedule is read (an owner may have changed it),
 * and when a scheduled time has passed since the job's last claimed one, the instance that claims
 * it in the jobs table (compare-and-set) runs it; the others see the claim and do nothing.
 */
export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { jobs, ctx } = opts
  const tickMs = opts.tickMs ?? 30_000
  let timer: NodeJS.Timeout | null = null
  let stopped = false
  let current: Promise<void> = Promise.resolve()

  async function look(job: JobDef): Promise<void> {
    const schedule = await job.schedule(ctx)
    if (!schedule) return
    const now = ctx.now()
    const row = await jobRow(ctx.database.db, job.name, now)
    const slot = latestDue(schedule, row.slot, now)
    if (!slot) return
    const stat = statOf(job.name)
    stat.queued += 1
    let won: boolean
    try {
      won = await claimSlot(ctx.database.db, job.name, row.slot, slot, ctx.instance, now, staleBefore(ctx, job))
    } finally {
      stat.queued -= 1
    }
    if (won) await (await startClaimed(ctx, job, { slot, trigger: 'schedule' })).done
  }

  async function tick(): Promise<void> {
    for (const job of jobs) {
      if (stopped) return
      try {
        await look(job)
      } catch (err) {
        ctx.logger.error({ err, job: job.name }, 'job schedule could not be checked')
      }
    }
  }

  function loop(delay: number) {
    timer = setTimeout(() => {
      current = tick().finally(() => {
        if (!stopped) loop(tickMs)
      })
    }, delay)
    timer.unref()
  }

  return {
    tick: () => (current = current.then(tick)),
    start() {
      if (!timer && !stopped && jobs.length) loop(opts.firstTickMs ?? 15_000)
    },
    async stop(waitMs = 10_000) {
      stopped = true
      if (timer) clearTimeout(timer)
      let wait: NodeJS.Timeout | undefined
      const limit = new Promise<void>((resolve) => (wait = setTimeout(resolve, waitMs)))
      await Promise.race([current.catch(() => {}).then(runsSettled), limit])
      clearTimeout(wait)
    },
  }
}
