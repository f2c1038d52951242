import { afterAll, beforeAll, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { clients, groupMembers, lessons, teacherServices, visits } from '../../../db/schema/index'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { buildTwoBranches } from '../../support/two-branches'

/** A lesson everyone missed is still done: the teacher was there (and unexcused absences may cost a session). */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let center: Awaited<ReturnType<typeof buildTwoBranches>>

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  t = createTestApp(database)
})
afterAll(async () => database?.destroy())

it('marks done a lesson whose members were all absent: no visit, the teacher’s service, done', async () => {
  const { lesson, group } = center.central
  const start = new Date(Date.now() - 60 * 60_000)
  await database.db
    .update(lessons)
    .set({ startsAt: start, endsAt: new Date(start.getTime() + 45 * 60_000) })
    .where(eq(lessons.id, lesson.id))
  const [client] = await database.db.insert(clients).values({ firstName: 'Ann', lastName: 'Absent' }).returning()
  await database.db.insert(groupMembers).values({ groupId: group.id, clientId: client.id })
  const cookie = await t.login('teacher')
  const att = await t.call('PUT', `/api/lessons/${lesson.id}/attendance`, {
    cookie,
    json: { entries: [{ clientId: client.id, status: 'absent' }] },
  })
  expect(att.status).toBe(200)
  const done = await t.call('POST', `/api/lessons/${lesson.id}/done`, { cookie })
  expect(done.status).toBe(200)
  expect(done.data).toEqual({ done: true, alreadyDone: false, attending: 0 })
  expect(await database.db.select().from(visits).where(eq(visits.lessonId, lesson.id))).toHaveLength(0)
  const services = await database.db.select().from(teacherServices).where(eq(teacherServices.lessonId, lesson.id))
  expect(services).toMatchObject([{ attending: 0, durationMinutes: 45 }])
})
