import { afterAll, beforeAll, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { branches, lessons } from '../../../db/schema/index'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'

/**
 * `GET /api/lessons?from=&to=` takes the branch's days: a lesson at 00:30 in Yerevan on 5 December
 * (20:30 UTC on the 4th) is on the 5th, and one at 23:30 on the 4th (19:30 UTC) is on the 4th. The
 * wall, the desk and the e2e suite after midnight used to miss the first: the days were UTC's.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildTwoBranches>>

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  t = createTestApp(database)
  await database.db.update(branches).set({ timezone: 'Asia/Yerevan' }).where(eq(branches.id, center.central.branch.id))
  const at = (iso: string) => new Date(iso)
  await database.db.insert(lessons).values([
    { ...center.central.lesson, id: 'after-midnight', startsAt: at('2026-12-04T20:30:00Z'), endsAt: at('2026-12-04T21:30:00Z') },
    { ...center.central.lesson, id: 'before-midnight', startsAt: at('2026-12-04T19:30:00Z'), endsAt: at('2026-12-04T20:00:00Z') },
  ])
})
afterAll(async () => database?.destroy())

it('lists a lesson on the day it has in its branch, whatever its UTC date', async () => {
  const manager = await t.login('manager')
  const on = async (day: string) => {
    const res = await t.call('GET', `/api/lessons?branchId=${center.central.branch.id}&from=${day}&to=${day}`, {
      cookie: manager,
    })
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    return (res.data as { items: Array<{ id: string }> }).items.map((l) => l.id).filter((id) => id.endsWith('midnight'))
  }
  expect(await on('2026-12-05')).toEqual(['after-midnight'])
  expect(await on('2026-12-04')).toEqual(['before-midnight'])
})
