import type { APIRequestContext, Browser } from '@playwright/test'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { encodeStockDocName, setStockLine } from '../../domain/docs/stock-doc'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { LANGS, picker } from './languages-support'
import { languageProblems } from './morning-support'
import { openDialog, shot } from './support'

/**
 * Loans of textbooks and kits (issue #18): a receptionist lends a textbook to a child for her
 * course from /loans, the Account tab of her file shows it on loan, she takes it back worn and
 * the list says so; a manager reads the loans and the textbook's trace in hy, ru and en
 * (docs/screenshots/loans-*.png): nothing untranslated, nothing cut. The spec's own store,
 * textbook (three received through its stock document), child and accounts, in the demo's first
 * branch.
 */
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
const PASSWORD = 'loans-secret-123'
const DESK = { login: `desk.loans.${run}`, name: 'Lou Desk', roles: ['receptionist'] }
const MANAGER = { login: `mgr.loans.${run}`, name: 'Lars Manager', roles: ['manager'] }
const t = translatorFor('en').t
const book = { id: '', name: `Reading Tree ${run}` }
const store = { id: '', name: `Book shelf ${run}` }
let client = { id: '', name: '' }
let group = { id: '', name: '' }

test.describe.configure({ mode: 'serial' })

async function api(request: APIRequestContext, method: 'get' | 'post', url: string, data?: unknown) {
  const res = await request[method](url, data === undefined ? undefined : { data })
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300)
  return (await res.json()) as Record<string, any>
}

/** Writes a stock document's lines through its live document (y-websocket), as a storekeeper's screen does. */
async function fillLines(
  request: APIRequestContext,
  baseURL: string,
  docId: string,
  lines: Record<string, { productId: string; quantity: number }>,
) {
  const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  const headers = { cookie, origin: baseURL }
  const Ws = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers })
    }
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${baseURL.replace(/^http/, 'ws')}/yjs`, encodeStockDocName(docId), doc, {
    WebSocketPolyfill: Ws as never,
    disableBc: true,
  })
  provider.messageHandlers[100] = () => {}
  provider.messageHandlers[101] = () => {}
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
  doc.transact(() => {
    for (const [key, line] of Object.entries(lines)) setStockLine(doc, key, line)
  })
  // posted once the server has the lines (it reads them from the live document)
  await expect.poll(async () => (await request.post(`/api/stock-docs/${docId}/post`)).status(), { timeout: 20_000 }).toBe(200)
  provider.destroy()
}

test.beforeAll(async ({ request, baseURL }) => {
  await api(request, 'post', '/api/auth/login', { login: 'owner', password: 'clubroom' })
  const branches = (await api(request, 'get', '/api/branches')).items as Array<{ id: string; name: string }>
  const groups = (await api(request, 'get', '/api/groups')).items as Array<{ id: string; name: string; branchId: string }>
  const g = groups.find((x) => branches.some((b) => b.id === x.branchId))
  expect(g, 'the demo has groups').toBeTruthy()
  group = { id: g!.id, name: g!.name }
  const branchId = g!.branchId
  for (const p of [DESK, MANAGER]) await api(request, 'post', '/api/users', { ...p, password: PASSWORD, branchIds: [branchId] })
  store.id = (await api(request, 'post', '/api/stores', { branchId, name: store.name })).store.id as string
  book.id = (
    await api(request, 'post', '/api/products', {
      name: book.name,
      kind: 'textbook',
      sku: `RT-${run}`,
      salePrice: 900,
      cost: 600,
    })
  ).product.id as string
  const receipt = (await api(request, 'post', '/api/stock-docs', { kind: 'receipt', storeId: store.id })).doc.id as string
  await fillLines(request, baseURL!, receipt, { a: { productId: book.id, quantity: 3 } })
  const made = await api(request, 'post', '/api/clients', {
    firstName: 'Lena',
    lastName: `Loans${run}`,
    birthDate: '2015-09-03',
    guardians: [
      {
        name: `Olga Loans${run}`,
        relation: 'mother',
        phone: `+49 171 ${String(1000000 + Math.floor(Math.random() * 8999999))}`,
        canPickUp: true,
      },
    ],
    consent: true,
    confirmNotDuplicate: true,
    branchId,
  })
  client = { id: made.id as string, name: `Lena Loans${run}` }
  await api(request, 'post', `/api/groups/${group.id}/members`, { clientId: client.id, overrideCapacity: true })
})

async function signedIn(browser: Browser, who: { login: string }, lang: Locale = 'en', height = 900) {
  const context = await browser.newContext({ viewport: { width: 1366, height } })
  const page = await context.newPage()
  expect((await page.request.post('/api/auth/login', { data: { login: who.login, password: PASSWORD } })).status()).toBe(200)
  expect((await page.request.patch('/api/auth/me', { data: { locale: lang } })).status()).toBe(200)
  return { context, page }
}

test('a receptionist lends a textbook, sees it on the child’s file, and takes it back worn', async ({ browser }) => {
  test.setTimeout(180_000)
  const { context, page } = await signedIn(browser, DESK)
  await page.goto('/loans')
  await expect(page.getByRole('heading', { name: t('loans.title') })).toBeVisible()
  await page.getByRole('button', { name: t('loans.lend') }).click()
  const dialog = openDialog(page)
  await dialog.getByLabel(t('loans.lend.store')).selectOption({ label: store.name })
  await dialog.getByLabel(t('loans.lend.product')).selectOption({ label: t('loans.lend.onHand', { name: book.name, onHand: 3 }) })
  await dialog.getByLabel(t('loans.lend.group')).selectOption(group.id)
  await dialog.getByLabel(t('loans.lend.client')).selectOption(client.id)
  await dialog.getByRole('button', { name: t('loans.lend.submit'), exact: true }).click()
  await expect(dialog).toHaveCount(0)
  const row = page.locator('crm-data-table [data-loan]', { hasText: client.name })
  await expect(row).toHaveAttribute('data-status', 'open')
  await expect(row).toContainText(book.name)
  await expect(row).toContainText(group.name)

  // on her file: on loan, with the day it is due back
  await page.goto(`/clients/${client.id}?tab=account`)
  const items = page.getByTestId('client-items')
  await expect(items).toContainText(t('loans.client.onLoan'))
  await expect(items.locator('li.open')).toContainText(book.name)
  await items.scrollIntoViewIfNeeded()
  await shot(page, 'loans-client-file')

  // back, worn: the list says so, and her file no longer has it on loan
  await page.goto('/loans')
  await row.getByRole('button', { name: t('loans.return') }).click()
  await openDialog(page).getByLabel(t('loans.condition.worn')).check()
  await openDialog(page)
    .getByRole('button', { name: t('loans.return') })
    .click()
  await expect(row).toHaveAttribute('data-status', 'returned')
  await expect(row).toContainText(t('loans.condition.worn'))
  await expect(row.getByRole('button', { name: t('loans.return') })).toHaveCount(0)
  await page.goto(`/clients/${client.id}?tab=account`)
  await expect(items).toContainText(t('loans.client.received'))
  await expect(items.locator('li.open')).toHaveCount(0)
  await expect(items.locator('li[data-kind="loan_return"]')).toContainText(book.name)
  await context.close()
})

test('a manager reads the loans and a textbook’s trace in hy, ru and en', async ({ browser }) => {
  test.setTimeout(240_000)
  // tall enough for the demo's loans of the branch, its overdue ones among them
  const { context, page } = await signedIn(browser, MANAGER, 'en', 1300)
  // one more on loan, so the list shows one open and one returned
  expect(
    (
      await page.request.post('/api/loans', {
        data: { clientId: client.id, productId: book.id, storeId: store.id, groupId: group.id, dueDate: '2099-01-01' },
      })
    ).status(),
  ).toBe(201)
  for (const lang of LANGS) {
    await page.goto('/loans')
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    const tr = translatorFor(lang).t
    await expect(page.getByRole('heading', { name: tr('loans.title') })).toBeVisible()
    await expect(page.locator('crm-data-table [data-loan]', { hasText: client.name })).toHaveCount(2)
    const p = await languageProblems(page, lang)
    expect.soft(p.rawIds, `${lang}: message ids`).toEqual([])
    if (lang !== 'en') expect.soft(p.english, `${lang}: English texts`).toEqual([])
    expect.soft(p.overflow, `${lang}: cut texts`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/loans-${lang}.png`, fullPage: true })

    // the textbook's trace: received, lent, back, lent again, with her name and who did it
    await page
      .locator('crm-data-table [data-loan]', { hasText: client.name })
      .first()
      .getByRole('link', { name: book.name })
      .click()
    await expect(page.getByRole('heading', { name: tr('loans.trace.title', { product: book.name }) })).toBeVisible()
    const moves = page.locator('crm-data-table [data-kind]')
    await expect(moves).toHaveCount(4)
    await expect(page.locator('crm-data-table [data-kind="loan_return"]')).toContainText(client.name)
    await expect(page.locator('crm-data-table [data-kind="loan_return"]')).toContainText(DESK.name)
    await expect(page.locator('crm-data-table [data-kind="receipt"]')).toContainText('+3')
    const q = await languageProblems(page, lang)
    expect.soft(q.rawIds, `${lang} trace: message ids`).toEqual([])
    expect.soft(q.overflow, `${lang} trace: cut texts`).toEqual([])
  }
  await context.close()
})
