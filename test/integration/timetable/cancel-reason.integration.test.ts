import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, inArray, sql } from 'drizzle-orm'
import { MIGRATIONS_FOLDER } from '../../../db/client'
import { lessons } from '../../../db/schema/index'
import { encodeTimetableDocName, isoWeekOf, lessonMap, lessonsOf } from '../../../domain/docs/timetable-week'
import { LOCALES, type Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildActivity, buildBranch, buildRoom, buildStaff } from '../../support/factories'
import { connect, login, waitFor } from '../collab/helpers'

/**
 * Issue #14: a cancelled lesson's reason has its own column (`lessons.cancel_reason`, migration
 * 0015), projected from the week document's `cancelReason` and written by the cancel command, so
 * GET /api/lessons returns it as typed beside the lesson's own note and the calendar feed words
 * "Cancelled: <reason>" in the reader's language. Rows of lessons cancelled by earlier versions
 * ("Cancelled: <reason>" as their note) are converted by the migration, whose UPDATE runs again
 * here on planted rows.
 */
const CONVERSION = readFileSync(`${MIGRATIONS_FOLDER}/0015_lesson_cancel_reason.sql`, 'utf8')
  .split('--> statement-breakpoint')
  .map((s) => s.trim())
  .filter((s) => s.startsWith('UPDATE "lessons"'))

let database: TestDatabase
let server: RunningServer
let staff: Awaited<ReturnType<typeof buildStaff>>
const cookies: Record<string, string> = {}
let branchId: string
let lab: string
let robotics: string

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  branchId = (await buildBranch(database.db, 'Central')).id
  lab = (await buildRoom(database.db, branchId, { name: 'Lab', capacity: 12 })).id
  const a = await buildActivity(database.db)
  robotics = a.id
  server = await startTestServer(database)
  for (const l of ['manager', 'reception']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

const call = (method: string, path: string, cookie: string, json?: unknown, lang: Locale = 'en') =>
  apiCaller(server)(method, path, cookie, json, lang)

interface Listed {
  id: string
  status: string
  note: string
  cancelReason: string | null
}

/** GET /api/lessons of one week in `lang`, by id. */
async function listed(from: string, to: string, lang: Locale): Promise<Map<string, Listed>> {
  const res = await call('GET', `/api/lessons?branchId=${branchId}&from=${from}&to=${to}`, cookies.reception, undefined, lang)
  expect(res.status).toBe(200)
  return new Map((res.data.items as Listed[]).map((l) => [l.id, l]))
}

/** The room's calendar feed in `lang`, unfolded (long lines are folded: a line break and a space). */
let feedPath = ''
async function feed(lang: Locale): Promise<string> {
  if (!feedPath) {
    const made = await call('POST', '/api/calendar-feeds', cookies.manager, { kind: 'room', subjectId: lab })
    expect(made.status).toBe(201)
    feedPath = new URL(made.data.url).pathname
  }
  const r = await fetch(server.url + feedPath, { headers: { 'accept-language': lang } })
  expect(r.status).toBe(200)
  return (await r.text()).replace(/\r\n[ \t]/g, '')
}

/** One event of the feed: its lines from BEGIN:VEVENT to END:VEVENT. */
function event(ics: string, lessonId: string): string {
  const block = ics.split('BEGIN:VEVENT').find((b) => b.includes(`UID:${lessonId}@clubroom`))
  expect(block, lessonId).toBeDefined()
  return block!.split('END:VEVENT')[0]
}

/** iCalendar TEXT escaping (RFC 5545 3.3.11) of what a description line holds. */
const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n')

describe('a lesson cancelled now', () => {
  it('keeps the reason as typed in its own column: the API returns it beside the clean note, the feed words it in each language', async () => {
    const docName = encodeTimetableDocName(branchId, '2027-W20')
    const c = connect(server, cookies.reception, docName)
    await c.synced()
    c.doc.transact(() =>
      lessonsOf(c.doc).set(
        'to-cancel',
        lessonMap({
          roomId: lab,
          start: '2027-05-18T18:00:00+04:00',
          end: '2027-05-18T19:00:00+04:00',
          activityId: robotics,
          teacherId: staff.teacher.id,
          status: 'planned',
          note: 'Bring the kits',
        }),
      ),
    )
    await waitFor(
      async () => (await database.db.select().from(lessons).where(eq(lessons.id, 'to-cancel'))).length === 1,
      3000,
      'projected',
    )
    const res = await call('POST', '/api/lessons/to-cancel/cancel', cookies.reception, { reason: 'Преподаватель заболел' }, 'hy')
    expect(res.status).toBe(200)
    // the command stores it with the status; the document shows it, and its projection keeps it
    const [row] = await database.db.select().from(lessons).where(eq(lessons.id, 'to-cancel'))
    expect(row).toMatchObject({ status: 'cancelled', cancelReason: 'Преподаватель заболел', note: 'Bring the kits' })
    await waitFor(
      () => lessonsOf(c.doc).get('to-cancel')?.get('cancelReason') === 'Преподаватель заболел',
      3000,
      'in the document',
    )
    // another edit of the lesson is projected: the reason and the note stay what they are
    c.doc.transact(() => lessonsOf(c.doc).get('to-cancel')!.set('note', 'Bring the kits and the charger'))
    await waitFor(
      async () =>
        (await database.db.select().from(lessons).where(eq(lessons.id, 'to-cancel')))[0]?.note ===
        'Bring the kits and the charger',
      3000,
      'the note projected',
    )
    const [after] = await database.db.select().from(lessons).where(eq(lessons.id, 'to-cancel'))
    expect(after.cancelReason).toBe('Преподаватель заболел')
    // the reason edited in the document (any y-websocket client may) reaches the row as well
    c.doc.transact(() => lessonsOf(c.doc).get('to-cancel')!.set('cancelReason', 'Преподаватель заболел, замены нет'))
    await waitFor(
      async () =>
        (await database.db.select().from(lessons).where(eq(lessons.id, 'to-cancel')))[0]?.cancelReason ===
        'Преподаватель заболел, замены нет',
      3000,
      'the reason projected',
    )
    c.destroy()

    for (const lang of LOCALES) {
      const l = (await listed('2027-05-17', '2027-05-23', lang)).get('to-cancel')
      expect(l).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Преподаватель заболел, замены нет',
        note: 'Bring the kits and the charger',
      })
      const { t } = translatorFor(lang)
      const ev = event(await feed(lang), 'to-cancel')
      expect(ev).toContain(`SUMMARY:${t('timetable.feed.cancelled', { summary: 'Robotics' })}`)
      expect(ev).toContain(icsText(t('timetable.cancelled.reason', { reason: 'Преподаватель заболел, замены нет' })))
      expect(ev).toContain('Bring the kits and the charger')
      if (lang !== 'en') expect(ev).not.toContain('Cancelled')
    }
  })

  it('without a reason: null, and the feed says only that it is cancelled', async () => {
    const docName = encodeTimetableDocName(branchId, '2027-W21')
    const c = connect(server, cookies.reception, docName)
    await c.synced()
    c.doc.transact(() =>
      lessonsOf(c.doc).set(
        'no-reason',
        lessonMap({
          roomId: lab,
          start: '2027-05-25T18:00:00+04:00',
          end: '2027-05-25T19:00:00+04:00',
          activityId: robotics,
          teacherId: staff.teacher.id,
          status: 'planned',
        }),
      ),
    )
    await waitFor(
      async () => (await database.db.select().from(lessons).where(eq(lessons.id, 'no-reason'))).length === 1,
      3000,
      'projected',
    )
    c.destroy()
    expect((await call('POST', '/api/lessons/no-reason/cancel', cookies.reception, {})).status).toBe(200)
    for (const lang of LOCALES) {
      expect((await listed('2027-05-24', '2027-05-30', lang)).get('no-reason')).toMatchObject({
        status: 'cancelled',
        cancelReason: null,
        note: '',
      })
      const { t } = translatorFor(lang)
      const ev = event(await feed(lang), 'no-reason')
      expect(ev).toContain(`SUMMARY:${t('timetable.feed.cancelled', { summary: 'Robotics' })}`)
      const description = ev.split('\r\n').find((line) => line.startsWith('DESCRIPTION:')) ?? ''
      expect(description).toContain(icsText(t('timetable.describe.teacher', { name: staff.teacher.name })))
      expect(description).not.toContain(t('timetable.cancelled.reason', { reason: '' }).trim())
    }
  })
})

describe('migration 0015 on rows of lessons cancelled by earlier versions', () => {
  it('moves "Cancelled: <reason>" from the note into cancel_reason; the API and the feed show it in each language', async () => {
    const base = {
      branchId,
      roomId: lab,
      activityId: robotics,
      teacherId: staff.teacher.id,
    }
    const at = (day: string, id: string, status: string, note: string) => ({
      ...base,
      id,
      doc: encodeTimetableDocName(branchId, isoWeekOf(day)),
      startsAt: new Date(`${day}T10:00:00Z`),
      endsAt: new Date(`${day}T11:00:00Z`),
      status,
      note,
    })
    await database.db.insert(lessons).values([
      at('2027-06-07', 'legacy', 'cancelled', 'Cancelled: Pool closed, sorry; back next week'),
      at('2027-06-08', 'legacy-lines', 'cancelled', 'Cancelled:  Teacher ill\nsee the notice  '),
      // a cancelled lesson with a note of its own, and a planned one whose note only looks like it
      at('2027-06-09', 'own-note', 'cancelled', 'Room 2 this time'),
      at('2027-06-10', 'planned', 'planned', 'Cancelled: maybe'),
    ])
    const ids = ['legacy', 'legacy-lines', 'own-note', 'planned']

    expect(CONVERSION).toHaveLength(1)
    await database.asOwner(async (owner) => {
      for (const statement of CONVERSION) await owner.execute(sql.raw(statement))
    })

    const rows = await database.db
      .select({ id: lessons.id, status: lessons.status, note: lessons.note, cancelReason: lessons.cancelReason })
      .from(lessons)
      .where(inArray(lessons.id, ids))
      .orderBy(lessons.id)
    expect(rows).toEqual([
      { id: 'legacy', status: 'cancelled', note: '', cancelReason: 'Pool closed, sorry; back next week' },
      { id: 'legacy-lines', status: 'cancelled', note: '', cancelReason: 'Teacher ill\nsee the notice' },
      { id: 'own-note', status: 'cancelled', note: 'Room 2 this time', cancelReason: null },
      { id: 'planned', status: 'planned', note: 'Cancelled: maybe', cancelReason: null },
    ])

    for (const lang of LOCALES) {
      const byId = await listed('2027-06-07', '2027-06-13', lang)
      expect(ids.map((id) => byId.get(id))).toEqual([
        expect.objectContaining({ id: 'legacy', note: '', cancelReason: 'Pool closed, sorry; back next week' }),
        expect.objectContaining({ id: 'legacy-lines', note: '', cancelReason: 'Teacher ill\nsee the notice' }),
        expect.objectContaining({ id: 'own-note', note: 'Room 2 this time', cancelReason: null }),
        expect.objectContaining({ id: 'planned', note: 'Cancelled: maybe', cancelReason: null }),
      ])
      const { t } = translatorFor(lang)
      const ics = await feed(lang)
      const legacy = event(ics, 'legacy')
      expect(legacy).toContain(icsText(t('timetable.cancelled.reason', { reason: 'Pool closed, sorry; back next week' })))
      expect(legacy).toContain(`SUMMARY:${t('timetable.feed.cancelled', { summary: 'Robotics' })}`)
      expect(event(ics, 'legacy-lines')).toContain(
        icsText(t('timetable.cancelled.reason', { reason: 'Teacher ill\nsee the notice' })),
      )
      expect(event(ics, 'own-note')).toContain('Room 2 this time')
      if (lang !== 'en')
        for (const id of ['legacy', 'legacy-lines', 'own-note']) expect(event(ics, id)).not.toContain('Cancelled')
    }

    // run again: nothing left to convert
    await database.asOwner(async (owner) => {
      for (const statement of CONVERSION) await owner.execute(sql.raw(statement))
    })
    const again = await database.db
      .select({ id: lessons.id, note: lessons.note, cancelReason: lessons.cancelReason })
      .from(lessons)
      .where(inArray(lessons.id, ids))
      .orderBy(lessons.id)
    expect(again).toEqual(rows.map(({ id, note, cancelReason }) => ({ id, note, cancelReason })))
  })

  it('a week document of such a lesson, projected again, keeps the converted row (its "Cancelled: …" note is read as the reason)', async () => {
    const day = '2027-06-15'
    const docName = encodeTimetableDocName(branchId, isoWeekOf(day))
    // the row as the migration left it, the document as the earlier version wrote it
    await database.db.insert(lessons).values({
      id: 'legacy-doc',
      branchId,
      doc: docName,
      roomId: lab,
      activityId: robotics,
      teacherId: staff.teacher.id,
      startsAt: new Date(`${day}T14:00:00Z`),
      endsAt: new Date(`${day}T15:00:00Z`),
      status: 'cancelled',
      note: '',
      cancelReason: 'Holiday',
    })
    const c = connect(server, cookies.reception, docName)
    await c.synced()
    c.doc.transact(() =>
      lessonsOf(c.doc).set(
        'legacy-doc',
        lessonMap({
          roomId: lab,
          start: `${day}T18:00:00+04:00`,
          end: `${day}T19:00:00+04:00`,
          activityId: robotics,
          teacherId: staff.teacher2.id,
          status: 'cancelled',
          note: 'Cancelled: Holiday',
        }),
      ),
    )
    await waitFor(
      async () =>
        (await database.db.select().from(lessons).where(eq(lessons.id, 'legacy-doc')))[0]?.teacherId === staff.teacher2.id,
      3000,
      'projected',
    )
    c.destroy()
    const [row] = await database.db.select().from(lessons).where(eq(lessons.id, 'legacy-doc'))
    expect(row).toMatchObject({ status: 'cancelled', note: '', cancelReason: 'Holiday' })
  })
})
