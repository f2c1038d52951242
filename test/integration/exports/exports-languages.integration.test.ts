import { inflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scriptRuns } from '../../../server/modules/clients/export-pdf'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildStaff } from '../../support/factories'
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

// ── a small PDF reader: enough for pdfkit's output (Type0 fonts, Identity-H, ToUnicode CMaps) ──

interface PdfObject {
  dict: string
  stream: Buffer | null
}
function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1')
  const objects = new Map<number, PdfObject>()
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]
    const s = body.indexOf('stream')
    if (s < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null })
      continue
    }
    const dict = body.slice(0, s)
    const start = m.index + m[0].indexOf(body) + s + 'stream'.length + (body[s + 6] === '\r' ? 2 : 1)
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1])
    const raw = pdf.subarray(start, start + length)
    objects.set(Number(m[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw })
  }
  return objects
}
const utf16 = (hex: string) => {
  const units: number[] = []
  for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16))
  return String.fromCharCode(...units)
}
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>()
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
      const from = parseInt(m[1], 16)
      const to = parseInt(m[2], 16)
      // (an entry may hold several code units, spaced: `<0066 0069>` for the "fi" ligature)
      if (m[3].startsWith('['))
        [...m[3].matchAll(/<([0-9a-f ]+)>/gi)].forEach((u, i) => map.set(from + i, utf16(u[1].replace(/ /g, ''))))
      else for (let c = from; c <= to; c++) map.set(c, String.fromCharCode(parseInt(m[3].slice(1, -1), 16) + c - from))
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(parseInt(m[1], 16), utf16(m[2]))
  return map
}
/** The text of every page (each font's glyphs through its ToUnicode map) and the names of the embedded fonts. */
function pdfText(pdf: Buffer): { text: string; fonts: string[] } {
  const objects = pdfObjects(pdf)
  const fonts = [...objects.values()].flatMap((o) => /\/BaseFont \/([^\s/]+)/.exec(o.dict)?.[1] ?? [])
  let text = ''
  for (const page of [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict))) {
    const resources = /\/Resources (\d+) 0 R/.exec(page.dict)
    const resDict = resources ? objects.get(Number(resources[1]))!.dict : page.dict
    const fontRefs = new Map([...resDict.matchAll(/\/(F\d+) (\d+) 0 R/g)].map((m) => [m[1], Number(m[2])]))
    const maps = new Map(
      [...fontRefs].map(([name, ref]) => {
        const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(objects.get(ref)!.dict)
        return [
          name,
          cmapRef ? toUnicode(objects.get(Number(cmapRef[1]))!.stream!.toString('latin1')) : new Map<number, string>(),
        ]
      }),
    )
    const contents = [...page.dict.matchAll(/\/Contents (\d+) 0 R/g)].map((m) =>
      objects.get(Number(m[1]))!.stream!.toString('latin1'),
    )
    for (const content of contents) {
      let map = new Map<number, string>()
      for (const op of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|(ET)/g)) {
        if (op[1]) map = maps.get(op[1]) ?? new Map()
        else if (op[3]) text += '\n'
        else
          for (const h of op[2].matchAll(/<([0-9a-f]+)>/gi))
            for (let i = 0; i < h[1].length; i += 4) text += map.get(parseInt(h[1].slice(i, i + 4), 16)) ?? '?'
      }
    }
  }
  return { text, fonts }
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
