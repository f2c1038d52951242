import { and, asc, eq, inArray } from 'drizzle-orm'
import { unzipSync } from 'fflate'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, branches, cashDays, invoices, payments, refunds, stockDocuments, stores } from '../../../db/schema/index'
import { addDays, zonedDateTime } from '../../../domain/docs/timetable-week'
import { translatorFor } from '../../../domain/i18n/translator'
import { seedDemo } from '../../../server/boot/seed'
import type { SeedStep } from '../../../server/contracts/seed'
import { EventBus } from '../../../server/events/bus'
import { MODULES } from '../../../server/modules/index'
import { DOCUMENT_KINDS } from '../../../server/modules/document-package/generate'
import { monthBefore, monthSpan } from '../../../server/modules/document-package/period'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { pdfText } from '../../support/pdf-text'

/**
 * Issue #20, the month's document package: for a month of the Armenian demo center, a manager makes
 * the package of the first branch; its ZIP holds every kind of document as PDF and an index that
 * matches the database (invoices, receipts, cash-desk days, payslips … counted there), each file's
 * checksum right; making it again gives the same bytes; each step is in the audit trail; others'
 * branches and roles are refused; bad input is a 400 naming the field.
 */
const STEPS: SeedStep[] = MODULES.flatMap((m) => (m.seed ? [m.seed] : []))

let database: TestDatabase
let t: ReturnType<typeof createTestApp>
const cookie: Record<string, string> = {}
let branch: { id: string; name: string; timezone: string }
let other: { id: string }
let month = ''
let from = ''
let to = ''

/** A CSV as rows of cells (RFC 4180: quoted cells with doubled quotes; a BOM first). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const s = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

async function waitReady(id: number, as = cookie.manager) {
  for (let i = 0; i < 600; i++) {
    const res = await t.call('GET', `/api/document-packages?branchId=${branch.id}`, { cookie: as })
    const p = (res.data.items as Array<{ id: number; status: string }>).find((x) => x.id === id)
    if (p && p.status !== 'running') return p
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`package ${id} never finished`)
}

async function generate(body: Record<string, unknown>, as = cookie.manager) {
  for (let i = 0; i < 200; i++) {
    const res = await t.call('POST', '/api/document-packages', { cookie: as, json: body })
    // another package of this file still finishing: wait for it, as the screen would
    if (res.status !== 409) return res
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('the package job stayed busy')
}

async function download(id: number, as = cookie.manager) {
  const res = await t.app.request(`http://localhost/api/document-packages/${id}/file`, { headers: { cookie: as } })
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) }
}

beforeAll(async () => {
  database = await createTestDatabase()
  await seedDemo(database.db, STEPS, { events: new EventBus(), locale: 'hy' })
  t = createTestApp(database)
  for (const login of ['manager', 'owner', 'accountant', 'auditor', 'teacher', 'reception2']) cookie[login] = await t.login(login)
  const rows = await database.db.select().from(branches).orderBy(asc(branches.createdAt), asc(branches.id))
  branch = { id: rows[0].id, name: rows[0].name, timezone: rows[0].timezone }
  other = { id: rows[1].id }
  month = monthBefore(new Date(), branch.timezone)
  ;({ from, to } = monthSpan(month))
}, 240_000)
afterAll(async () => database?.destroy())

describe('the package of last month of the demo’s first branch', () => {
  let zip: Uint8Array
  let files: Record<string, Uint8Array>
  let index: string[][]
  let firstId = 0

  it('is made on demand, listed, and downloaded as a ZIP with its index', async () => {
    const started = performance.now()
    const res = await generate({ branchId: branch.id, month })
    expect(res.status).toBe(202)
    firstId = res.data.id
    const p = await waitReady(firstId)
    const ms = Math.round(performance.now() - started)
    console.log(`document package of ${month} for ${branch.name}: ${ms} ms`)
    expect(p.status).toBe('ok')
    const file = await download(firstId)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/zip')
    zip = file.bytes
    files = unzipSync(zip)
    index = parseCsv(new TextDecoder().decode(files['index.csv']))
    expect(Object.keys(files)[0]).toBe('index.csv')
  }, 300_000)

  it('holds every kind of document, each a PDF in the center’s language whose checksum the index gives', async () => {
    const { t: tr } = translatorFor('hy')
    const [head, ...lines] = index
    expect(head[0]).toBe(tr('docPackage.index.file'))
    expect(lines.length).toBe(Object.keys(files).length - 1)
    const kindOf = new Map(DOCUMENT_KINDS.map((k) => [tr(`docPackage.kind.${k}`), k]))
    const kinds = new Set(lines.map((l) => kindOf.get(l[1])))
    for (const k of ['invoice', 'receipt', 'cashDesk', 'taxReport', 'payroll', 'payslip', 'stockMovements', 'productionControl'])
      expect(kinds, k).toContain(k)
    for (const l of lines) {
      const data = files[l[0]]
      expect(data, l[0]).toBeDefined()
      expect(Buffer.from(data.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
      expect(createHash('sha256').update(data).digest('hex')).toBe(l[7])
    }
    // the payroll sheet is in Armenian
    const sheet = lines.find((l) => kindOf.get(l[1]) === 'payroll') as string[]
    expect(pdfText(Buffer.from(files[sheet[0]])).text).toMatch(/[\u0530-\u058F]/u)
  })

  it('has an index that matches the database', async () => {
    const { t: tr } = translatorFor('hy')
    const lines = index.slice(1)
    const of = (kind: string) => lines.filter((l) => l[1] === tr(`docPackage.kind.${kind as 'invoice'}`))
    const db = database.db
    const issued = await db
      .select()
      .from(invoices)
      .where(and(eq(invoices.branchId, branch.id)))
    const inPeriod = issued.filter((i) => i.issuedOn >= from && i.issuedOn <= to)
    expect(of('invoice').length).toBe(inPeriod.length)
    expect(of('invoice').reduce((n, l) => n + Number(l[5]), 0)).toBe(inPeriod.reduce((n, i) => n + i.total, 0))
    const paid = (await db.select().from(payments).where(eq(payments.branchId, branch.id))).filter(
      (p) => p.day >= from && p.day <= to,
    )
    expect(paid.length).toBeGreaterThan(0)
    expect(of('receipt').length).toBe(paid.length)
    expect(of('receipt').reduce((n, l) => n + Number(l[5]), 0)).toBe(paid.reduce((n, p) => n + p.amount + p.credit, 0))
    const back = (await db.select().from(refunds).where(eq(refunds.branchId, branch.id))).filter(
      (r) => r.day >= from && r.day <= to,
    )
    const closed = (await db.select().from(cashDays).where(eq(cashDays.branchId, branch.id))).filter(
      (d) => d.day >= from && d.day <= to,
    )
    const days = new Set([...paid.map((p) => p.day), ...back.map((r) => r.day), ...closed.map((d) => d.day)])
    expect(new Set(of('cashDesk').map((l) => l[3]))).toEqual(days)
    const payroll = await t.call('GET', `/api/payroll?branchId=${branch.id}&month=${month}`, { cookie: cookie.manager })
    expect(payroll.status).toBe(200)
    const employees = payroll.data.payroll.employees as Array<{ name: string; total: number }>
    expect(employees.length).toBeGreaterThan(0)
    expect(of('payslip').map((l) => [l[4], Number(l[5])])).toEqual(employees.map((e) => [e.name, e.total]))
    expect(Number(of('payroll')[0][5])).toBe(payroll.data.payroll.total)
    const storeIds = (await db.select().from(stores).where(eq(stores.branchId, branch.id))).map((s) => s.id)
    const start = new Date(zonedDateTime(from, '00:00', branch.timezone))
    const end = new Date(zonedDateTime(addDays(to, 1), '00:00', branch.timezone))
    const counts = (
      await db
        .select()
        .from(stockDocuments)
        .where(
          and(inArray(stockDocuments.storeId, storeIds), eq(stockDocuments.kind, 'count'), eq(stockDocuments.status, 'posted')),
        )
    ).filter((d) => !d.reverses && d.postedAt && d.postedAt >= start && d.postedAt < end)
    expect(of('inventory').length).toBe(counts.length)
    expect(of('taxReport').length).toBe(1)
    expect(of('stockMovements').length).toBe(1)
    expect(of('productionControl').length).toBe(1)
    for (const l of of('invoice')) expect(l[3].slice(0, 7)).toBe(month)
  })

  it('is the same bytes when made again from the same records, and each step is in the audit trail', async () => {
    const res = await generate({ branchId: branch.id, from, to })
    expect(res.status).toBe(202)
    expect((await waitReady(res.data.id)).status).toBe('ok')
    const again = await download(res.data.id, cookie.accountant)
    expect(again.status).toBe(200)
    expect(Buffer.from(again.bytes).equals(Buffer.from(zip))).toBe(true)
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ['documentPackages.start', 'documentPackages.finish', 'documentPackages.download']))
    const by = (action: string, id: number) => rows.filter((r) => r.action === action && r.entityId === String(id))
    for (const id of [firstId, res.data.id]) {
      expect(by('documentPackages.start', id).length).toBe(1)
      expect(by('documentPackages.finish', id).length).toBe(1)
      expect(by('documentPackages.download', id).length).toBe(1)
    }
  }, 300_000)

  it('is read by the auditor but made only by the branch’s payers; another branch’s staff and a teacher are refused', async () => {
    expect((await t.call('GET', `/api/document-packages?branchId=${branch.id}`, { cookie: cookie.auditor })).status).toBe(200)
    expect((await download(firstId, cookie.auditor)).status).toBe(200)
    // the audits' reports only to those who read the audit trail: the owner's copy is the manager's plus them
    const own = await download(firstId, cookie.owner)
    const mgr = await download(firstId, cookie.manager)
    const ownFiles = Object.keys(unzipSync(own.bytes))
    const mgrFiles = Object.keys(unzipSync(mgr.bytes))
    expect(mgrFiles.some((f) => f.startsWith('audits/'))).toBe(false)
    expect(ownFiles.filter((f) => !f.startsWith('audits/'))).toEqual(mgrFiles)
    for (const d of [own, mgr]) expect(d.headers.get('x-content-sha256')).toBe(createHash('sha256').update(d.bytes).digest('hex'))
    expect(
      (await t.call('POST', '/api/document-packages', { cookie: cookie.auditor, json: { branchId: branch.id, month } })).status,
    ).toBe(403)
    expect((await t.call('GET', `/api/document-packages?branchId=${branch.id}`, { cookie: cookie.teacher })).status).toBe(403)
    expect((await download(firstId, cookie.teacher)).status).toBe(403)
    expect((await download(firstId, cookie.reception2)).status).toBe(403)
    expect(
      (await t.call('POST', '/api/document-packages', { cookie: cookie.teacher, json: { branchId: branch.id, month } })).status,
    ).toBe(403)
    expect((await t.call('GET', `/api/document-packages?branchId=${other.id}`, { cookie: cookie.reception2 })).status).toBe(403)
  })

  it('refuses bad input with a 400 naming the field', async () => {
    const post = (json: unknown) => t.call('POST', '/api/document-packages', { cookie: cookie.manager, json })
    const fields = async (json: unknown) => {
      const res = await post(json)
      expect(res.status).toBe(400)
      return Object.keys(res.data.error.fields)
    }
    expect(await fields({ branchId: branch.id, month: '2026-13' })).toContain('month')
    expect(await fields({ branchId: branch.id })).toContain('month')
    expect(await fields({ branchId: branch.id, from: '2026-11-01' })).toContain('to')
    expect(await fields({ branchId: branch.id, to: '2026-11-01' })).toContain('from')
    expect(await fields({ branchId: branch.id, month, from })).toContain('month')
    expect(await fields({ branchId: branch.id, from: '2026-11-30', to: '2026-11-01' })).toContain('to')
    expect(await fields({ branchId: branch.id, from: '2024-01-01', to: '2026-11-01' })).toContain('to')
    expect(await fields({ branchId: 'nope', month })).toContain('branchId')
    expect(await fields({ month })).toContain('branchId')
    const res = await t.call('GET', `/api/document-packages?month=11-2026`, { cookie: cookie.manager })
    expect(res.status).toBe(400)
    expect(Object.keys(res.data.error.fields)).toContain('month')
    expect((await download(999_999)).status).toBe(404)
  })
})
