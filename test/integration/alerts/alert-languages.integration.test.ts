import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { alerts, users } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { renderAlertMessage } from '../../../domain/alerts/messages'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { client, closeClients, connected, login, next } from '../socket/helpers'

/**
 * Issue #14: an alert is stored as kind + parameters and each reader gets it in their language —
 * over HTTP in the request's language, on the live feed in each recipient's own (else the center's).
 */
let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildTwoBranches>>
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  // reception reads Russian, the owner Armenian; the manager follows the center's default (English in tests)
  await database.db.update(users).set({ locale: 'ru' }).where(eq(users.id, center.staff.reception.id))
  await database.db.update(users).set({ locale: 'hy' }).where(eq(users.id, center.staff.owner.id))
  server = await startTestServer(database)
  for (const who of ['owner', 'manager', 'reception']) cookies[who] = await login(server, who)
})
afterEach(() => closeClients())
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

async function get(cookie: string, path: string, language: string) {
  const res = await fetch(server.url + path, { headers: { cookie, origin: server.url, 'accept-language': language } })
  return { status: res.status, data: (await res.json()) as { items: Array<Record<string, unknown>> } }
}

describe('a cancelled lesson’s alert', () => {
  let alertId = ''
  const live: Record<string, Promise<{ message: string; messageId?: string }>> = {}

  it('reaches each recipient on the live feed in their own language', async () => {
    for (const who of ['owner', 'manager', 'reception']) {
      const socket = await connected(client(server, cookies[who]))
      live[who] = next(socket, 'alert.raised')
    }
    const res = await fetch(`${server.url}/api/lessons/${center.central.lesson.id}/cancel`, {
      method: 'POST',
      headers: { cookie: cookies.reception, origin: server.url, 'content-type': 'application/json', 'accept-language': 'ru' },
      body: JSON.stringify({ reason: 'Teacher ill' }),
    })
    expect(res.status).toBe(200)
    const [ru, en, hy] = await Promise.all([live.reception, live.manager, live.owner])
    expect(ru.messageId).toBe('alerts.lessonCancelled')
    expect(ru.message).toMatch(/^Занятие .* отменено \(Teacher ill\): уведомлять некого$/)
    expect(en.message).toMatch(/^Lesson .* cancelled \(Teacher ill\): nobody to notify$/)
    expect(hy.message).toMatch(/^Դասը \(.*\) չեղարկվել է \(Teacher ill\)\. տեղեկացնելու ոչ ոք չկա$/)
    // the lesson's time in its branch's time zone, in each language's words
    expect(en.message).toContain(':')
    const [row] = await database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, 'lesson_cancelled'), eq(alerts.subject, `lesson:${center.central.lesson.id}`)))
    alertId = String(row.id)
    // stored: the kind and its parameters; the English text beside them for logs
    expect(row.messageId).toBe('alerts.lessonCancelled')
    expect(row.params).toMatchObject({ hasReason: 'yes', reason: 'Teacher ill', members: 0, makeUp: 'no' })
    expect(row.message).toBe(en.message)
  })

  it('is listed over HTTP in the request’s language, the same alert for each reader', async () => {
    const ru = await get(cookies.reception, '/api/alerts?kind=lesson_cancelled', 'ru')
    const en = await get(cookies.manager, '/api/alerts?kind=lesson_cancelled', 'en')
    const hy = await get(cookies.owner, '/api/alerts?kind=lesson_cancelled', 'hy')
    const pick = (r: typeof ru) => r.data.items.find((a) => a.id === alertId)!
    expect(pick(ru).message).toContain('отменено (Teacher ill)')
    expect(pick(en).message).toContain('cancelled (Teacher ill)')
    expect(pick(hy).message).toContain('չեղարկվել է (Teacher ill)')
    expect(pick(ru).messageId).toBe('alerts.lessonCancelled')
    expect(pick(ru).params).toEqual(pick(en).params)
    // the manager reading Russian gets Russian: the request's language decides, not the stored text
    expect(pick(await get(cookies.manager, '/api/alerts?kind=lesson_cancelled', 'ru')).message).toBe(pick(ru).message)
  })
})

describe('parameters only the reader’s language can format', () => {
  it('renders lesson times in the branch’s time zone, lists by the language’s rules, plurals by CLDR', () => {
    const params = {
      group: 'Chess A',
      when: { span: ['2026-03-09T12:00:00.000Z', '2026-03-09T13:00:00.000Z'] as [string, string], timeZone: 'Asia/Yerevan' },
      members: 21,
      capacity: 12,
    }
    expect(renderAlertMessage('ru', 'alerts.overCapacity', params)).toMatch(/^Chess A, пн .*16:00–17:00: 21 участник, а/)
    expect(renderAlertMessage('en', 'alerts.overCapacity', { ...params, members: 5 })).toMatch(/Mon .*16:00–17:00: 5 members/)
    const clash = {
      room: '2',
      when: params.when,
      lessons: { messages: [{ id: 'alerts.aLesson' }, { id: 'alerts.legacy', params: { text: 'Chess B' } }] },
    }
    expect(renderAlertMessage('ru', 'alerts.roomClash', clash)).toMatch(/: занятие и Chess B$/)
    expect(renderAlertMessage('en', 'alerts.roomClash', clash)).toMatch(/: a lesson and Chess B$/)
    expect(renderAlertMessage('hy', 'alerts.roomClash', clash)).toMatch(/դաս և Chess B$/)
    // what the erasure writes over an alert has its own message (migration 0013 converted the old English rows)
    expect(renderAlertMessage('ru', 'alerts.erasedClient', {})).toBe('Удалённый клиент')
    expect(renderAlertMessage('hy', 'alerts.concernsErasedClient', {})).toBe('Վերաբերում է ջնջված հաճախորդի')
    // an id the catalogue does not know: the stored English text
    expect(renderAlertMessage('ru', 'alerts.noSuchKind', {}, 'Old text')).toBe('Old text')
  })
})

describe('the migration of old rows', () => {
  // the conversion statements of the migration, run again over rows written as before it
  const conversion = readFileSync(new URL('../../../db/migrations/0011_alert_messages.sql', import.meta.url), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('UPDATE "alerts"'))

  it('turns known English texts into kinds with parameters and keeps any other text as alerts.legacy', async () => {
    const lesson = center.central.lesson
    const old = (kind: string, subject: string, message: string) => ({ kind, subject, message, roles: ['owner'] })
    const rows = await database.db
      .insert(alerts)
      .values([
        old(
          'waiting_list_offer',
          'waiting:1',
          'A place is free in Group central: offer it to Ann Smith (first on the waiting list)',
        ),
        old('room_clash', `lesson:${lesson.id}`, 'Room central double-booked Mon 8 Mar 16:00–17:00: Group central and Chess B'),
        old('client_file_incomplete', 'client:x', 'Ann Smith: Birth date is required; Not a phone number'),
        old('debt', 'payment:1', 'Debt 40 €'),
      ])
      .returning({ id: alerts.id })
    expect(conversion.length).toBeGreaterThanOrEqual(6)
    for (const statement of conversion) await database.db.execute(sql.raw(statement))
    const byId = new Map(
      (await database.db.select().from(alerts)).filter((a) => rows.some((r) => r.id === a.id)).map((a) => [a.kind, a]),
    )
    const offer = byId.get('waiting_list_offer')!
    expect(offer.messageId).toBe('alerts.waitingListOffer')
    expect(renderAlertMessage('ru', offer.messageId, offer.params)).toBe(
      'В группе Group central освободилось место: предложите его клиенту Ann Smith (первый в листе ожидания)',
    )
    const clash = byId.get('room_clash')!
    expect(clash.messageId).toBe('alerts.roomClash')
    expect(clash.params).toMatchObject({ room: 'Room central', lessons: { list: ['Group central', 'Chess B'] } })
    expect(renderAlertMessage('ru', clash.messageId, clash.params)).toMatch(
      /^Room central: двойное бронирование, .*: Group central и Chess B$/,
    )
    const file = byId.get('client_file_incomplete')!
    expect(file.messageId).toBe('alerts.clientFileIncomplete')
    expect(renderAlertMessage('en', file.messageId, file.params)).toBe(
      'Ann Smith: the client file is incomplete (Birth date is required; Not a phone number)',
    )
    const debt = byId.get('debt')!
    expect(debt.messageId).toBe('alerts.legacy')
    expect(debt.params).toEqual({ text: 'Debt 40 €' })
    expect(renderAlertMessage('hy', debt.messageId, debt.params)).toBe('Debt 40 €')
  })
})
