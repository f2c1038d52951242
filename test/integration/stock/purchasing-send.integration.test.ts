import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'
import { queryRows } from '../../../db/client'
import { encodeStockDocName, readStockLines, setStockLine } from '../../../domain/docs/stock-doc'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { pdfText, squash } from '../../support/pdf-text'
import { login } from '../collab/helpers'
import { actorOf, buildStockCenter, ledgerMismatches, onHandOf } from './support'

/**
 * Issue #18, purchase orders sent and received: a posting below the reorder point raises a request
 * on its supplier's draft order; sending it emails the order with its PDF (captured here by an
 * in-process SMTP server: the attachment is a PDF naming the supplier, in the center's language),
 * or — on the instance without SMTP — keeps it in the outbox with the PDF downloadable. Receiving
 * opens a receipt linked to the order, pre-filled with what is outstanding; posting part of it
 * makes the order partly received, the rest received; reversing a receipt takes it back.
 */
let database: TestDatabase
/** The instance with SMTP_URL (mail goes to `captured`) and the one without (the outbox). */
let mailing: RunningServer
let plain: RunningServer
let smtp: SMTPServer
const captured: Array<{ to: string[]; raw: string }> = []
let callMail: ReturnType<typeof apiCaller>
let call: ReturnType<typeof apiCaller>
let center: Awaited<ReturnType<typeof buildStockCenter>>
const cookies: Record<string, string> = {}
const mailCookies: Record<string, string> = {}
let n = 0

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        captured.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') })
        done()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  const port = (smtp.server.address() as AddressInfo).port
  database = await createTestDatabase()
  center = await buildStockCenter(database.db)
  // the center speaks Russian: the order's PDF and email are in Russian whoever sends it
  await database.db.execute(sql`update center_settings set default_locale = 'ru'`)
  plain = await startTestServer(database)
  mailing = await startTestServer(database, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Clubroom <orders@club.test>' })
  call = apiCaller(plain)
  callMail = apiCaller(mailing)
  for (const who of ['storekeeper', 'storekeeper2', 'accountant']) {
    cookies[who] = await login(plain, who)
    mailCookies[who] = await login(mailing, who)
  }
})
afterAll(async () => {
  await mailing?.close()
  await plain?.close()
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()))
  await database?.destroy()
})

async function supplier(name: string, email = `${name.toLowerCase()}@example.am`): Promise<string> {
  const res = await call('POST', '/api/suppliers', cookies.storekeeper, { name, email })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data.supplier.id as string
}

async function product(supplierId: string, name: string, reorderQuantity: number, cost = 2500): Promise<string> {
  n += 1
  const res = await call('POST', '/api/products', cookies.storekeeper, {
    name,
    kind: 'consumable',
    sku: `PS-${n}-${Math.random().toString(36).slice(2, 7)}`,
    salePrice: 4000,
    cost,
    reorderPoint: 3,
    reorderQuantity,
    preferredSupplierId: supplierId,
  })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data.product.id as string
}

/** Fills a document's lines and posts it. */
async function fillAndPost(id: string, lines: Array<{ key: string; productId: string; quantity: number }>) {
  await plain.deps.docs!.applyAsUser(encodeStockDocName(id), actorOf(center.staff.storekeeper), (doc) => {
    for (const l of lines) setStockLine(doc, l.key, { productId: l.productId, quantity: l.quantity })
  })
  const res = await call('POST', `/api/stock-docs/${id}/post`, cookies.storekeeper)
  expect(res.status, JSON.stringify(res.data)).toBe(200)
}

async function posted(kind: 'receipt' | 'write_off', productId: string, quantity: number) {
  const open = await call('POST', '/api/stock-docs', cookies.storekeeper, { kind, storeId: center.stores.shop.id })
  expect(open.status, JSON.stringify(open.data)).toBe(201)
  await fillAndPost(open.data.doc.id, [{ key: 'l1', productId, quantity }])
  return open.data.doc.id as string
}

/** Takes two products of a supplier low: its draft order with both lines. */
async function lowOrder(name: string) {
  const sup = await supplier(name)
  const a = await product(sup, `${name} paint`, 10)
  const b = await product(sup, `${name} brushes`, 4, 1200)
  for (const p of [a, b]) {
    await posted('receipt', p, 5)
    await posted('write_off', p, 3)
  }
  const orders = await call('GET', '/api/purchase-orders?status=draft', cookies.storekeeper)
  const mine = (orders.data.items as Array<Record<string, any>>).filter((o) => o.supplierId === sup)
  expect(mine).toHaveLength(1)
  expect(mine[0]).toMatchObject({ lineCount: 2, total: 10 * 2500 + 4 * 1200 })
  return { sup, a, b, orderId: mine[0].id as string }
}

/** The base64 attachment of a captured message, decoded. */
function attachmentOf(raw: string): { data: Buffer } | null {
  const m =
    /Content-Type: application\/pdf;[^\r\n]*(?:\r\n[ \t][^\r\n]*)*\r\n(?:[^\r\n]+\r\n)*?\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/u.exec(
      raw,
    )
  if (!m) return null
  return { data: Buffer.from(m[1].replace(/\s+/gu, ''), 'base64') }
}

const orderOf = async (id: string) => (await call('GET', `/api/purchase-orders/${id}`, cookies.storekeeper)).data.order

describe('purchase orders: send and receive', () => {
  it('sends a grouped order by email with its PDF (in the center’s language, naming the supplier); the order is sent, its lines ordered', async () => {
    const { orderId } = await lowOrder('Colorado')
    const res = await callMail('POST', `/api/purchase-orders/${orderId}/send`, mailCookies.storekeeper)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.order).toMatchObject({ status: 'sent', lineCount: 2 })
    expect(res.data.order.sentAt).toBeTruthy()
    expect(res.data.order.lines.map((l: any) => l.status)).toEqual(['ordered', 'ordered'])
    expect(res.data.message).toMatchObject({ status: 'sent', recipient: 'colorado@example.am' })

    const mail = captured.find((m) => m.to.includes('colorado@example.am'))
    expect(mail, 'the SMTP server got the order').toBeTruthy()
    expect(mail!.raw).toMatch(/From: Clubroom <orders@club\.test>/u)
    const file = attachmentOf(mail!.raw)
    expect(file, 'a PDF attached').toBeTruthy()
    expect(file!.data.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(mail!.raw).toMatch(/Content-Disposition: attachment;[^\r\n]*(?:\r\n[ \t][^\r\n]*)*\.pdf/u)
    const text = squash(pdfText(file!.data).text)
    expect(text).toContain(squash('Colorado'))
    expect(text).toContain(squash('Заказ поставщику'))
    expect(text).toContain(squash('Colorado paint'))
    expect(text).toContain(squash('Central'))

    // sent: not again, and nothing more waits in the outbox for it than the record of what was sent
    const again = await callMail('POST', `/api/purchase-orders/${orderId}/send`, mailCookies.storekeeper)
    expect(again.status).toBe(409)
    expect(again.data.error.fields.status).toBeTruthy()
    const outbox = await call('GET', '/api/outbox?status=held', cookies.storekeeper)
    expect((outbox.data.items as any[]).filter((m) => m.subjectId === orderId)).toEqual([])
  })

  it('without SMTP the order goes to the outbox, its PDF downloadable; the accountant reads it, the other branch does not', async () => {
    const { orderId } = await lowOrder('Papyrus')
    const res = await call('POST', `/api/purchase-orders/${orderId}/send`, cookies.storekeeper)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.message).toMatchObject({ status: 'held', recipient: 'papyrus@example.am' })
    expect(res.data.order.status).toBe('sent')

    const outbox = await call('GET', '/api/outbox', cookies.accountant)
    expect(outbox.status).toBe(200)
    expect(outbox.data.smtp).toBe(false)
    const held = (outbox.data.items as any[]).find((m) => m.subjectId === orderId)
    expect(held).toMatchObject({ status: 'held', recipient: 'papyrus@example.am' })
    expect(held.subject).toMatch(/Заказ поставщику/u)
    const pdf = await fetch(plain.url + held.attachmentUrl, { headers: { cookie: cookies.accountant } })
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = Buffer.from(await pdf.arrayBuffer())
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(squash(pdfText(bytes).text)).toContain('Papyrus')

    // Riverside's storekeeper sees neither the message nor its file
    const theirs = await call('GET', '/api/outbox', cookies.storekeeper2)
    expect((theirs.data.items as any[]).find((m) => m.subjectId === orderId)).toBeUndefined()
    const denied = await fetch(plain.url + held.attachmentUrl, { headers: { cookie: cookies.storekeeper2 } })
    expect(denied.status).toBe(403)
  })

  it('refuses to send to a supplier without email, naming the field, and writes nothing', async () => {
    const sup = await supplier('Nomail', '')
    const p = await product(sup, 'Nomail glue', 6)
    await posted('receipt', p, 5)
    await posted('write_off', p, 3)
    const [order] = (await call('GET', '/api/purchase-orders?status=draft', cookies.storekeeper)).data.items.filter(
      (o: any) => o.supplierId === sup,
    )
    const res = await call('POST', `/api/purchase-orders/${order.id}/send`, cookies.storekeeper)
    expect(res.status, JSON.stringify(res.data)).toBe(409)
    expect(res.data.error.fields.supplierEmail).toBeTruthy()
    expect((await orderOf(order.id)).status).toBe('draft')
    const rows = await queryRows(database.db, sql`select id from outbox_messages where subject_id = ${order.id}`)
    expect(rows).toEqual([])
  })

  it('receives: a receipt pre-filled with the outstanding lines; part posted → partly received; the rest → received; reversal takes it back', async () => {
    const { orderId, a, b } = await lowOrder('Receivo')
    const early = await call('POST', `/api/purchase-orders/${orderId}/receive`, cookies.storekeeper, {})
    expect(early.status, 'a draft is not received').toBe(409)
    expect((await call('POST', `/api/purchase-orders/${orderId}/send`, cookies.storekeeper)).status).toBe(200)

    const first = await call('POST', `/api/purchase-orders/${orderId}/receive`, cookies.storekeeper, {})
    expect(first.status, JSON.stringify(first.data)).toBe(201)
    expect(first.data.doc).toMatchObject({ kind: 'receipt', storeId: center.stores.shop.id, purchaseOrderId: orderId })
    const docId = first.data.doc.id as string
    let lines: ReturnType<typeof readStockLines> = []
    await plain.deps.docs!.applyAsUser(encodeStockDocName(docId), actorOf(center.staff.storekeeper), (doc) => {
      lines = readStockLines(doc)
    })
    expect(lines.map((l) => [l.productId, l.quantity, l.unitCost]).sort()).toEqual(
      [
        [a, 10, 2500],
        [b, 4, 1200],
      ].sort(),
    )
    // asking again gives the same draft, not a second receipt
    const same = await call('POST', `/api/purchase-orders/${orderId}/receive`, cookies.storekeeper, {})
    expect(same.status).toBe(200)
    expect(same.data.doc.id).toBe(docId)

    // only 6 of the 10 paint came, no brushes
    const before = await onHandOf(database.db, a, center.stores.shop.id)
    await plain.deps.docs!.applyAsUser(encodeStockDocName(docId), actorOf(center.staff.storekeeper), (doc) => {
      const key = lines.find((l) => l.productId === b)!.key
      doc.getMap('lines').delete(key)
      setStockLine(doc, lines.find((l) => l.productId === a)!.key, { productId: a, quantity: 6, unitCost: 2500 })
    })
    expect((await call('POST', `/api/stock-docs/${docId}/post`, cookies.storekeeper)).status).toBe(200)
    expect(await onHandOf(database.db, a, center.stores.shop.id)).toBe(before + 6)
    let order = await orderOf(orderId)
    expect(order.status).toBe('partly_received')
    expect(order.lines.map((l: any) => [l.productId, l.status]).sort()).toEqual(
      [
        [a, 'ordered'],
        [b, 'ordered'],
      ].sort(),
    )

    // the rest: 4 paint and 4 brushes
    const second = await call('POST', `/api/purchase-orders/${orderId}/receive`, cookies.storekeeper, {})
    expect(second.status).toBe(201)
    expect(second.data.doc.id).not.toBe(docId)
    expect(second.data.doc.lines.map((l: any) => [l.productId, l.quantity]).sort()).toEqual(
      [
        [a, 4],
        [b, 4],
      ].sort(),
    )
    expect((await call('POST', `/api/stock-docs/${second.data.doc.id}/post`, cookies.storekeeper)).status).toBe(200)
    order = await orderOf(orderId)
    expect(order.status).toBe('received')
    expect(order.receivedAt).toBeTruthy()
    expect(order.lines.map((l: any) => l.status)).toEqual(['received', 'received'])
    const done = await call('POST', `/api/purchase-orders/${orderId}/receive`, cookies.storekeeper, {})
    expect(done.status).toBe(409)

    // a reversed receipt takes its goods back off the order
    const rev = await call('POST', `/api/stock-docs/${second.data.doc.id}/reverse`, cookies.storekeeper)
    expect(rev.status, JSON.stringify(rev.data)).toBe(201)
    expect((await orderOf(orderId)).status).toBe('partly_received')
    expect(await ledgerMismatches(database.db)).toEqual([])
  })

  it('a product on a sent order that goes low again asks for nothing more until it is received', async () => {
    const { orderId, a } = await lowOrder('Waitco')
    expect((await call('POST', `/api/purchase-orders/${orderId}/send`, cookies.storekeeper)).status).toBe(200)
    await posted('write_off', a, 1)
    const reqs = await call('GET', `/api/purchase-requests?status=open`, cookies.storekeeper)
    expect((reqs.data.items as any[]).filter((r) => r.productId === a)).toEqual([])
  })

  it('the other branch’s storekeeper can neither send nor receive', async () => {
    const { orderId } = await lowOrder('Foreign')
    const send = await call('POST', `/api/purchase-orders/${orderId}/send`, cookies.storekeeper2)
    expect(send.status).toBe(403)
    expect((await orderOf(orderId)).status).toBe('draft')
    expect((await call('POST', `/api/purchase-orders/${orderId}/send`, cookies.storekeeper)).status).toBe(200)
    const receive = await call('POST', `/api/purchase-orders/${orderId}/receive`, cookies.storekeeper2, {})
    expect(receive.status).toBe(403)
  })
})
