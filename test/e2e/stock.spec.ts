import AxeBuilder from '@axe-core/playwright'
import type { APIRequestContext, Browser, Page } from '@playwright/test'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { LANGS, picker } from './languages-support'
import { languageProblems } from './morning-support'
import { openDialog } from './support'

/**
 * The stock screens (issue #18). A storekeeper receives goods by scanning them into a receipt and
 * posts it; a write-off of more than is on hand is refused with the line named. Two storekeepers
 * (two browsers) fill one count sheet at once: each sees the other's lines and presence; posting
 * it locks it on both screens ("posted by …"). The count takes a product below its reorder point:
 * the wall dashboard shows the stock alert. Then the products and the document in hy, ru and en
 * (docs/screenshots/stock-{products,document}-*.png): nothing untranslated, nothing cut.
 */

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
// the last four base-36 digits of the time: a retry (a new worker, seconds later) never names its store like the first try's
const tag = Date.now().toString(36).slice(-4).toUpperCase()
const PASSWORD = 'stock-secret-123'
const KEEPER = { login: `keeper.stock.${run}`, name: 'Kira Keeper', roles: ['storekeeper'] }
const KEEPER2 = { login: `keeper2.stock.${run}`, name: 'Lev Shelves', roles: ['storekeeper'] }
const t = translatorFor('en').t

let branchId = ''
let store = { id: '', name: `Cupboard ${tag}` }
const kit = { id: '', name: 'Servo robot kit', sku: `KIT-${run}`, barcode: `29${String(Date.now()).slice(-10)}` }
const glue = { id: '', name: 'Glitter glue sticks', sku: `GLUE-${run}` }
let countDocId = ''
const supplierName = `Robo Supplies ${tag}`

test.describe.configure({ mode: 'serial' })

async function api(request: APIRequestContext, method: 'get' | 'post' | 'patch', url: string, data?: unknown) {
  const res = await request[method](url, data === undefined ? undefined : { data })
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300)
  return (await res.json()) as Record<string, any>
}

test.beforeAll(async ({ request }) => {
  await api(request, 'post', '/api/auth/login', { login: 'owner', password: 'clubroom' })
  const branches = (await api(request, 'get', '/api/branches')).items as Array<{ id: string; name: string }>
  const anyGroups = (await api(request, 'get', '/api/groups')).items as Array<{ branchId: string }>
  branchId = anyGroups.find((g) => branches.some((b) => b.id === g.branchId))?.branchId ?? branches[0].id
  for (const p of [KEEPER, KEEPER2]) await api(request, 'post', '/api/users', { ...p, password: PASSWORD, branchIds: [branchId] })
  store = { ...store, id: (await api(request, 'post', '/api/stores', { branchId, name: store.name })).store.id as string }
  const supplier = (await api(request, 'post', '/api/suppliers', { name: supplierName, email: 'orders@robo.example' })).supplier
  kit.id = (
    await api(request, 'post', '/api/products', {
      name: kit.name,
      kind: 'kit',
      sku: kit.sku,
      barcode: kit.barcode,
      unit: 'pcs',
      salePrice: 4500,
      cost: 3000,
      reorderPoint: 3,
      reorderQuantity: 10,
      preferredSupplierId: supplier.id,
    })
  ).product.id as string
  glue.id = (
    await api(request, 'post', '/api/products', { name: glue.name, kind: 'consumable', sku: glue.sku, salePrice: 250, cost: 120 })
  ).product.id as string
})

async function signedIn(browser: Browser, who: { login: string }, lang: Locale = 'en') {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
  const page = await context.newPage()
  expect((await page.request.post('/api/auth/login', { data: { login: who.login, password: PASSWORD } })).status()).toBe(200)
  expect((await page.request.patch('/api/auth/me', { data: { locale: lang } })).status()).toBe(200)
  return { context, page }
}

async function expectWordedIn(page: Page, lang: Locale, what: string) {
  const p = await languageProblems(page, lang)
  expect.soft(p.rawIds, `${lang} ${what}: message ids`).toEqual([])
  if (lang !== 'en') expect.soft(p.english, `${lang} ${what}: English texts`).toEqual([])
  expect.soft(p.overflow, `${lang} ${what}: cut texts`).toEqual([])
}

const line = (page: Page, product: string) => page.locator(`crm-stock-doc tr[data-product="${product}"]`)
const qtyInput = (page: Page, product: string) => line(page, product).locator('input.qty')
const docState = (page: Page) => page.getByTestId('doc-state')

/** Opens a new document of this kind in the spec's store from the documents tab; returns its id. */
async function newDoc(page: Page, kind: string) {
  await page.goto('/stock?tab=docs')
  await page.getByRole('button', { name: t('stock.screens.docs.new') }).click()
  const dialog = openDialog(page)
  await dialog.getByLabel(t('stock.screens.newDoc.kind')).selectOption(kind)
  await dialog.getByLabel(t('stock.screens.newDoc.store'), { exact: true }).selectOption(store.id)
  await dialog.getByRole('button', { name: t('stock.screens.newDoc.create') }).click()
  await expect(page).toHaveURL(/\/stock\/docs\/[0-9a-f-]{36}$/)
  await expect(page.getByTestId('save-state')).toBeVisible()
  return page.url().split('/').pop()!
}

async function post(page: Page) {
  await page.getByRole('button', { name: t('stock.screens.doc.post'), exact: true }).click()
  await openDialog(page)
    .getByRole('button', { name: t('stock.screens.doc.post'), exact: true })
    .click()
}

test('a storekeeper scans a receipt in and posts it; a write-off of more than is on hand is refused, naming the line', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const { context, page } = await signedIn(browser, KEEPER)

  await newDoc(page, 'receipt')
  await expect(page.getByText(t('stock.screens.doc.noLines'))).toBeVisible()
  // the scanner types the code and Enter: one line, one more each time
  const scan = page.getByLabel(t('stock.screens.doc.scan'))
  for (let i = 0; i < 5; i++) {
    await scan.fill(kit.barcode)
    await scan.press('Enter')
  }
  await expect(line(page, kit.name)).toHaveCount(1)
  await expect(qtyInput(page, kit.name)).toHaveValue('5')
  // an unknown code says so
  await scan.fill('0000000')
  await scan.press('Enter')
  await expect(page.getByText(t('stock.screens.doc.scanUnknown', { code: '0000000' }))).toBeVisible()
  // the SKU works too, and the picker
  await scan.fill(glue.sku)
  await scan.press('Enter')
  await qtyInput(page, glue.name).fill('4')
  await expect(page.getByTestId('save-state')).toHaveText(t('common.saveState.saved'))
  await post(page)
  await expect(docState(page)).toContainText(KEEPER.name)
  await expect(qtyInput(page, kit.name)).toHaveCount(0)
  await expect(line(page, kit.name).getByTestId('qty')).toHaveText('5')

  // the products list: 5 kits and 4 glue sticks in the store, neither low (reorder at 3)
  await page.goto(`/stock`)
  await page.getByLabel(t('stock.screens.products.search')).fill(run)
  const kitRow = page.locator(`crm-data-table [data-product="${kit.name}"]`)
  await expect(kitRow.locator(`[data-store="${store.name}"]`)).toContainText('5')
  await expect(kitRow).toHaveAttribute('data-low', 'false')

  // a new product through the form: its price and cost, its reorder point; bad input is named
  await page.getByRole('button', { name: t('stock.screens.products.new') }).click()
  let dialog = openDialog(page)
  await dialog.getByLabel(t('stock.screens.product.name')).fill('Art paper A3')
  await dialog.getByLabel(t('stock.screens.products.kind')).selectOption('consumable')
  await dialog.getByLabel(t('stock.screens.products.sku')).fill(`PAPER-${run}`)
  await dialog.getByLabel(t('stock.screens.product.salePrice', { currency: 'EUR' })).fill('1,5x')
  await dialog.getByLabel(t('stock.screens.product.cost', { currency: 'EUR' })).fill('0.80')
  await dialog.getByLabel(t('stock.screens.product.reorderPoint')).fill('20')
  await dialog.getByRole('button', { name: t('common.save') }).click()
  await expect(dialog.getByText(t('stock.screens.product.badAmount'))).toBeVisible()
  await dialog.getByLabel(t('stock.screens.product.salePrice', { currency: 'EUR' })).fill('1.50')
  await dialog.getByRole('button', { name: t('common.save') }).click()
  await expect(openDialog(page)).toHaveCount(0)
  const paper = page.locator('crm-data-table [data-product="Art paper A3"]')
  await expect(paper).toContainText('€1.50')
  await expect(paper).toContainText('€0.80')
  // never in the store: nothing shown there, and not red (nothing was taken below its reorder point)
  await expect(paper.locator(`[data-store="${store.name}"]`)).toHaveText('—')
  await expect(paper).toHaveAttribute('data-low', 'false')
  // the same SKU again: refused, naming the field
  await page.getByRole('button', { name: t('stock.screens.products.new') }).click()
  dialog = openDialog(page)
  await dialog.getByLabel(t('stock.screens.product.name')).fill('Art paper again')
  await dialog.getByLabel(t('stock.screens.products.sku')).fill(`PAPER-${run}`)
  await dialog.getByRole('button', { name: t('common.save') }).click()
  await expect(dialog.getByText(t('stock.skuTaken'))).toBeVisible()
  await dialog.getByRole('button', { name: t('common.cancel') }).click()

  // a write-off of 9 glue sticks with 4 on hand: refused, the line named, nothing written
  await newDoc(page, 'write_off')
  await page.getByLabel(t('stock.screens.doc.addProduct')).selectOption(glue.id)
  await page.getByRole('button', { name: t('stock.screens.doc.addLine') }).click()
  await qtyInput(page, glue.name).fill('9')
  await expect(page.getByTestId('save-state')).toHaveText(t('common.saveState.saved'))
  await post(page)
  const problems = page.getByTestId('post-problems')
  await expect(problems).toContainText(t('stock.screens.doc.cannotPost'))
  await expect(problems).toContainText(glue.name)
  await expect(problems).toContainText(t('stock.line.notEnough', { onHand: 4, wanted: 9 }))
  await expect(docState(page)).toHaveText(t('stock.screens.doc.draft'))

  // a receipt of one more glue stick, posted, then reversed: the counter-document shows what it moved
  const receipt = await newDoc(page, 'receipt')
  const scan2 = page.getByLabel(t('stock.screens.doc.scan'))
  await scan2.fill(glue.sku)
  await scan2.press('Enter')
  await expect(qtyInput(page, glue.name)).toHaveValue('1')
  await expect(page.getByTestId('save-state')).toHaveText(t('common.saveState.saved'))
  await post(page)
  await expect(docState(page)).toContainText(KEEPER.name)
  await page.getByRole('button', { name: t('stock.screens.doc.reverse') }).click()
  await openDialog(page)
    .getByRole('button', { name: t('stock.screens.doc.reverse') })
    .click()
  await expect(page).not.toHaveURL(new RegExp(receipt))
  await expect(page.getByTestId('movements')).toContainText(glue.name)
  await expect(page.getByTestId('movements')).toContainText('-1')
  await expect(page.getByRole('link', { name: t('stock.screens.doc.openOriginal') })).toBeVisible()
  await expect(page.getByRole('button', { name: t('stock.screens.doc.reverse') })).toHaveCount(0)
  await context.close()
})

test('two storekeepers fill one count sheet at once, see each other, and posting locks it on both screens', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const a = await signedIn(browser, KEEPER)
  const b = await signedIn(browser, KEEPER2)
  countDocId = (await api(a.page.request, 'post', '/api/stock-docs', { kind: 'count', storeId: store.id })).doc.id as string
  await a.page.goto(`/stock/docs/${countDocId}`)
  await b.page.goto(`/stock/docs/${countDocId}`)
  for (const p of [a.page, b.page]) {
    await expect(p.getByTestId('save-state')).toBeVisible()
    // both are here
    await expect(p.locator('crm-presence-list li[data-user]')).toHaveCount(2)
  }

  // A counts the kits on one shelf, B the glue on another: each sees the other's line
  const scanA = a.page.getByLabel(t('stock.screens.doc.scan'))
  await scanA.fill(kit.barcode)
  await scanA.press('Enter')
  await qtyInput(a.page, kit.name).fill('2')
  await b.page.getByLabel(t('stock.screens.doc.addProduct')).selectOption(glue.id)
  await b.page.getByRole('button', { name: t('stock.screens.doc.addLine') }).click()
  await qtyInput(b.page, glue.name).fill('4')
  await expect(qtyInput(b.page, kit.name)).toHaveValue('2')
  await expect(qtyInput(a.page, glue.name)).toHaveValue('4')
  // a count shows what is expected and the difference
  await expect(line(b.page, kit.name).getByTestId('expected')).toHaveText('5')
  await expect(line(b.page, kit.name).getByTestId('difference')).toHaveText('-3')
  await expect(line(a.page, glue.name).getByTestId('difference')).toHaveText('0')
  // B is on the glue line: A sees it
  await qtyInput(b.page, glue.name).focus()
  await expect(line(a.page, glue.name).locator('.who')).toHaveText(KEEPER2.name)
  for (const p of [a.page, b.page]) await expect(p.getByTestId('save-state')).toHaveText(t('common.saveState.saved'))

  // B posts: both screens turn read-only and say who posted it
  await post(b.page)
  for (const p of [a.page, b.page]) {
    await expect(docState(p)).toContainText(KEEPER2.name)
    await expect(p.locator('crm-stock-doc input.qty')).toHaveCount(0)
    await expect(p.getByRole('button', { name: t('stock.screens.doc.post'), exact: true })).toHaveCount(0)
    await expect(line(p, kit.name).getByTestId('qty')).toHaveText('2')
  }
  await a.page.screenshot({ path: 'test-results/screens/stock-count-posted-a.png' })

  // on hand now: 2 kits (at or below 3: red), 4 glue sticks
  await a.page.goto('/stock')
  await a.page.getByLabel(t('stock.screens.products.search')).fill(run)
  const kitRow = a.page.locator(`crm-data-table [data-product="${kit.name}"]`)
  await expect(kitRow.locator(`[data-store="${store.name}"]`)).toContainText('2')
  await expect(kitRow).toHaveAttribute('data-low', 'true')
  // the purchase request went to the preferred supplier, on its draft order; sent (no mail server
  // here: kept in the outbox), then received: a receipt pre-filled with what was ordered
  await a.page.goto('/stock?tab=purchasing')
  const request = a.page.locator(`crm-data-table [data-product="${kit.name}"]`).filter({ hasText: kit.sku })
  await expect(request).toHaveAttribute('data-status', 'open')
  const order = a.page.locator(`crm-data-table [data-supplier="${supplierName}"]`)
  await expect(order).toHaveAttribute('data-status', 'draft')
  await order.getByRole('button', { name: t('stock.screens.purchasing.sendLabel', { supplier: supplierName }) }).click()
  await openDialog(a.page)
    .getByRole('button', { name: t('stock.screens.purchasing.send') })
    .click()
  await expect(order).toHaveAttribute('data-status', 'sent')
  await expect(request).toHaveAttribute('data-status', 'ordered')
  await order.getByRole('button', { name: t('stock.screens.purchasing.receiveLabel', { supplier: supplierName }) }).click()
  await expect(a.page).toHaveURL(/\/stock\/docs\/[0-9a-f-]{36}$/)
  await expect(qtyInput(a.page, kit.name)).toHaveValue('10')
  await a.context.close()
  await b.context.close()
})

test('the wall dashboard shows the stock alert of the count', async ({ browser, request }) => {
  await api(request, 'post', '/api/auth/login', { login: 'owner', password: 'clubroom' })
  const { url } = await api(request, 'post', '/api/wall-tokens', { name: `Stock ${run}`, branchId })
  const screen = await browser.newContext({ viewport: { width: 1600, height: 900 } })
  const wall = await screen.newPage()
  await wall.goto(url as string)
  const flag = wall
    .locator('crm-wall-board [data-kind="stock_low"] li.flag')
    .filter({ hasText: kit.name })
    .filter({ hasText: store.name })
  await expect(flag).toHaveCount(1)
  await screen.close()
})

test('the products and a stock document in hy, ru and en', async ({ browser }) => {
  test.setTimeout(240_000)
  const { context, page } = await signedIn(browser, KEEPER)
  for (const lang of LANGS) {
    const tr = translatorFor(lang).t
    await page.goto('/stock')
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    await page.getByLabel(tr('stock.screens.products.search')).fill(run)
    // the search's answer has replaced the whole catalogue: the spec's three products
    await expect(page.locator('crm-data-table [data-product]')).toHaveCount(3)
    await expect(page.locator(`crm-data-table [data-product="${kit.name}"]`)).toHaveAttribute('data-low', 'true')
    await expectWordedIn(page, lang, 'products')
    await page.screenshot({ path: `docs/screenshots/stock-products-${lang}.png`, fullPage: true })
    if (lang === 'en') {
      const result = await new AxeBuilder({ page }).analyze()
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
      expect(bad, 'products: accessibility').toEqual([])
    }

    // a count sheet being filled: expected and difference
    const sheet = (await api(page.request, 'post', '/api/stock-docs', { kind: 'count', storeId: store.id })).doc.id as string
    await page.goto(`/stock/docs/${sheet}`)
    await expect(page.getByTestId('save-state')).toBeVisible()
    const scan = page.getByLabel(tr('stock.screens.doc.scan'))
    for (const code of [kit.barcode, glue.sku]) {
      await scan.fill(code)
      await scan.press('Enter')
    }
    await qtyInput(page, kit.name).fill('3')
    await expect(line(page, kit.name).getByTestId('difference')).toHaveText('+1')
    await expect(page.getByTestId('save-state')).toHaveText(tr('common.saveState.saved'))
    await scan.focus()
    await expectWordedIn(page, lang, 'document')
    if (lang === 'en') {
      const result = await new AxeBuilder({ page }).analyze()
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
      expect(bad, 'document: accessibility').toEqual([])
    }
    await page.screenshot({ path: `docs/screenshots/stock-document-${lang}.png`, fullPage: true })
    // and the posted count, read-only, in this language
    await page.goto(`/stock/docs/${countDocId}`)
    await expect(docState(page)).toContainText(KEEPER2.name)
    await expect(line(page, glue.name)).toBeVisible()
    await expectWordedIn(page, lang, 'posted document')
  }
  await context.close()
})
