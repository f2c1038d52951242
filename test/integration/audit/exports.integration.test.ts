import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lineSentence, plainLines, type PlainFormat, type PlainInput } from '../../../domain/audit/plain-change'
import { formatDateTime } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import { centerSettingsOf, centerTimeZone } from '../../../server/modules/center/index'
import { MODULES } from '../../../server/modules/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { pdfText, squash } from '../../support/pdf-text'
import { buildTwoBranches } from '../../support/two-branches'
import { connect, login, scratchModule, waitFor, type TestClient } from '../collab/helpers'

/**
 * Issue #16: the audit's exports. Commands and document edits by three users around a checkpoint;
 * the CSV since the checkpoint has exactly the later changes, one row per field, in the reader's
 * words (a BOM, formula injection neutralised); the PDF report of the open audit and of a closed
 * one says the window, the counts, the queried comment and the changes' plain sentences, in
 * Armenian and Russian; a long window is capped with a line sending the reader to the CSV.
 */

let database: TestDatabase
let server: RunningServer
const cookies: Record<string, string> = {}
const clients: TestClient[] = []
let center: Awaited<ReturnType<typeof buildTwoBranches>>

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  server = await startTestServer(database, {}, [...MODULES, scratchModule])
  for (const l of ['owner', 'manager', 'reception', 'auditor']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server?.close()
  await database?.destroy()
})

const call = (method: string, path: string, cookie: string, json?: unknown, lang = 'en') =>
  apiCaller(server)(method, path, cookie, json, lang)

async function fetchBytes(path: string, who: string, lang: string): Promise<{ status: number; body: Buffer; headers: Headers }> {
  const res = await fetch(server.url + path, { headers: { cookie: cookies[who], 'accept-language': lang, origin: server.url } })
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers }
}

/** RFC 4180: quoted cells with doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  if (cell || row.length) rows.push([...row, cell])
  return rows
}

type Item = PlainInput & { id: number; actor: { login: string } | null; mark: unknown }

async function feed(query: string, lang: Locale): Promise<Item[]> {
  const out: Item[] = []
  let cursor: string | null = null
  for (let i = 0; i < 200; i++) {
    const res = await call(
      'GET',
      `/api/audit/changes?limit=500&${query}${cursor ? `&cursor=${cursor}` : ''}`,
      cookies.auditor,
      undefined,
      lang,
    )
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    out.push(...(res.data.items as Item[]))
    cursor = res.data.cursor
    if (!cursor) return out
  }
  throw new Error('too many pages')
}

async function format(locale: Locale): Promise<PlainFormat> {
  const tr = translatorFor(locale)
  return {
    t: (id, p) => tr.t(id, p),
    locale,
    timeZone: await centerTimeZone(database.db),
    currency: (await centerSettingsOf(database.db)).currency,
  }
}

let cp1: number
let cp1ClosedAt: string
let cp2: number
let clientId: string
let statusChange: number

describe('the audit’s exports', () => {
  it('sets up changes by three users around a checkpoint, one of them queried', async () => {
    // before the checkpoint: not in the exports since it
    const early = await call('POST', '/api/clients', cookies.reception, {
      firstName: 'Early',
      lastName: 'Bird',
      birthDate: '1991-02-03',
      phone: '+37491000222',
      consent: true,
      confirmNotDuplicate: true,
    })
    expect(early.status, JSON.stringify(early.data)).toBe(201)
    const closed = await call('POST', '/api/audit/checkpoints', cookies.auditor, { note: 'first' })
    expect(closed.status, JSON.stringify(closed.data)).toBe(201)
    cp1 = closed.data.id
    cp1ClosedAt = closed.data.closedAt

    // after it: a command by reception (a formula typed as a name), a status change by the manager, a document edit by the owner
    const created = await call('POST', '/api/clients', cookies.reception, {
      firstName: '=HYPERLINK("http://evil")',
      lastName: 'Աննա',
      birthDate: '1990-01-01',
      phone: '+37491000111',
      consent: true,
      confirmNotDuplicate: true,
    })
    expect(created.status, JSON.stringify(created.data)).toBe(201)
    clientId = created.data.id
    const status = await call('POST', `/api/clients/${clientId}/status`, cookies.manager, { status: 'trial' })
    expect(status.status, JSON.stringify(status.data)).toBe(200)

    const a = connect(server, cookies.owner, 'scratch:export-doc')
    a.doc.getMap('cells')
    a.doc.getText('text')
    clients.push(a)
    await a.synced()
    a.doc.getMap('cells').set('price', 100)
    a.doc.getMap('cells').set('note', '+1 call me')
    await waitFor(() => a.isSaved(), 10_000, 'the edit saved')
    // a medical file changed: the auditor (no medical access) may know it changed, never what
    const m = connect(server, cookies.owner, `client-medical:${clientId}`)
    clients.push(m)
    await m.synced()
    m.doc.getMap('medical').set('allergies', 'peanuts')
    await waitFor(() => m.isSaved(), 10_000, 'the medical edit saved')

    const items = await feed(`since=${cp1}`, 'en')
    const st = items.find((i) => i.action === 'clients.status')
    expect(st).toBeTruthy()
    statusChange = st!.id
    const mark = await call('PUT', `/api/audit/changes/${statusChange}/mark`, cookies.auditor, {
      status: 'queried',
      comment: 'Проверьте статус — Ստուգեք',
      assigneeId: center.staff.manager.id,
    })
    expect(mark.status, JSON.stringify(mark.data)).toBe(200)
  })

  it('gives the changes since the checkpoint as CSV: exactly those, one row per field, in the reader’s words', async () => {
    for (const lang of ['ru', 'hy'] as const) {
      const res = await fetchBytes(`/api/audit/changes.csv?since=${cp1}`, 'auditor', lang)
      expect(res.status, res.body.toString()).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/csv')
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="audit-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/,
      )
      expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const text = res.body.toString('utf8').slice(1)
      expect(text).toContain('\r\n')
      const [header, ...rows] = parseCsv(text)
      const f = await format(lang)
      expect(header[0]).toBe(f.t('auditReport.csv.number'))
      expect(header).toContain(f.t('auditReport.csv.before'))
      expect(header).toHaveLength(14)

      const items = await feed(`since=${cp1}`, lang)
      expect(items.length).toBeGreaterThan(3)
      // exactly the later changes, oldest first, one row per field (a change with none: one row)
      const expected = items.flatMap((i) => {
        const lines = plainLines(i, f)
        return (lines.length ? lines : [null]).map((l) => [String(i.id), i.actor?.login ?? f.t('auditReport.system'), l])
      })
      expect(rows.map((r) => [r[0], r[2]])).toEqual(expected.map(([id, who]) => [id, who]))
      expect(rows.some((r) => r[6] === 'Early Bird')).toBe(false)
      // the plain words of each field
      expected.forEach(([, , l], n) => {
        if (!l || typeof l === 'string') return
        const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)
        expect([rows[n][7], rows[n][8], rows[n][9]]).toEqual([safe(l.field), safe(l.before ?? ''), safe(l.after ?? '')])
      })
      // authors: reception created, the manager changed the status, the owner edited the document
      const byAction = (id: number) => rows.filter((r) => r[0] === String(id))
      const st = byAction(statusChange)
      expect(st[0][2]).toBe('manager')
      expect(st[0][3]).toBe(f.t('audit.area.clients'))
      expect(st[0][4]).toBe(f.t('auditReport.source.command'))
      expect(st[0][11]).toBe(f.t('auditReport.mark.queried'))
      expect(st[0][12]).toBe('Проверьте статус — Ստուգեք')
      expect(st[0][13]).toBe('manager')
      const statusLine = plainLines(
        items.find((i) => i.id === statusChange)!,
        f,
      ).find((l) => l.path === 'status')!
      expect(st.some((r) => r[7] === statusLine.field && r[9] === statusLine.after)).toBe(true)
      const scratch = rows.filter((r) => r[4] === f.t('auditReport.source.document') && r[5] === f.t('auditPlain.edited'))
      expect(scratch.length).toBeGreaterThanOrEqual(2)
      expect(scratch.every((r) => r[2] === 'owner')).toBe(true)
      // formula injection: the cells start with an apostrophe
      expect(rows.some((r) => r[9] === `'=HYPERLINK("http://evil")`)).toBe(true)
      expect(rows.some((r) => r[9] === `'+1 call me`)).toBe(true)
      expect(rows.every((r) => r.every((cell) => !/^[=+\-@]/.test(cell)))).toBe(true)
      expect(rows.some((r) => r.includes('Աննա'))).toBe(true)
      // the medical change: one row saying the file changed, no content
      const medical = rows.filter((r) => r[3] === f.t('audit.area.medical') && r[4] === f.t('auditReport.source.document'))
      expect(medical.length).toBeGreaterThanOrEqual(1)
      expect(medical.every((r) => r[7] === f.t('auditPlain.hiddenChange') && r[8] === '' && r[9] === '')).toBe(true)
      expect(text).not.toContain('peanuts')
    }
  })

  it('filters the CSV as the feed does; refuses a receptionist and bad input naming the field', async () => {
    const res = await fetchBytes(`/api/audit/changes.csv?since=${cp1}&actor=manager`, 'auditor', 'en')
    const rows = parseCsv(res.body.toString('utf8').slice(1)).slice(1)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r[2] === 'manager')).toBe(true)

    expect((await call('GET', `/api/audit/changes.csv?since=${cp1}`, cookies.reception)).status).toBe(403)
    expect((await call('GET', `/api/audit/report.pdf`, cookies.reception)).status).toBe(403)
    expect((await call('GET', `/api/audit/checkpoints/${cp1}/report.pdf`, cookies.reception)).status).toBe(403)
    for (const [q, field] of [
      ['since=yesterday', 'since'],
      ['since=99999', 'since'],
      ['until=nope', 'until'],
      ['area=nowhere', 'area'],
      ['actor=nobody', 'actor'],
      ['kind=eaten', 'kind'],
    ]) {
      const bad = await call('GET', `/api/audit/changes.csv?${q}`, cookies.auditor, undefined, 'ru')
      expect(bad.status, q).toBe(400)
      expect(Object.keys(bad.data.error.fields), q).toEqual([field])
      const same = await call('GET', `/api/audit/changes?${q}`, cookies.auditor, undefined, 'ru')
      expect(bad.data.error.fields, q).toEqual(same.data.error.fields)
    }
    const badPdf = await call('GET', `/api/audit/report.pdf?since=later`, cookies.auditor)
    expect(badPdf.status).toBe(400)
    expect(Object.keys(badPdf.data.error.fields)).toEqual(['since'])
    expect((await call('GET', `/api/audit/checkpoints/99999/report.pdf`, cookies.auditor)).status).toBe(404)
    expect((await call('GET', `/api/audit/checkpoints/abc/report.pdf`, cookies.auditor)).status).toBe(400)
  })

  it('gives the open audit’s report as PDF in Armenian and Russian: the window, the counts, the queried comment, the sentences', async () => {
    for (const lang of ['hy', 'ru'] as const) {
      const res = await fetchBytes('/api/audit/report.pdf', 'auditor', lang)
      expect(res.status, res.body.toString().slice(0, 300)).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      expect(res.body.subarray(0, 5).toString()).toBe('%PDF-')
      const { text, fonts } = pdfText(res.body)
      expect(fonts.some((x) => x.includes('NotoSans-Regular'))).toBe(true)
      if (lang === 'hy') expect(fonts.some((x) => x.includes('NotoSansArmenian'))).toBe(true)
      const f = await format(lang)
      const s = squash(text)
      const summary = (await call('GET', '/api/audit/summary', cookies.auditor, undefined, lang)).data.summary
      expect(s).toContain(squash(f.t('auditReport.pdf.until.open')))
      const at = formatDateTime(new Date(cp1ClosedAt), lang, f.timeZone)
      expect(s).toContain(
        squash(
          f.t('auditReport.pdf.window', {
            since: f.t('auditReport.pdf.since.checkpoint', { at, who: 'auditor' }),
            until: f.t('auditReport.pdf.until.open'),
          }),
        ),
      )
      expect(s).toContain(squash(f.t('auditReport.pdf.total', { count: summary.total })))
      expect(s).toContain(squash(f.t('audit.area.clients')))
      expect(s).toContain('manager')
      expect(s).toContain(squash(f.t('auditReport.pdf.comment', { comment: 'Проверьте статус — Ստուգեք' })))
      expect(s).toContain(squash(f.t('auditReport.pdf.assignee', { who: 'manager' })))
      const items = await feed(`since=${cp1}`, lang)
      const st = items.find((i) => i.id === statusChange)!
      for (const line of plainLines(st, f)) expect(s).toContain(squash(lineSentence(line, f).replace(/→/g, '›')))
      expect(s).toContain(squash(f.t('auditReport.pdf.page', { page: 1, pages: 1 }).replace(/1$/, '')))
      // no glyph the fonts lack (the reader's ToUnicode maps give every glyph back)
      expect(text).not.toContain('?')
    }
  })

  it('gives a closed audit’s report: its window from the checkpoint before, who closed it and the note', async () => {
    const closed = await call('POST', '/api/audit/checkpoints', cookies.auditor, { note: 'Второй аудит' })
    expect(closed.status).toBe(201)
    cp2 = closed.data.id
    for (const lang of ['ru', 'hy'] as const) {
      const res = await fetchBytes(`/api/audit/checkpoints/${cp2}/report.pdf`, 'auditor', lang)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="audit-${cp2}.pdf"`)
      const f = await format(lang)
      const s = squash(pdfText(res.body).text)
      expect(s).toContain(squash(f.t('auditReport.pdf.titleClosed', { id: cp2 })))
      expect(s).toContain(squash(f.t('auditReport.pdf.note', { note: 'Второй аудит' })))
      expect(s).not.toContain(squash(f.t('auditReport.pdf.until.open')))
      expect(s).toContain(squash(f.t('auditReport.pdf.total', { count: closed.data.summary.total })))
      expect(s).toContain(squash(f.t('auditReport.pdf.comment', { comment: 'Проверьте статус — Ստուգեք' })))
    }
    // any window: from the beginning until a moment
    const until = new Date().toISOString()
    const any = await fetchBytes(`/api/audit/report.pdf?since=start&until=${encodeURIComponent(until)}`, 'auditor', 'ru')
    expect(any.status).toBe(200)
    const ru = await format('ru')
    expect(squash(pdfText(any.body).text)).toContain(
      squash(
        ru.t('auditReport.pdf.window', {
          since: ru.t('auditReport.pdf.since.start'),
          until: ru.t('auditReport.pdf.until.at', { at: formatDateTime(new Date(until), 'ru', ru.timeZone) }),
        }),
      ),
    )
    // the first audit: from the beginning
    const first = await fetchBytes(`/api/audit/checkpoints/${cp1}/report.pdf`, 'auditor', 'en')
    const s = squash(pdfText(first.body).text)
    expect(s).toContain(squash('From the beginning, until it closed'))
    expect(s).toContain('Early')
    // the open audit now starts at the second checkpoint: only the closing itself
    const open = squash(pdfText((await fetchBytes('/api/audit/report.pdf', 'auditor', 'en')).body).text)
    expect(open).toContain(squash('1 change'))
    expect(open).not.toContain('Early')
  })

  it('caps the report’s list at 5,000 changes and sends the reader to the CSV for the rest', async () => {
    await database.db.execute(
      sql`insert into audit_log (action, entity, entity_id, before, after)
          select 'settings.update', 'settings', 'center', jsonb_build_object('value', g), jsonb_build_object('value', g + 1)
          from generate_series(1, 5010) g`,
    )
    const summary = (await call('GET', '/api/audit/summary', cookies.auditor)).data.summary
    expect(summary.total).toBeGreaterThanOrEqual(5010)
    const started = Date.now()
    const res = await fetchBytes('/api/audit/report.pdf', 'auditor', 'en')
    expect(res.status).toBe(200)
    const elapsed = Date.now() - started
    const f = await format('en')
    const s = squash(pdfText(res.body).text)
    expect(s).toContain(squash(f.t('auditReport.pdf.more', { count: summary.total - 5000 })))
    expect(elapsed).toBeLessThan(60_000)
    // the CSV has them all
    const csv = await fetchBytes(`/api/audit/changes.csv?since=${cp2}`, 'auditor', 'en')
    const rows = parseCsv(csv.body.toString('utf8').slice(1)).slice(1)
    expect(new Set(rows.map((r) => r[0])).size).toBe(summary.total)
  }, 120_000)
})
