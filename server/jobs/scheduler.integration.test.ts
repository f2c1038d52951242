import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { scheduledJobs } from '../../db/schema/index'
import { createTestDatabase, type TestDatabase } from '../../test/support/db'
import { testConfig } from '../../test/support/app'
import { EventBus } from '../events/bus'
import { createLogger } from '../logger'
import { createScheduler, defineJob, jobStats, latestDue, startRun, type JobContext, type JobRun } from './index'

/**
 * The scheduler with an injected clock (nobody waits for 03:00): a scheduled time runs once across
 * instances, missed nights make one run, a schedule's time zone is the center's, a failure is
 * counted and releases the claim, and a run on demand never overlaps another.
 */
let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.destroy()
})

/** A clock the test moves. */
function clock(iso: string) {
  let now = new Date(iso)
  return { now: () => now, set: (next: string) => (now = new Date(next)) }
}

function contextFor(instance: string, now: () => Date): JobContext {
  return { database, config: testConfig(), logger: createLogger('silent'), events: new EventBus(), instance, now }
}

describe('latestDue', () => {
  const nightly = { cron: '0 3 * * *', timeZone: 'Asia/Yerevan' } // UTC+4
  it('is the schedule’s latest time after the last claimed one, read in the time zone', () => {
    expect(latestDue(nightly, new Date('2026-05-01T22:00:00Z'), new Date('2026-05-01T22:59:59Z'))).toBeNull()
    expect(latestDue(nightly, new Date('2026-05-01T22:00:00Z'), new Date('2026-05-01T23:00:00Z'))?.toISOString()).toBe(
      '2026-05-01T23:00:00.000Z',
    )
    // three nights missed: one run, for the latest
    expect(latestDue(nightly, new Date('2026-05-01T23:00:00Z'), new Date('2026-05-04T23:30:00Z'))?.toISOString()).toBe(
      '2026-05-04T23:00:00.000Z',
    )
  })
  it('follows daylight saving time in zones that have it', () => {
    const berlin = { cron: '0 3 * * *', timeZone: 'Europe/Berlin' }
    expect(latestDue(berlin, new Date('2026-01-10T00:00:00Z'), new Date('2026-01-10T03:00:00Z'))?.toISOString()).toBe(
      '2026-01-10T02:00:00.000Z',
    )
    expect(latestDue(berlin, new Date('2026-07-10T00:00:00Z'), new Date('2026-07-10T03:00:00Z'))?.toISOString()).toBe(
      '2026-07-10T01:00:00.000Z',
    )
  })
})

describe('the scheduler', () => {
  it('runs each scheduled time once, whichever of several instances looks first', async () => {
    const t = clock('2026-05-01T21:00:00Z')
    const runs: Array<{ instance: string; run: JobRun }> = []
    const job = (instance: string) =>
      defineJob({
        name: 'test.nightly',
        schedule: () => Promise.resolve({ cron: '0 3 * * *', timeZone: 'Asia/Yerevan' }),
        run: async (_ctx, run) => {
          runs.push({ instance, run })
          await new Promise((r) => setTimeout(r, 20))
        },
      })
    const a = createScheduler({ jobs: [job('a')], ctx: contextFor('host-a:1', t.now) })
    const b = createScheduler({ jobs: [job('b')], ctx: contextFor('host-b:2', t.now) })
    await Promise.all([a.tick(), b.tick()]) // first sight: nothing is owed for the past
    expect(runs).toEqual([])
    t.set('2026-05-01T22:59:00Z')
    await Promise.all([a.tick(), b.tick()])
    expect(runs).toEqual([])
    t.set('2026-05-01T23:00:05Z') // 03:00:05 in Yerevan
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()])
    expect(runs.length).toBe(1)
    expect(runs[0].run).toMatchObject({ trigger: 'schedule', slot: new Date('2026-05-01T23:00:00Z') })
    t.set('2026-05-01T23:10:00Z')
    await Promise.all([a.tick(), b.tick()])
    expect(runs.length).toBe(1)
    // the machines were off for three nights: one run when they are back, for the latest night
    t.set('2026-05-04T23:30:00Z')
    await Promise.all([b.tick(), a.tick()])
    expect(runs.length).toBe(2)
    expect(runs[1].run.slot).toEqual(new Date('2026-05-04T23:00:00Z'))
    const [row] = await database.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, 'test.nightly'))
    expect(row).toMatchObject({ runningBy: null, lastError: null })
    await a.stop()
    await b.stop()
  })

  it('counts a failed run, keeps its reason, and releases the claim', async () => {
    const t = clock('2026-06-01T00:00:00Z')
    let fail = true
    const job = defineJob({
      name: 'test.failing',
      schedule: () => Promise.resolve({ cron: '0 * * * *', timeZone: 'UTC' }),
      run: () => (fail ? Promise.reject(new Error('disk on fire')) : Promise.resolve()),
    })
    const s = createScheduler({ jobs: [job], ctx: contextFor('host-a:1', t.now) })
    await s.tick()
    t.set('2026-06-01T01:00:01Z')
    await s.tick()
    expect(jobStats().find((j) => j.name === 'test.failing')).toMatchObject({
      failed: 1,
      running: 0,
      queued: 0,
      lastError: 'disk on fire',
    })
    const [row] = await database.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, 'test.failing'))
    expect(row).toMatchObject({ runningBy: null, lastError: 'disk on fire' })
    fail = false
    t.set('2026-06-01T02:00:01Z')
    await s.tick()
    expect(jobStats().find((j) => j.name === 'test.failing')).toMatchObject({ failed: 1, lastError: null })
    await s.stop()
  })

  it('never runs a job twice at once: a run on demand while one runs is refused', async () => {
    const t = clock('2026-06-01T00:00:00Z')
    let release: () => void = () => {}
    const job = defineJob({
      name: 'test.demand',
      schedule: () => Promise.resolve(null),
      run: () => new Promise<void>((r) => (release = r)),
    })
    const first = await startRun(contextFor('host-a:1', t.now), job, { trigger: 'demand' })
    expect(first).not.toBeNull()
    await new Promise((r) => setTimeout(r, 10))
    expect(jobStats().find((j) => j.name === 'test.demand')).toMatchObject({ running: 1 })
    expect(await startRun(contextFor('host-b:2', t.now), job, { trigger: 'demand' })).toBeNull()
    release()
    await first?.done
    expect(await startRun(contextFor('host-b:2', t.now), job, { trigger: 'demand' })).not.toBeNull()
    release()
  })
})
