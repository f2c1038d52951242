import type { APIRequestContext, Browser } from '@playwright/test'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { LANGS, picker } from './languages-support'
import { languageProblems } from './morning-support'
import { openDialog } from './support'

/**
 * The payroll (issue #19): an accountant of the spec's own opens Staff → Payroll. Last month (the
 * demo's, approved by its seed) shows locked, "approved by"; a draft month (two months ago) shows
 * its lines explained; they approve it (confirmed) and it locks; a payslip downloads as PDF. Then
 * the tab worded in hy, ru and en (docs/screenshots/staff-payroll-{hy,ru,en}.png).
 */
const run = Date.now().toString(36)
const PASSWORD = 'payroll-secret-123'
const ACCOUNTANT = { login: `accountant.payroll.${run}`, name: 'Anahit Ledger', roles: ['accountant'] }
let branchId = ''

test.describe.configure({ mode: 'serial' })

async function api(request: APIRequestContext, method: 'get' | 'post', url: string, data?: unknown) {
  const res = await request[method](url, data === undefined ? undefined : { data })
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300)
  return (await res.json()) as Record<string, any>
}

const monthsAgo = (n: number) => {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 15)).toISOString().slice(0, 7)
}

test.beforeAll(async ({ request }) => {
  await api(request, 'post', '/api/auth/login', { login: 'owner', password: 'clubroom' })
  const branches = (await api(request, 'get', '/api/branches')).items as Array<{ id: string; name: string }>
  const anyGroups = (await api(request, 'get', '/api/groups')).items as Array<{ branchId: string }>
  branchId = anyGroups.find((g) => branches.some((b) => b.id === g.branchId))?.branchId ?? branches[0].id
  await api(request, 'post', '/api/users', { ...ACCOUNTANT, password: PASSWORD, branchIds: [branchId] })
})

async function signedIn(browser: Browser, lang: Locale = 'en') {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true })
  const page = await context.newPage()
  expect((await page.request.post('/api/auth/login', { data: { login: ACCOUNTANT.login, password: PASSWORD } })).status()).toBe(
    200,
  )
  expect((await page.request.patch('/api/auth/me', { data: { locale: lang } })).status()).toBe(200)
  return { context, page }
}

test('last month locked, a draft month explained and approved, a payslip', async ({ browser }) => {
  test.setTimeout(120_000)
  const tr = translatorFor('en').t
  const { context, page } = await signedIn(browser)
  await page.goto('/staff?tab=payroll')
  const panel = page.locator('crm-staff-payroll')
  await expect(panel.locator('[data-status]')).toHaveAttribute('data-status', 'approved')
  await expect(panel.getByText('Approved by', { exact: false })).toBeVisible()
  await expect(panel.getByRole('button', { name: tr('payroll.approve') })).toHaveCount(0)

  await panel.getByLabel(tr('payroll.month')).selectOption(monthsAgo(2))
  await expect(panel.locator('[data-status]')).toHaveAttribute('data-status', 'draft')
  const blocks = panel.locator('details.employee')
  if ((await blocks.count()) === 0) {
    await expect(panel.getByText(tr('payroll.nothing'))).toBeVisible()
  } else {
    await blocks.first().locator('summary').click()
    await expect(blocks.first().locator('tbody tr').first()).toBeVisible()
    await panel.getByRole('button', { name: tr('payroll.approve') }).click()
    await openDialog(page)
      .getByRole('button', { name: tr('payroll.approve') })
      .click()
    await expect(panel.locator('[data-status]')).toHaveAttribute('data-status', 'approved')
    await expect(panel.getByText(`Approved by ${ACCOUNTANT.name}`, { exact: false })).toBeVisible()
    // the payslip link of the first employee (in the DOM whether the block is open or not)
    const link = blocks.first().locator('a[href*="payslip.pdf"]')
    const res = await page.request.get((await link.getAttribute('href')) ?? '')
    expect(res.status()).toBe(200)
    expect((await res.body()).subarray(0, 4).toString()).toBe('%PDF')
  }
  await context.close()
})

test('the payroll tab in hy, ru and en', async ({ browser }) => {
  test.setTimeout(180_000)
  const { context, page } = await signedIn(browser)
  for (const lang of LANGS) {
    const tr = translatorFor(lang).t
    await page.goto('/staff?tab=payroll')
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    const panel = page.locator('crm-staff-payroll')
    await expect(panel.locator('[data-status]')).toBeVisible()
    const first = panel.locator('details.employee').first()
    if (await first.count()) await first.locator('summary').click()
    await expect(panel.getByText(tr('payroll.grandTotal'), { exact: false })).toBeVisible()
    const p = await languageProblems(page, lang)
    expect.soft(p.rawIds, `${lang}: message ids`).toEqual([])
    if (lang !== 'en') expect.soft(p.english, `${lang}: English texts`).toEqual([])
    expect.soft(p.overflow, `${lang}: cut texts`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/staff-payroll-${lang}.png`, fullPage: true })
  }
  await context.close()
})
