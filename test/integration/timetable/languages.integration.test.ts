import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { buildBranch, buildRoom, buildStaff } from '../../support/factories'
import { activities, lessons } from '../../../db/schema/index'
import { encodeTimetableDocName, isoWeekOf, lessonMap, lessonsOf } from '../../../domain/docs/timetable-week'
import { renderAlertMessage } from '../../../domain/alerts/messages'
import type { Locale } from '../../../domain/i18n/locales'
import { TEST_MODULES, registerOwingCheck } from '../../support/test-area'
import type { RunningServer } from '../../../server/server'
import { connect, login, waitFor } from '../collab/helpers'

/**
 * Issue #14 in the timetable: what its routes and documents say reaches the reader as a message id
 * with parameters (and, where the server words it, in the request's language), never as English
 * the server wrote: clashes found by "Generate", a lesson's problems (old English rows too), why a
 * group member owes, a cancelled lesson's reason, the iCalendar feed.
 */

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
  const [a] = await database.db
    .insert(activities)
    .values({
      name: 'Robotics',
      category: 'science',
      durationMinutes: 60,
      maxGroupSize: 10,
      staffRatio: 8,
      pricePerSession: '15.00',
    })
    .returning()
  robotics = a.id
  server = await startTestServer(database, {}, TEST_MODULES)
  for (const l of ['owner', 'manager', 'reception']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

/** A call in a language (Accept-Language). */
async function call(method: string, path: string, cookie: string, json?: unknown, lang: Locale = 'en') {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      cookie,
      origin: server.url,
      'accept-language': lang,
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: json !== undefined ? JSON.stringify(json) : undefined,
  })
  const text = await res.text()
  return { status: res.status, data: text.startsWith('{') ? JSON.parse(text) : text }
}

async function group(name: string, over: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/groups', cookies.manager, {
    branchId,
    activityId: robotics,
    name,
    teacherId: staff.teacher.id,
    roomId: lab,
    pattern: [{ weekday: 2, start: '16:00', end: '17:00' }],
    termStart: '2026-09-01',
    termEnd: '2027-06-30',
    ...over,
  })
  if (res.status !== 201) throw new Error(JSON.stringify(res.data))
  return res.data.group.id as string
}

describe('Generate', () => {
  it('reports each clash as its message id + parameters, worded in the request’s language', async () => {
    await group('Juniors')
    await group('Seniors', { teacherId: staff.teacher2.id, pattern: [{ weekday: 2, start: '16:30', end: '17:30' }] })
    const range = { branchId, from: '2027-03-01', to: '2027-03-07' }
    const words: Record<Locale, RegExp> = { hy: /կրկնակի ամրագրում/, ru: /двойное бронирование/, en: /is double-booked/ }
    for (const lang of ['ru', 'hy', 'en'] as const) {
      // (the first run creates the lessons; the next ones report what the range holds)
      const res = await call('POST', '/api/timetable/generate', cookies.reception, range, lang)
      expect(res.status).toBe(200)
      const rooms = res.data.clashes.filter((c: { kind: string }) => c.kind === 'room_clash')
      expect(rooms).toHaveLength(2)
      for (const c of rooms) {
        expect(c.messageId).toBe('alerts.roomClash')
        expect(c.params.room).toBe('Lab')
        expect(c.params.lessons).toEqual({
          messages: expect.arrayContaining([
            { id: 'alerts.legacy', params: { text: 'Juniors' } },
            { id: 'alerts.legacy', params: { text: 'Seniors' } },
          ]),
        })
        expect(c.message).toMatch(words[lang])
        expect(c.message).toBe(renderAlertMessage(lang, c.messageId, c.params))
        expect(c.message).toContain('Juniors')
      }
    }
  })
})

describe('a lesson’s problems', () => {
  it('are messages with parameters; a row projected before that (English) is read as its messages', async () => {
    const week = '2027-W14'
    const docName = encodeTimetableDocName(branchId, week)
    const c = connect(server, cookies.reception, docName)
    await c.synced()
    c.doc.transact(() =>
      lessonsOf(c.doc).set(
        'backwards',
        lessonMap({
          roomId: lab,
          start: '2027-04-05T11:00:00+04:00',
          end: '2027-04-05T10:00:00+04:00',
          activityId: robotics,
          teacherId: staff.teacher.id,
          status: 'planned',
        }),
      ),
    )
    await waitFor(
      async () => (await database.db.select().from(lessons).where(eq(lessons.id, 'backwards'))).length === 1,
      3000,
      'projected',
    )
    c.destroy()
    // a row as an earlier version projected it: its problems in English
    await database.db.insert(lessons).values({
      id: 'old-row',
      branchId,
      doc: encodeTimetableDocName(branchId, isoWeekOf('2027-04-06')),
      roomId: lab,
      startsAt: new Date('2027-04-06T10:00:00Z'),
      endsAt: new Date('2027-04-06T11:00:00Z'),
      activityId: robotics,
      teacherId: null,
      valid: false,
      problems: ['No teacher', 'Group Chess was deleted', 'Something else'],
    })
    const list = await call('GET', `/api/lessons?branchId=${branchId}&from=2027-04-05&to=2027-04-11`, cookies.reception)
    const byId = new Map<string, { problems: unknown }>(list.data.items.map((l: { id: string }) => [l.id, l]))
    expect(byId.get('backwards')?.problems).toEqual([{ id: 'timetable.problem.endsBeforeStart' }])
    expect(byId.get('old-row')?.problems).toEqual([
      { id: 'timetable.problem.noTeacher' },
      { id: 'timetable.problem.groupDeleted', params: { group: 'Chess' } },
      { id: 'timetable.problem.other', params: { text: 'Something else' } },
    ])
  })
})

describe('why a member owes', () => {
  it('reaches the group list and the lessons as the owing check’s message ids', async () => {
    const g = await group('Owing', { pattern: [{ weekday: 4, start: '10:00', end: '11:00' }] })
    const client = await call('POST', '/api/clients', cookies.reception, {
      firstName: 'Owen',
      lastName: 'Test',
      birthDate: '1990-01-01',
      phone: '+374 10 555 123',
      consent: true,
      confirmNotDuplicate: true,
    })
    expect(client.status).toBe(201)
    const m = client.data.id as string
    expect((await call('POST', `/api/groups/${g}/members`, cookies.reception, { clientId: m })).status).toBe(201)
    const off = registerOwingCheck(
      'test: owes',
      async (ids) => new Map(ids.map((i) => [i, [{ id: 'clients.filters.owingHint' as const }]])),
    )
    try {
      const list = await call('GET', `/api/groups?branchId=${branchId}`, cookies.reception, undefined, 'hy')
      const row = list.data.items.find((x: { id: string }) => x.id === g)
      expect(row.owing).toEqual([
        { clientId: m, name: 'Owen Test', erased: false, reasons: [{ id: 'clients.filters.owingHint' }] },
      ])
    } finally {
      off()
    }
  })
})

describe('a cancelled lesson', () => {
  it('keeps its status as the kind and the reason as typed, beside its note; the feed words it in the reader’s language', async () => {
    const week = '2027-W20'
    const docName = encodeTimetableDocName(branchId, week)
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
    const res = await call('POST', '/api/lessons/to-cancel/cancel', cookies.reception, { reason: 'Teacher ill' })
    expect(res.status).toBe(200)
    const m = () => lessonsOf(c.doc).get('to-cancel')
    await waitFor(() => m()?.get('status') === 'cancelled', 3000, 'cancelled in the document')
    expect(m()?.get('cancelReason')).toBe('Teacher ill')
    expect(m()?.get('note')).toBe('Bring the kits')
    expect(JSON.stringify(m()?.toJSON())).not.toContain('Cancelled')
    c.destroy()

    const feed = await call('POST', '/api/calendar-feeds', cookies.manager, { kind: 'room', subjectId: lab })
    expect(feed.status).toBe(201)
    const ics = async (lang: Locale) => {
      const r = await fetch(server.url + new URL(feed.data.url).pathname, { headers: { 'accept-language': lang } })
      // (long lines are folded: a line break and a space)
      return (await r.text()).replace(/\r\n[ \t]/g, '')
    }
    const ru = await ics('ru')
    expect(ru).toContain('SUMMARY:Отменено: Robotics')
    expect(ru).toContain('X-WR-CALNAME:Clubroom: занятия кабинета')
    const hy = await ics('hy')
    expect(hy).toContain('SUMMARY:Չեղարկված է՝ Robotics')
    const en = await ics('en')
    expect(en).toContain('SUMMARY:Cancelled: Robotics')
    expect(en).not.toContain('CANCELLED')
  })
})
