import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inArray, sql } from 'drizzle-orm'
import { MIGRATIONS_FOLDER } from '../../../db/client'
import { alerts } from '../../../db/schema/index'
import { LOCALES } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/**
 * Issue #14: migration 0013 turns what earlier versions stored in English about clients into
 * message ids: the incomplete file's problems by field (alerts.details), what the erasure wrote
 * over alerts (`alerts.legacy` 'Erased client' / 'Concerns an erased client', offers and
 * cancellations left as English text, 'an erased client' in parameters). Its conversion
 * statements run again here over rows written as before it; each reader then reads them in
 * their language.
 */
const CONVERSION = readFileSync(`${MIGRATIONS_FOLDER}/0013_client_rule_messages.sql`, 'utf8')
  .split('--> statement-breakpoint')
  .map((s) => s.trim())
  .filter((s) => s.startsWith('UPDATE "alerts"'))

let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let owner = ''

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  server = await startTestServer(database)
  owner = await login(server, 'owner')
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

/** Every alert the owner sees, rendered in `language`, by id. */
async function shown(language: string): Promise<Map<string, { message: string; details: unknown }>> {
  const res = await fetch(`${server.url}/api/alerts?limit=500`, {
    headers: { cookie: owner, origin: server.url, 'accept-language': language },
  })
  expect(res.status).toBe(200)
  const { items } = (await res.json()) as { items: Array<{ id: string; message: string; details: unknown }> }
  return new Map(items.map((a) => [a.id, a]))
}

describe('migration 0013 on rows written before it', () => {
  it('stores ids instead of English and each reader reads them in their language', async () => {
    const lesson = center.central.lesson
    const roles = ['owner', 'manager', 'receptionist']
    /** A row as the earlier versions wrote it: an English `message`, and `params` and `details` as given. */
    const old = (
      kind: string,
      subject: string,
      message: string,
      messageId: string,
      params: unknown,
      details: unknown = null,
    ) => ({
      kind,
      subject,
      message,
      messageId,
      params,
      details,
      roles,
    })
    const legacy = (kind: string, subject: string, text: string) => old(kind, subject, text, 'alerts.legacy', { text })
    const planted = await database.db
      .insert(alerts)
      .values([
        // the file projection before: problems in English, by field (the parameters were converted by 0011)
        old(
          'client_file_incomplete',
          'client:m1',
          'Ani Hakobyan: First name is required; A phone number (the client’s or a guardian’s) is required; Something else',
          'alerts.clientFileIncomplete',
          {
            client: 'Ani Hakobyan',
            problems: {
              messages: [
                { id: 'errors.clients.firstNameRequired' },
                { id: 'errors.clients.phoneRequired' },
                { id: 'errors.field.invalid' },
              ],
              separate: true,
            },
          },
          {
            problems: {
              firstName: 'First name is required',
              phone: 'A phone number (the client’s or a guardian’s) is required',
              'guardians.0.relation': 'Relation is required',
              email: 'Something else',
            },
          },
        ),
        // one already written with ids stays as it is
        old(
          'client_file_incomplete',
          'client:m2',
          'Aram: the client file is incomplete (Birth date is required)',
          'alerts.clientFileIncomplete',
          { client: 'Aram', problems: { messages: [{ id: 'errors.clients.birthDateRequired' }], separate: true } },
          { problems: { birthDate: 'errors.clients.birthDateRequired' } },
        ),
        // what the erasure wrote (0007, 0011)
        legacy('client_file_incomplete', 'client:m3', 'Erased client'),
        legacy('waiting_list_offer', 'waiting:m4', 'Concerns an erased client'),
        legacy(
          'waiting_list_offer',
          'waiting:m5',
          'A place is free in Chess A: offer it to an erased client (first on the waiting list)',
        ),
        legacy(
          'lesson_cancelled',
          `lesson:${lesson.id}`,
          'Lesson Mon 2 Mar 2026 16:00–17:00 cancelled (Teacher ill): notify Ann Lee, Boris Ivanov and an erased client; a make-up lesson is offered',
        ),
        // rows of erasures before 0011, converted by it with the English words as a parameter
        old(
          'waiting_list_offer',
          'waiting:m7',
          'A place is free in Chess B: offer it to an erased client (first on the waiting list)',
          'alerts.waitingListOffer',
          { group: 'Chess B', client: 'an erased client' },
        ),
        // a text no version of the clients area wrote stays as it is
        legacy('debt', 'payment:m8', 'Debt 40 €'),
      ])
      .returning({ id: alerts.id })
    const ids = planted.map((p) => p.id)

    expect(CONVERSION.length).toBeGreaterThanOrEqual(5)
    for (const statement of CONVERSION) await database.db.execute(sql.raw(statement))

    const rows = await database.db.select().from(alerts).where(inArray(alerts.id, ids)).orderBy(alerts.id)
    const [file, already, erased, concerns, offer, cancelled, converted, debt] = rows
    expect(file.details).toEqual({
      problems: {
        firstName: 'errors.clients.firstNameRequired',
        phone: 'errors.clients.phoneRequired',
        'guardians.0.relation': 'errors.clients.relationRequired',
        email: 'errors.field.invalid',
      },
    })
    expect(already.details).toEqual({ problems: { birthDate: 'errors.clients.birthDateRequired' } })
    expect([erased.messageId, erased.params]).toEqual(['alerts.erasedClient', {}])
    expect([concerns.messageId, concerns.params]).toEqual(['alerts.concernsErasedClient', {}])
    expect([offer.messageId, offer.params]).toEqual([
      'alerts.waitingListOffer',
      { group: 'Chess A', client: { messages: [{ id: 'clients.erase.nameRemoved' }] } },
    ])
    expect(cancelled.messageId).toBe('alerts.lessonCancelled')
    expect(cancelled.params).toMatchObject({
      hasReason: 'yes',
      reason: 'Teacher ill',
      members: 3,
      makeUp: 'yes',
      names: {
        messages: [
          { id: 'alerts.legacy', params: { text: 'Ann Lee' } },
          { id: 'alerts.legacy', params: { text: 'Boris Ivanov' } },
          { id: 'clients.erase.nameRemoved' },
        ],
      },
    })
    expect(converted.params).toEqual({ group: 'Chess B', client: { messages: [{ id: 'clients.erase.nameRemoved' }] } })
    expect([debt.messageId, debt.params]).toEqual(['alerts.legacy', { text: 'Debt 40 €' }])
    // no English the clients area wrote is left in what is read (the English `message` stays for logs)
    expect(JSON.stringify(rows.map((r) => [r.params, r.details]))).not.toMatch(/required|erased client|Erased client/)

    // a second run changes nothing
    for (const statement of CONVERSION) await database.db.execute(sql.raw(statement))
    const again = await database.db.select().from(alerts).where(inArray(alerts.id, ids)).orderBy(alerts.id)
    expect(again.map((r) => [r.messageId, r.params, r.details])).toEqual(rows.map((r) => [r.messageId, r.params, r.details]))

    for (const lang of LOCALES) {
      const t = translatorFor(lang).t
      const byId = await shown(lang)
      const text = (row: { id: number }) => byId.get(String(row.id))?.message
      const removed = t('clients.erase.nameRemoved')
      const and = { hy: 'և', ru: 'и', en: 'and' }[lang]
      expect(text(erased)).toBe(t('alerts.erasedClient'))
      expect(text(concerns)).toBe(t('alerts.concernsErasedClient'))
      expect(text(offer)).toBe(t('alerts.waitingListOffer', { group: 'Chess A', client: removed }))
      expect(text(converted)).toBe(t('alerts.waitingListOffer', { group: 'Chess B', client: removed }))
      expect(text(cancelled)).toContain(`Ann Lee, Boris Ivanov ${and} ${removed}`)
      expect(text(cancelled)).toContain('Teacher ill')
      expect(text(file)).toBe(
        t('alerts.clientFileIncomplete', {
          client: 'Ani Hakobyan',
          problems: [t('errors.clients.firstNameRequired'), t('errors.clients.phoneRequired'), t('errors.field.invalid')].join(
            '; ',
          ),
        }),
      )
      expect(text(debt)).toBe('Debt 40 €')
      // nothing English about the clients area reaches an Armenian or Russian reader
      if (lang !== 'en')
        for (const row of [erased, concerns, offer, converted, cancelled, file])
          expect(text(row), `${lang}: ${text(row)}`).not.toMatch(/erased|required|place is free|cancelled|notify/i)
    }
  })
})
