import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, desc, eq } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { buildBranch, buildStaff } from '../../support/factories'
import { auditLog, users } from '../../../db/schema/index'

/**
 * Errors in the reader's language (Accept-Language, else the center's default): the code and the
 * field paths stay machine-readable, the message and each field's text come from the catalogue
 * (never the validator's own text), with the message ids and parameters beside them. Each user's
 * language (PATCH /api/auth/me) and the center's settings (GET/PATCH /api/center).
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let staff: Awaited<ReturnType<typeof buildStaff>>
let branchId: string
const cookies: Record<string, string> = {}
const lang = (l: string) => ({ 'accept-language': l })

beforeAll(async () => {
  database = await createTestDatabase()
  t = createTestApp(database)
  staff = await buildStaff(database.db)
  branchId = (await buildBranch(database.db, 'Central')).id
  for (const login of ['owner', 'reception', 'auditor']) cookies[login] = await t.login(login)
})
afterAll(() => database.destroy())

describe('errors in the reader’s language', () => {
  const tooLong = (l: string) =>
    t.call('POST', '/api/branches', { cookie: cookies.owner, json: { name: 'x'.repeat(201) }, headers: lang(l) })

  it('renders one validation error in Russian and in Armenian: same code and field, the message differs', async () => {
    const ru = await tooLong('ru-RU,ru;q=0.9,en;q=0.5')
    const hy = await tooLong('hy-AM')
    for (const res of [ru, hy]) {
      expect(res.status).toBe(400)
      expect(res.data.error.code).toBe('validation_error')
      expect(Object.keys(res.data.error.fields)).toEqual(['name'])
      expect(res.data.error.messageId).toBe('errors.validation.invalid')
      expect(res.data.error.fieldMessages).toEqual({ name: { id: 'errors.field.tooLong', params: { max: 200 } } })
    }
    expect(ru.headers.get('content-language')).toBe('ru')
    expect(hy.headers.get('content-language')).toBe('hy')
    expect(ru.data.error.message).toBe('Некоторые поля заполнены неверно')
    expect(ru.data.error.fields.name).toBe('Не более 200 символов')
    expect(hy.data.error.message).toBe('Որոշ դաշտեր սխալ են լրացված')
    expect(hy.data.error.fields.name).toBe('Առավելագույնը 200 նիշ')
    // no word of the validator's own English anywhere in the body
    for (const res of [ru, hy]) {
      const body = JSON.stringify(res.data)
      expect(body).not.toMatch(/Too big|expected string|characters|Invalid input|<=/)
    }
  })

  it('the center’s default language answers a request without a language we speak', async () => {
    const res = await tooLong('de-DE,fr;q=0.8')
    expect(res.headers.get('content-language')).toBe('en') // the test center speaks English
    expect(res.data.error.fields.name).toBe('At most 200 characters')
    expect((await t.call('GET', '/api/center', { cookie: cookies.reception })).headers.get('content-language')).toBe('en')
  })

  it('renders parameters and plural forms by each language’s rules', async () => {
    const range = (l: string) =>
      t.call('GET', `/api/lessons?branchId=${branchId}&from=2026-01-01&to=2026-06-01`, {
        cookie: cookies.owner,
        headers: lang(l),
      })
    const [en, ru, hy] = await Promise.all([range('en'), range('ru'), range('hy')])
    for (const res of [en, ru, hy]) {
      expect(res.status).toBe(400)
      expect(res.data.error.fieldMessages.to).toEqual({ id: 'errors.field.spanTooLong', params: { maxDays: 93, other: 'from' } })
    }
    expect(en.data.error.fields.to).toBe('At most 93 days after from')
    expect(ru.data.error.fields.to).toBe('Не позже чем через 93 дня после поля from') // few: 93 дня
    expect(hy.data.error.fields.to).toBe('from դաշտից ոչ ավելի, քան 93 օր հետո')
    // a refusal with its own message: 403 in the reader's language
    const refused = await t.call('PATCH', '/api/center', {
      cookie: cookies.reception,
      json: { currency: 'USD' },
      headers: lang('ru'),
    })
    expect(refused.status).toBe(403)
    expect(refused.data.error).toMatchObject({
      code: 'forbidden',
      messageId: 'errors.center.ownerOnly',
      message: 'Настройки центра может менять только владелец',
    })
  })

  it('answers a request without a session in its language too', async () => {
    const res = await t.call('GET', '/api/clients', { headers: lang('hy') })
    expect(res.status).toBe(401)
    expect(res.data.error).toMatchObject({ code: 'unauthenticated', message: 'Նախ մուտք գործեք համակարգ' })
    expect(res.headers.get('content-language')).toBe('hy')
  })
})

describe('each user’s language', () => {
  it('GET /api/auth/me gives the user’s language (null: the center’s) and the center’s settings', async () => {
    const me = await t.call('GET', '/api/auth/me', { cookie: cookies.reception })
    expect(me.status).toBe(200)
    expect(me.data.user.locale).toBeNull()
    expect(me.data.center).toEqual({ defaultLocale: 'en', currency: 'AMD' })
  })

  it('PATCH /api/auth/me changes one’s own language, with its audit row', async () => {
    const res = await t.call('PATCH', '/api/auth/me', { cookie: cookies.reception, json: { locale: 'ru' } })
    expect(res.status).toBe(200)
    expect(res.data.user).toMatchObject({ login: 'reception', locale: 'ru' })
    const [row] = await database.db.select({ locale: users.locale }).from(users).where(eq(users.id, staff.reception.id))
    expect(row.locale).toBe('ru')
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.locale_change'), eq(auditLog.entityId, staff.reception.id)))
      .orderBy(desc(auditLog.id))
      .limit(1)
    expect(audit).toMatchObject({
      actorId: staff.reception.id,
      entity: 'user',
      before: { locale: null },
      after: { locale: 'ru' },
    })
    expect((await t.call('GET', '/api/auth/me', { cookie: cookies.reception })).data.user.locale).toBe('ru')
    // back to the center's default
    const back = await t.call('PATCH', '/api/auth/me', { cookie: cookies.reception, json: { locale: null } })
    expect(back.data.user.locale).toBeNull()
    // the auditor (read-only elsewhere) chooses their own language too
    expect((await t.call('PATCH', '/api/auth/me', { cookie: cookies.auditor, json: { locale: 'hy' } })).status).toBe(200)
  })

  it('refuses a language we do not speak with 400 naming the field, in the request’s language', async () => {
    const before = await database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.locale_change'))
    const ru = await t.call('PATCH', '/api/auth/me', { cookie: cookies.reception, json: { locale: 'de' }, headers: lang('ru') })
    expect(ru.status).toBe(400)
    expect(ru.data.error.code).toBe('validation_error')
    expect(ru.data.error.fieldMessages).toEqual({ locale: { id: 'errors.field.locale' } })
    expect(ru.data.error.fields.locale).toBe('Выберите один из языков: армянский (hy), русский (ru) или английский (en)')
    const hy = await t.call('PATCH', '/api/auth/me', { cookie: cookies.reception, json: {}, headers: lang('hy') })
    expect(hy.status).toBe(400)
    expect(hy.data.error.fields.locale).toMatch(/^Ընտրեք լեզուներից մեկը/)
    const after = await database.db.select().from(auditLog).where(eq(auditLog.action, 'auth.locale_change'))
    expect(after.length).toBe(before.length)
  })
})

describe('the center’s settings', () => {
  it('any signed-in user reads them; only the owner changes them, with an audit row, and the default follows at once', async () => {
    expect((await t.call('GET', '/api/center')).status).toBe(401)
    const read = await t.call('GET', '/api/center', { cookie: cookies.reception })
    expect(read).toMatchObject({ status: 200, data: { defaultLocale: 'en', currency: 'AMD' } })

    const refused = await t.call('PATCH', '/api/center', { cookie: cookies.reception, json: { defaultLocale: 'ru' } })
    expect(refused.status).toBe(403)
    expect(refused.data.error.message).toBe('Only the owner may change the center’s settings')
    expect((await t.call('PATCH', '/api/center', { cookie: cookies.auditor, json: { defaultLocale: 'ru' } })).status).toBe(403)
    const bad = await t.call('PATCH', '/api/center', { cookie: cookies.owner, json: { currency: 'GBP' } })
    expect(bad.status).toBe(400)
    expect(bad.data.error.fieldMessages).toEqual({ currency: { id: 'errors.field.currency' } })

    const changed = await t.call('PATCH', '/api/center', {
      cookie: cookies.owner,
      json: { defaultLocale: 'ru', currency: 'RUB' },
    })
    expect(changed).toMatchObject({ status: 200, data: { defaultLocale: 'ru', currency: 'RUB' } })
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'center.configure'))
    expect(audit).toMatchObject({
      actorId: staff.owner.id,
      entity: 'center',
      before: { defaultLocale: 'en', currency: 'AMD' },
      after: { defaultLocale: 'ru', currency: 'RUB' },
    })
    // a request without a language now gets Russian; one with English still English
    const ru = await t.call('POST', '/api/branches', { cookie: cookies.owner, json: {} })
    expect(ru.headers.get('content-language')).toBe('ru')
    expect(ru.data.error.fields.name).toBe('Обязательное поле')
    const en = await t.call('POST', '/api/branches', { cookie: cookies.owner, json: {}, headers: lang('en') })
    expect(en.data.error.fields.name).toBe('Required')
    expect((await t.call('GET', '/api/auth/me', { cookie: cookies.reception })).data.center).toEqual({
      defaultLocale: 'ru',
      currency: 'RUB',
    })
    await t.call('PATCH', '/api/center', { cookie: cookies.owner, json: { defaultLocale: 'en', currency: 'AMD' } })
  })
})
