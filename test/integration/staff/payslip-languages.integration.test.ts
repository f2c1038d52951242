import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { centerSettings, employees, lessons, payAdjustments, paySchemes, teacherServices, users } from '../../../db/schema/index'
import { formatDateTime, formatDay, formatMoney, formatMonthYear } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildUser } from '../../support/factories'
import { pdfText, squash } from '../../support/pdf-text'
import { buildTwoBranches } from '../../support/two-branches'

/**
 * Issue #19: a payslip reads in its reader's language, by the rule of the other PDFs (the sale
 * receipt, the invoice): the language the request asks for (the tab's, which the client sends as
 * Accept-Language), else the center's default. Asked by an Armenian-speaking accountant and a
 * Russian-speaking one, the same payslip reads back (the text through the embedded fonts'
 * ToUnicode maps) wholly in their language: the title, the branch, the month, who approved it and
 * when, every line's kind and how it was computed (per hour, the days of a month's fixed pay), the
 * amounts formatted in that language, the total; a draft says so in that language too.
 *
 * Worked example (October 2026, Central): a lesson on 20 Oct of 60 minutes, 3 000 a lesson and
 * 6 000 an hour; 155 000 a month from 16 Oct (16/31 of it: 80 000); a bonus of 2 500. Total 91 500.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let central = ''
let employeeId = ''
const cookies: Record<string, string> = {}
const TOTAL = 3000 + 6000 + 80_000 + 2500
/** The catalogue's English words of a payslip: none may be left on an Armenian or Russian one. */
const ENGLISH = /Payslip|Branch|Period|Approved|DRAFT|Total|per hour|days|Per lesson|Hourly|Monthly pay|Bonus|Attendees/

const readers: Array<{ login: string; name: string; locale: Locale }> = [
  { login: 'anahit', name: 'Անահիտ Սարգսյան', locale: 'hy' },
  { login: 'olga', name: 'Ольга Смирнова', locale: 'ru' },
]

beforeAll(async () => {
  database = await createTestDatabase()
  // the center speaks Russian unless the request asks for another language we speak
  await database.db.update(centerSettings).set({ defaultLocale: 'ru' })
  const center = await buildTwoBranches(database.db)
  central = center.central.branch.id
  t = createTestApp(database)
  const db = database.db
  for (const r of readers) {
    const u = await buildUser(db, { login: r.login, name: r.name, roles: ['accountant'], branchIds: [central] })
    await db.update(users).set({ locale: r.locale }).where(eq(users.id, u.id))
    cookies[r.login] = await t.login(r.login)
  }
  const teacher = center.staff.teacher.id
  const [e] = await db
    .insert(employees)
    .values({ name: 'Աննա Պետրոսյան', userId: teacher, positions: ['teacher'], branchIds: [central] })
    .returning()
  employeeId = e.id
  await db.insert(paySchemes).values([
    { employeeId, validFrom: '2026-01-01', validTo: '2026-10-15', perLesson: 3000, hourly: 6000 },
    { employeeId, validFrom: '2026-10-16', perLesson: 3000, hourly: 6000, monthly: 155_000 },
  ])
  const start = new Date('2026-10-20T10:00:00Z')
  await db.insert(lessons).values({
    id: 'payslip-lesson-1',
    branchId: central,
    doc: 'timetable:test',
    startsAt: start,
    endsAt: new Date(start.getTime() + 60 * 60_000),
    activityId: center.activity.id,
    groupId: center.central.group.id,
    teacherId: teacher,
    status: 'done',
  })
  await db.insert(teacherServices).values({
    completionId: 1,
    lessonId: 'payslip-lesson-1',
    teacherId: teacher,
    activityId: center.activity.id,
    durationMinutes: 60,
    attending: 4,
    sign: 1,
    by: teacher,
  })
  await db
    .insert(payAdjustments)
    .values({ employeeId, branchId: central, on: '2026-10-21', kind: 'bonus', amount: 2500, reason: 'Բաց դռների օր' })
  const approved = await t.call('POST', '/api/payroll/approve', {
    cookie: cookies.anahit,
    json: { branchId: central, month: '2026-10' },
  })
  expect(approved.status, JSON.stringify(approved.data)).toBe(201)
}, 60_000)
afterAll(async () => {
  await database?.destroy()
})

/** A payslip as its reader gets it: their tab's language as Accept-Language (none: the center's default). */
async function payslip(who: string, month: string, language?: string) {
  const res = await t.app.request(
    `http://localhost/api/payroll/payslip.pdf?branchId=${central}&month=${month}&employeeId=${employeeId}`,
    { headers: { cookie: cookies[who], ...(language ? { 'accept-language': language } : {}) } },
  )
  const body = Buffer.from(await res.arrayBuffer())
  expect(res.status, body.toString()).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/pdf')
  return { language: res.headers.get('content-language'), ...pdfText(body) }
}

describe('a payslip in its reader’s language', () => {
  for (const reader of readers)
    it(`reads wholly in ${reader.locale} for ${reader.login}: title, branch, month, approval, every line explained, total`, async () => {
      const lang = reader.locale
      const tr = translatorFor(lang).t
      const money = (n: number) => squash(formatMoney(n, 'AMD', lang))
      const { text, fonts, language } = await payslip(reader.login, '2026-10', lang)
      expect(language).toBe(lang)
      expect(fonts.filter((f) => !f.includes('+'))).toEqual([])
      const all = squash(text)
      const view = await t.call('GET', `/api/payroll?branchId=${central}&month=2026-10`, {
        cookie: cookies[reader.login],
        headers: { 'accept-language': lang },
      })
      const p = view.data.payroll as { approvedAt: string; timezone: string }
      expect(all).toContain(squash(tr('payroll.payslip.title')))
      expect(all).toContain(squash('Աննա Պետրոսյան'))
      expect(all).toContain(squash(tr('payroll.payslip.branch', { name: 'Central' })))
      expect(all).toContain(squash(tr('payroll.payslip.period', { month: formatMonthYear('2026-10', lang) })))
      expect(all).toContain(
        squash(
          tr('payroll.payslip.approved', {
            name: 'Անահիտ Սարգսյան',
            date: formatDateTime(new Date(p.approvedAt), lang, p.timezone),
          }),
        ),
      )
      // the lesson: per lesson and per hour, its attendees, the minutes
      const lessonHead = squash(`${formatDay('2026-10-20', lang)} · ${tr('payroll.kind.lesson')} · Group central`)
      expect(all).toContain(`${lessonHead}${money(3000)}`)
      expect(all).toContain(`${squash(`${formatDay('2026-10-20', lang)} · ${tr('payroll.kind.hourly')}`)}`)
      expect(all).toContain(squash(`${tr('payroll.col.attendees')}: 4`))
      expect(all).toContain(squash(`${tr('payroll.col.minutes')}: 60`))
      expect(all).toContain(squash(tr('payroll.rate.perHour', { rate: formatMoney(6000, 'AMD', lang) })))
      // the month's fixed pay from 16 Oct: 16 of 31 days
      expect(all).toContain(`${squash(`${formatDay('2026-10-16', lang)} · ${tr('payroll.kind.monthly')}`)}${money(80_000)}`)
      expect(all).toContain(squash(tr('payroll.rate.days', { rate: formatMoney(155_000, 'AMD', lang), days: '16/31' })))
      expect(all.split('16/31').length - 1).toBe(1)
      // the bonus with its reason, and the total
      expect(all).toContain(
        `${squash(`${formatDay('2026-10-21', lang)} · ${tr('payroll.kind.bonus')} · Բաց դռների օր`)}${money(2500)}`,
      )
      expect(all.split(squash('Բաց դռների օր')).length - 1).toBe(1)
      expect(all).toContain(`${squash(tr('payroll.total'))}${money(TOTAL)}`)
      // nothing left in English
      expect(text).not.toMatch(ENGLISH)
    })

  it('a draft says so in the reader’s language', async () => {
    for (const reader of readers) {
      const { text } = await payslip(reader.login, '2026-11', reader.locale)
      const tr = translatorFor(reader.locale).t
      expect(squash(text)).toContain(squash(tr('payroll.payslip.draft')))
      expect(squash(text)).toContain(squash(tr('payroll.payslip.period', { month: formatMonthYear('2026-11', reader.locale) })))
      expect(text).not.toMatch(ENGLISH)
    }
  })

  it('asked in no language we speak, reads in the center’s default (here Russian)', async () => {
    for (const asked of [undefined, 'de-DE, fr;q=0.8']) {
      const { text, language } = await payslip('anahit', '2026-10', asked)
      expect(language).toBe('ru')
      expect(squash(text)).toContain(squash(translatorFor('ru').t('payroll.payslip.title')))
      expect(text).not.toMatch(ENGLISH)
    }
    // the first language of the request we speak wins
    const { text, language } = await payslip('olga', '2026-10', 'de, hy;q=0.9, ru;q=0.5')
    expect(language).toBe('hy')
    expect(squash(text)).toContain(squash(translatorFor('hy').t('payroll.payslip.title')))
  })
})
