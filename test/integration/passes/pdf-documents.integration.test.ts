import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { branches, clientGuardians, clients } from '../../../db/schema/index'
import { formatDay, formatMoney } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { pdfText, squash } from '../../support/pdf-text'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/**
 * Issue #15: the invoice and receipt PDFs read back (the text through the embedded fonts' ToUnicode
 * maps) in hy, ru and en: the invoice's number, the branch and its address, the client and the
 * paying guardian, the lines' VAT, the totals, the payment (day and method) and what is due, each
 * amount formatted in the reader's language (formatMoney, AMD), Armenian runs in Noto Sans
 * Armenian, no standard (non-embedded) font; the file's name in UTF-8 (an Armenian branch's code
 * once made the header throw: 500).
 *
 * Worked example: a plan of 24 000 ֏ with VAT 20 % included → net 20 000, VAT 4 000; 10 000 paid by
 * card → 14 000 due.
 */
let database: TestDatabase
let server: RunningServer
const cookies: Record<string, string> = {}
const call = (method: string, path: string, who: string, json?: unknown) =>
  apiCaller(server)(method, path, cookies[who], json, 'en')
const LANGS: Locale[] = ['hy', 'ru', 'en']
let invoice: { id: string; number: string; issuedOn: string; dueOn: string }
let paymentId = ''

beforeAll(async () => {
  database = await createTestDatabase()
  const world = await buildTwoBranches(database.db)
  server = await startTestServer(database)
  for (const l of ['manager', 'reception']) cookies[l] = await login(server, l)
  // the branch named in Armenian, as in the default (Armenian) demo: its code on the number is Armenian
  await database.db
    .update(branches)
    .set({ name: 'Կենտրոն', address: 'Երևան, Աբովյան փողոց 24', phone: '+374 10 52 18 40' })
    .where(eq(branches.id, world.central.branch.id))
  const [child] = await database.db
    .insert(clients)
    .values({
      firstName: 'Լևոն',
      lastName: 'Հովհաննիսյան',
      branchId: world.central.branch.id,
      birthDate: '2016-03-03',
      status: 'active',
    })
    .returning()
  await database.db.insert(clientGuardians).values({
    clientId: child.id,
    key: 'g1',
    name: 'Ռուբեն Հովհաննիսյան',
    relation: 'father',
    phone: '+374 95 24 07 11',
    phoneDigits: '37495240711',
  })
  const rate = await call('POST', '/api/tax-rates', 'manager', { name: 'ԱԱՀ 20%', rateBp: 2000, mode: 'included' })
  expect(rate.status, JSON.stringify(rate.data)).toBe(201)
  const plan = await call('POST', '/api/pass-plans', 'manager', {
    name: 'Ռոբոտաշինություն, 8 դաս',
    activityIds: [world.activity.id],
    sessions: 8,
    validDays: 30,
    price: 24_000,
    taxRateId: rate.data.taxRate.id,
  })
  expect(plan.status, JSON.stringify(plan.data)).toBe(201)
  const sold = await call('POST', `/api/clients/${child.id}/passes`, 'reception', { planId: plan.data.plan.id })
  expect(sold.status, JSON.stringify(sold.data)).toBe(201)
  invoice = sold.data.invoice
  expect(sold.data.invoice).toMatchObject({ total: 24_000, net: 20_000, tax: 4_000, payerName: 'Ռուբեն Հովհաննիսյան' })
  const paid = await call('POST', '/api/payments', 'reception', {
    invoiceId: invoice.id,
    amount: 10_000,
    method: 'card',
    idempotencyKey: 'pdf-documents-payment-1',
  })
  expect(paid.status, JSON.stringify(paid.data)).toBe(201)
  paymentId = paid.data.payment.id
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

async function fetchPdf(path: string, lang: Locale) {
  const res = await fetch(server.url + path, { headers: { cookie: cookies.reception, 'accept-language': lang } })
  const bytes = Buffer.from(await res.arrayBuffer())
  expect(res.status, bytes.toString()).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/pdf')
  return { disposition: res.headers.get('content-disposition') ?? '', ...pdfText(bytes) }
}

describe('the invoice PDF', () => {
  it('is numbered with the branch’s Armenian code, its file named in UTF-8', async () => {
    expect(invoice.number).toMatch(/^ԿԵՆ-\d{4}-000001$/)
    const { disposition } = await fetchPdf(`/api/invoices/${invoice.id}.pdf`, 'en')
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${invoice.number}.pdf`)}`)
    expect(disposition).toMatch(/filename="[\x20-\x7e]+\.pdf"/)
  })

  for (const lang of LANGS)
    it(`reads in ${lang}: number, branch, parties, VAT, totals, payment and due, amounts in ${lang}`, async () => {
      const t = translatorFor(lang).t
      const money = (n: number) => squash(formatMoney(n, 'AMD', lang))
      const { text, fonts } = await fetchPdf(`/api/invoices/${invoice.id}.pdf`, lang)
      expect(fonts.some((f) => /\+NotoSansArmenian-(Regular|Bold)$/.test(f))).toBe(true)
      expect(fonts.filter((f) => !f.includes('+'))).toEqual([])
      const all = squash(text)
      // the title with the number, the branch and its address, the client, the paying guardian
      expect(all).toContain(squash(t('passes.pdf.invoiceTitle', { number: invoice.number })))
      expect(all).toContain(squash('Կենտրոն'))
      expect(all).toContain(squash('Երևան, Աբովյան փողոց 24'))
      expect(all).toContain(squash(`${t('passes.pdf.client')}: Լևոն Հովհաննիսյան`))
      expect(all).toContain(squash(`${t('passes.pdf.payer')}: Ռուբեն Հովհաննիսյան, +374 95 24 07 11`))
      expect(all).toContain(squash(`${t('passes.pdf.issuedOn')}: ${formatDay(invoice.issuedOn, lang)}`))
      expect(all).toContain(squash(`${t('passes.pdf.dueOn')}: ${formatDay(invoice.dueOn, lang)}`))
      // the line: price, net, its VAT (the label starts its line: capitalised), gross
      const vat = t('passes.pdf.taxIncluded', { rate: 20 })
      expect(all).toContain(squash('Ռոբոտաշինություն, 8 դաս'))
      expect(all).toContain(`${squash(t('passes.pdf.price'))}${money(24_000)}`)
      expect(all).toContain(`${squash(vat.charAt(0).toLocaleUpperCase(lang) + vat.slice(1))}${money(4_000)}`)
      // the totals: net, VAT, total; the payment by card; paid and due
      expect(all).toContain(`${squash(t('passes.pdf.net'))}${money(20_000)}`)
      expect(all).toContain(`${squash(t('passes.pdf.tax'))}${money(4_000)}`)
      expect(all).toContain(`${squash(t('passes.pdf.total'))}${money(24_000)}`)
      expect(all).toContain(`${squash(t('passes.method.card'))}${money(10_000)}`)
      expect(all).toContain(`${squash(t('passes.pdf.paid'))}${money(10_000)}`)
      expect(all).toContain(`${squash(t('passes.pdf.due'))}${money(14_000)}`)
      // nothing in another language
      if (lang !== 'en') expect(text).not.toMatch(/Invoice|Total|Due/)
    })
})

describe('the receipt PDF', () => {
  for (const lang of LANGS)
    it(`reads in ${lang}: the invoice's number, method, amount, VAT, total and due`, async () => {
      const t = translatorFor(lang).t
      const money = (n: number) => squash(formatMoney(n, 'AMD', lang))
      const { text, fonts, disposition } = await fetchPdf(`/api/payments/${paymentId}/receipt.pdf`, lang)
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`receipt-${invoice.number}.pdf`)}`)
      expect(fonts.filter((f) => !f.includes('+'))).toEqual([])
      const all = squash(text)
      expect(all).toContain(squash(t('passes.pdf.receiptTitle', { number: invoice.number })))
      expect(all).toContain(squash(`${t('passes.pdf.method')}: ${t('passes.method.card')}`))
      expect(all).toContain(`${squash(t('passes.pdf.amount'))}${money(10_000)}`)
      expect(all).toContain(`${squash(t('passes.pdf.taxIncluded', { rate: 20 }))}${money(4_000)}`)
      expect(all).toContain(`${squash(t('passes.pdf.total'))}${money(24_000)}`)
      expect(all).toContain(`${squash(t('passes.pdf.due'))}${money(14_000)}`)
      // a receipt has no "due by" date
      expect(all).not.toContain(squash(`${t('passes.pdf.dueOn')}:`))
    })
})

describe('a refund on the invoice', () => {
  it('is listed with a minus the embedded fonts have (never U+2212, which Noto Sans lacks)', async () => {
    const refund = await call('POST', '/api/refunds', 'manager', {
      invoiceId: invoice.id,
      mode: 'amount',
      amount: 1_000,
      method: 'cash',
      idempotencyKey: 'pdf-documents-refund-1',
      reason: 'Հիվանդություն',
    })
    expect(refund.status, JSON.stringify(refund.data)).toBe(201)
    for (const lang of LANGS) {
      const t = translatorFor(lang).t
      const { text } = await fetchPdf(`/api/invoices/${invoice.id}.pdf`, lang)
      expect(squash(text)).toContain(
        `${squash(t('passes.pdf.refund'))}${squash(formatMoney(-1_000, 'AMD', lang).replace(/\u2212/gu, '-'))}`,
      )
      expect(text).not.toContain('\u2212')
    }
  })
})
