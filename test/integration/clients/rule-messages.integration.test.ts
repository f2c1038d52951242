import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { alerts } from '../../../db/schema/index'
import { guardiansOf } from '../../../domain/docs/client-file'
import type { MessageId } from '../../../domain/i18n/catalogue'
import { LOCALES } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildStaff } from '../../support/factories'
import { connect, login, waitFor } from '../collab/helpers'

/**
 * Issue #14: the client rules name their problems by message id. A registration or a record with
 * each problem is answered in the request's language (Armenian, Russian, English), field by field;
 * the incomplete file's alert stores ids, not English; the erasure writes the erased client's
 * alerts as messages of their own, each read in the reader's language.
 */
let database: TestDatabase
let server: RunningServer
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  server = await startTestServer(database)
  for (const l of ['owner', 'manager', 'reception']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

async function call(method: string, path: string, cookie: string, language: string, json?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      cookie,
      origin: server.url,
      'accept-language': language,
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: json !== undefined ? JSON.stringify(json) : undefined,
  })
  return { status: res.status, data: await res.json() }
}

/** Asks in each language; each field's message is the catalogue's text in that language, and its id is given beside it. */
async function expectFieldMessages(method: string, path: string, body: unknown, expected: Record<string, MessageId>) {
  for (const lang of LOCALES) {
    const res = await call(method, path, cookies.reception, lang, body)
    expect(res.status, `${path} in ${lang}`).toBe(400)
    const t = translatorFor(lang).t
    expect(res.data.error.fields, `the fields in ${lang}`).toEqual(
      Object.fromEntries(Object.entries(expected).map(([field, id]) => [field, t(id)])),
    )
    expect(res.data.error.fieldMessages).toEqual(Object.fromEntries(Object.entries(expected).map(([f, id]) => [f, { id }])))
  }
}

const ALL_FIELDS = ['firstName', 'lastName', 'birthDate', 'phoneOrGuardianPhone', 'email', 'consent', 'source']
const DEFAULT_FIELDS = ['firstName', 'lastName', 'birthDate', 'phoneOrGuardianPhone', 'consent']
const adult = { firstName: 'Ani', lastName: 'Hakobyan', birthDate: '1990-05-05', phone: '+374 91 123456', consent: true }

describe('a registration with each problem', () => {
  it('names the missing mandatory fields in the reader’s language', async () => {
    await expectFieldMessages(
      'POST',
      '/api/clients',
      { guardians: [] },
      {
        firstName: 'errors.clients.firstNameRequired',
        lastName: 'errors.clients.lastNameRequired',
        birthDate: 'errors.clients.birthDateRequired',
        phone: 'errors.clients.phoneRequired',
        consent: 'errors.clients.consentRequired',
      },
    )
  })

  it('names a required email and lead source when the center asks for them', async () => {
    const put = await call('PUT', '/api/settings/registration', cookies.manager, 'en', { requiredFields: ALL_FIELDS })
    expect(put.status).toBe(200)
    try {
      await expectFieldMessages('POST', '/api/clients', adult, {
        email: 'errors.clients.emailRequired',
        source: 'errors.clients.sourceRequired',
      })
    } finally {
      await call('PUT', '/api/settings/registration', cookies.manager, 'en', { requiredFields: DEFAULT_FIELDS })
    }
  })

  it('names malformed phones and emails and each guardian’s missing fields', async () => {
    await expectFieldMessages(
      'POST',
      '/api/clients',
      { ...adult, phone: 'call me', email: 'nope@', guardians: [{ name: ' ', relation: '', phone: '', email: 'x@' }] },
      {
        phone: 'errors.clients.phoneInvalid',
        email: 'errors.clients.emailInvalid',
        'guardians.0.name': 'errors.clients.guardianNameRequired',
        'guardians.0.relation': 'errors.clients.relationRequired',
        'guardians.0.phone': 'errors.clients.guardianPhoneRequired',
        'guardians.0.email': 'errors.clients.emailInvalid',
      },
    )
    await expectFieldMessages(
      'POST',
      '/api/clients',
      { ...adult, guardians: [{ name: 'Aram Hakobyan', relation: 'father', phone: '12' }] },
      { 'guardians.0.phone': 'errors.clients.phoneInvalid' },
    )
  })

  it('asks for a guardian of a minor', async () => {
    const child = `${new Date().getUTCFullYear() - 8}-03-01`
    await expectFieldMessages(
      'POST',
      '/api/clients',
      { ...adult, birthDate: child, phone: null, guardians: [] },
      { guardians: 'errors.clients.guardianNeeded', phone: 'errors.clients.phoneRequired' },
    )
  })

  it('refuses birth dates in the wrong format, on no real day, before 1900 and in the future', async () => {
    const cases: Array<[string, MessageId]> = [
      ['05.05.1990', 'errors.clients.dateFormat'],
      ['1990-02-30', 'errors.clients.dateNotReal'],
      ['1899-12-31', 'errors.clients.birthDateBefore1900'],
      ['2099-01-01', 'errors.clients.birthDateFuture'],
    ]
    for (const [birthDate, id] of cases)
      await expectFieldMessages('POST', '/api/clients', { ...adult, birthDate }, { birthDate: id })
  })
})

describe('a record dated in the future', () => {
  it('is refused with the date’s message in the reader’s language', async () => {
    const created = await call('POST', '/api/clients', cookies.reception, 'en', {
      ...adult,
      firstName: 'Record',
      phone: '+374 55 987654',
    })
    expect(created.status).toBe(201)
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
    const record = { kind: 'award', date: tomorrow, title: 'Chess cup' }
    await expectFieldMessages('POST', `/api/clients/${created.data.id}/records`, record, { date: 'errors.clients.dateFuture' })
    // a date long ago is a record's date all the same (no 1900 floor for records)
    const old = await call('POST', `/api/clients/${created.data.id}/records`, cookies.reception, 'en', {
      ...record,
      date: '1950-01-01',
    })
    expect(old.status).toBe(201)
  })
})

describe('an incomplete client file', () => {
  it('stores each field’s problem as a message id and reads the alert in each reader’s language', async () => {
    const child = `${new Date().getUTCFullYear() - 9}-06-01`
    const created = await call('POST', '/api/clients', cookies.reception, 'en', {
      firstName: 'Mane',
      lastName: 'Sargsyan',
      birthDate: child,
      consent: true,
      guardians: [{ name: 'Lilit Sargsyan', relation: 'mother', phone: '+374 93 111222' }],
    })
    expect(created.status).toBe(201)
    const id: string = created.data.id
    const file = connect(server, cookies.reception, `client:${id}`)
    try {
      await file.synced()
      const key = [...guardiansOf(file.doc).keys()][0]
      file.doc.transact(() => guardiansOf(file.doc).delete(key))
      const alert = await waitFor(
        async () => {
          const [row] = await database.db
            .select()
            .from(alerts)
            .where(and(eq(alerts.subject, `client:${id}`), isNull(alerts.clearedAt)))
          return row
        },
        3000,
        'the alert',
      )
      expect(alert.details).toEqual({
        problems: { guardians: 'errors.clients.guardianNeeded', phone: 'errors.clients.phoneRequired' },
      })
      expect(alert.params).toEqual({
        client: 'Mane Sargsyan',
        problems: { messages: [{ id: 'errors.clients.guardianNeeded' }, { id: 'errors.clients.phoneRequired' }], separate: true },
      })
      for (const lang of LOCALES) {
        const t = translatorFor(lang).t
        const page = await call('GET', `/api/clients/${id}`, cookies.reception, lang)
        const [shown] = page.data.client.alerts as Array<{ message: string; details: { problems: Record<string, string> } }>
        expect(shown.message).toBe(
          t('alerts.clientFileIncomplete', {
            client: 'Mane Sargsyan',
            problems: `${t('errors.clients.guardianNeeded')}; ${t('errors.clients.phoneRequired')}`,
          }),
        )
        expect(shown.details.problems.guardians).toBe('errors.clients.guardianNeeded')
      }
    } finally {
      file.destroy()
    }
  })
})

describe('erasing a client', () => {
  it('writes its alerts as messages of their own, and the others without the name, in each reader’s language', async () => {
    const created = await call('POST', '/api/clients', cookies.reception, 'en', {
      ...adult,
      firstName: 'Gohar',
      lastName: 'Petrosyan',
      phone: '+374 77 654321',
    })
    expect(created.status).toBe(201)
    const id: string = created.data.id
    const roles = ['owner', 'manager', 'receptionist']
    const planted = await database.db
      .insert(alerts)
      .values([
        {
          kind: 'client_file_incomplete',
          subject: `client:${id}`,
          message: 'Gohar Petrosyan: the client file is incomplete (Lead source is required)',
          messageId: 'alerts.clientFileIncomplete',
          params: {
            client: 'Gohar Petrosyan',
            problems: { messages: [{ id: 'errors.clients.sourceRequired' }], separate: true },
          },
          details: { problems: { source: 'errors.clients.sourceRequired' } },
          roles,
        },
        {
          kind: 'waiting_list_offer',
          subject: `waiting:${id}:chess`,
          message: 'A place is free in Chess A: offer it to Gohar Petrosyan (first on the waiting list)',
          messageId: 'alerts.waitingListOffer',
          params: { group: 'Chess A', client: 'Gohar Petrosyan' },
          details: { clientId: id },
          roles,
        },
        {
          kind: 'lesson_cancelled',
          subject: 'lesson:erasure-test',
          message: 'Lesson cancelled: notify Aram Avagyan and Gohar Petrosyan',
          messageId: 'alerts.lessonCancelled',
          params: {
            when: { span: ['2026-03-02T12:00:00Z', '2026-03-02T13:00:00Z'], timeZone: 'Asia/Yerevan' },
            hasReason: 'no',
            reason: '',
            members: 2,
            names: { list: ['Aram Avagyan', 'Gohar Petrosyan'] },
            makeUp: 'no',
          },
          roles,
        },
        {
          kind: 'waiting_list_offer',
          subject: `waiting:${id}:gohar`,
          message: 'A place is free in Gohar’s chess: offer it to Gohar Petrosyan (first on the waiting list)',
          messageId: 'alerts.waitingListOffer',
          params: { group: 'Gohar’s chess', client: 'Gohar Petrosyan' },
          details: { clientId: id },
          roles,
        },
      ])
      .returning({ id: alerts.id })
    const erased = await call('POST', `/api/clients/${id}/erase`, cookies.owner, 'en', { reason: 'request 2026-07' })
    expect(erased.status).toBe(200)

    const rows = await database.db
      .select()
      .from(alerts)
      .where(
        inArray(
          alerts.id,
          planted.map((p) => p.id),
        ),
      )
      .orderBy(alerts.id)
    const [own, offer, cancelled, concerns] = rows
    expect([own.messageId, own.params, own.clearedAt !== null]).toEqual(['alerts.erasedClient', {}, true])
    expect(offer.messageId).toBe('alerts.waitingListOffer')
    expect(offer.params).toEqual({ group: 'Chess A', client: { messages: [{ id: 'clients.erase.nameRemoved' }] } })
    expect(cancelled.messageId).toBe('alerts.lessonCancelled')
    expect(cancelled.params).toMatchObject({
      members: 2,
      names: { messages: [{ id: 'alerts.legacy', params: { text: 'Aram Avagyan' } }, { id: 'clients.erase.nameRemoved' }] },
    })
    // the first name is left in the group's name: the alert says only what it concerns
    expect([concerns.messageId, concerns.params]).toEqual(['alerts.concernsErasedClient', {}])
    // no name is left in any of them
    expect(JSON.stringify(rows)).not.toMatch(/Gohar|Petrosyan/)

    for (const lang of LOCALES) {
      const t = translatorFor(lang).t
      const list = await call('GET', '/api/alerts?limit=500', cookies.owner, lang)
      const byId = new Map((list.data.items as Array<{ id: string; message: string }>).map((a) => [a.id, a.message]))
      const removed = t('clients.erase.nameRemoved')
      expect(byId.get(String(own.id))).toBe(t('alerts.erasedClient'))
      expect(byId.get(String(offer.id))).toBe(t('alerts.waitingListOffer', { group: 'Chess A', client: removed }))
      expect(byId.get(String(cancelled.id))).toContain(
        `Aram Avagyan ${lang === 'hy' ? 'և' : lang === 'ru' ? 'и' : 'and'} ${removed}`,
      )
      expect(byId.get(String(concerns.id))).toBe(t('alerts.concernsErasedClient'))
    }
  })
})

describe('the client list as CSV', () => {
  it('names a default age category in the reader’s language', async () => {
    const created = await call('POST', '/api/clients', cookies.reception, 'en', {
      ...adult,
      firstName: 'Csvik',
      lastName: 'Adult',
      phone: '+374 44 246810',
    })
    expect(created.status).toBe(201)
    for (const lang of LOCALES) {
      const res = await fetch(`${server.url}/api/clients/export.csv?q=Csvik`, {
        headers: { cookie: cookies.manager, origin: server.url, 'accept-language': lang },
      })
      expect(res.status).toBe(200)
      const [, row] = (await res.text()).replace(/^\uFEFF/, '').split(/\r?\n/)
      expect(row.split(',')).toContain(translatorFor(lang).t('clients.ageCategory.adult'))
    }
  })
})
