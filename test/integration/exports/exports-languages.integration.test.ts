import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scriptRuns } from '../../../server/modules/clients/export-pdf'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildStaff } from '../../support/factories'
import { pdfText } from '../../support/pdf-text'
import { login } from '../socket/helpers'

/** Issue #14: the client export PDF and the list CSV in the request's language, the PDF with fonts for every script. */
let database: TestDatabase
let server: RunningServer
const cookies: Record<string, string> = {}
let clientId = ''

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  server = await startTestServer(database)
  for (const l of ['manager', 'reception']) cookies[l] = await login(server, l)
  const res = await fetch(`${server.url}/api/clients`, {
    method: 'POST',
    headers: { cookie: cookies.reception, origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({
      firstName: 'Աննա',
      lastName: 'Պետրոսյան',
      birthDate: '1990-05-01',
      phone: '+37491123456',
      consent: true,
      confirmNotDuplicate: true,
    }),
  })
  const data = (await res.json()) as { id: string }
  expect(res.status, JSON.stringify(data)).toBe(201)
  clientId = data.id
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

async function fetchBytes(path: string, language: string) {
  const res = await fetch(server.url + path, {
    headers: { cookie: cookies.manager, origin: server.url, 'accept-language': language },
  })
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) }
}

describe('the client export PDF', () => {
  it('is in Armenian for an Armenian reader, with Noto Sans Armenian embedded for the Armenian runs', async () => {
    const res = await fetchBytes(`/api/clients/${clientId}/export.pdf`, 'hy')
    expect(res.status).toBe(200)
    expect(res.type).toBe('application/pdf')
    const { text, fonts } = pdfText(res.bytes)
    expect(fonts.some((f) => /\+NotoSansArmenian-Bold$/.test(f))).toBe(true)
    expect(fonts.some((f) => /\+NotoSans-Regular$/.test(f))).toBe(true)
    // no standard (non-embedded) font: Helvetica has no Armenian or Cyrillic letters
    expect(fonts.filter((f) => !f.includes('+'))).toEqual([])
    expect(text).toContain('Անձնական տվյալներ')
    expect(text).toContain('Աննա Պետրոսյան')
    expect(text).toContain('Խնամակալներ')
    expect(text).toContain('Կարգավիճակների պատմություն')
    expect(text).not.toContain('Personal data')
    // the phone (digits and +) is drawn with the Latin face, the dates in Armenian
    expect(text).toContain('+37491123456')
    // (each run of one script is its own text object: joined, the line reads as written)
    expect(text.replace(/\n/g, '')).toMatch(/Ծննդյան ամսաթիվ: 1 մ\S+, 1990 թ\./)
  })

  it('is in Russian for a Russian reader and in English for an English one', async () => {
    const ru = pdfText((await fetchBytes(`/api/clients/${clientId}/export.pdf`, 'ru')).bytes).text
    expect(ru).toContain('Личные данные')
    expect(ru).toContain('Աննա Պետրոսյան')
    expect(ru.replace(/\n/g, '')).toMatch(/Дата рождения: 1 мая 1990 г\./)
    const en = pdfText((await fetchBytes(`/api/clients/${clientId}/export.pdf`, 'en')).bytes).text
    expect(en).toContain('Personal data')
    expect(en).toContain('Status history')
  })

  it('cuts text into runs of one script (a space stays in its run; digits and punctuation take the Latin face)', () => {
    expect(scriptRuns('Աննա (Anna) 12')).toEqual([
      { text: 'Աննա ', armenian: true },
      { text: '(Anna) 12', armenian: false },
    ])
    expect(scriptRuns('Иван Պետրոսյան')).toEqual([
      { text: 'Иван ', armenian: false },
      { text: 'Պետրոսյան', armenian: true },
    ])
  })
})

describe('the client list CSV', () => {
  it('has Russian headers and values for a Russian reader, Armenian for an Armenian one', async () => {
    const ruBytes = (await fetchBytes('/api/clients/export.csv', 'ru')).bytes
    // a UTF-8 byte order mark first: a spreadsheet reads the Cyrillic and Armenian as UTF-8
    expect([...ruBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const [header, row] = ruBytes.subarray(3).toString('utf8').trim().split('\n')
    expect(header).toBe('Фамилия,Имя,Дата рождения,Возраст,Категория,Статус,Телефон,Эл. почта,Законные представители,Отметки')
    expect(row).toContain('Պետրոսյան,Աննա,1 мая 1990 г.')
    expect(row).toMatch(/,Лид,|,Активный,|,Активен,|,Пробный,/u)
    const hy = (await fetchBytes('/api/clients/export.csv', 'hy')).bytes.toString('utf8')
    expect(hy.split('\n')[0]).toMatch(/^\uFEFFԱզգանուն,Անուն,Ծննդյան ամսաթիվ/)
    const en = (await fetchBytes('/api/clients/export.csv', 'en')).bytes.toString('utf8')
    expect(en.split('\n')[0]).toMatch(/^\uFEFFLast name,First name,Birth date/)
  })
})
