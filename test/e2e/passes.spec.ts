import AxeBuilder from '@axe-core/playwright'
import type { APIRequestContext, Browser, Page } from '@playwright/test'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { LANGS, picker } from './languages-support'
import { languageProblems } from './morning-support'
import { openDialog } from './support'

/**
 * Passes and payments at the front desk (issue #15): a receptionist sells a pass from the client's
 * Account tab, takes a partial payment (the debt shows), checks the child in at /passes (the
 * sessions left drop) and the pass turns amber, then red, on the check-in and the account at the
 * moment its flag is raised. Then a manager looks at the account, the check-in, the debtors and the
 * cash desk in hy, ru and en (docs/screenshots/passes-*.png): nothing untranslated, nothing cut, no
 * serious accessibility problem.
 */

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
const PASSWORD = 'passes-secret-123'
const DESK = { login: `desk.passes.${run}`, name: 'Pam Desk', roles: ['receptionist'] }
const MANAGER = { login: `mgr.passes.${run}`, name: 'Paul Manager', roles: ['manager'] }
const t = translatorFor('en').t

let branchId = ''
let planId = ''
let planName = ''
let client = { id: '', name: '' }
let groupId = ''

test.describe.configure({ mode: 'serial' })

async function api(request: APIRequestContext, method: 'get' | 'post' | 'patch', url: string, data?: unknown) {
  const res = await request[method](url, data === undefined ? undefined : { data })
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300)
  return (await res.json()) as Record<string, any>
}

test.beforeAll(async ({ request }) => {
  await api(request, 'post', '/api/auth/login', { login: 'owner', password: 'clubroom' })
  const branches = (await api(request, 'get', '/api/branches')).items as Array<{ id: string; name: string }>
  // the demo's first branch (by its groups: other specs add branches of their own, without any)
  const anyGroups = (await api(request, 'get', '/api/groups')).items as Array<{ branchId: string }>
  branchId = anyGroups.find((g) => branches.some((b) => b.id === g.branchId))?.branchId ?? branches[0].id
  for (const p of [DESK, MANAGER]) await api(request, 'post', '/api/users', { ...p, password: PASSWORD, branchIds: [branchId] })
  const activities = (await api(request, 'get', '/api/activities')).items as Array<{ id: string; name: string }>
  const rate = (await api(request, 'post', '/api/tax-rates', { name: `VAT 20 % ${run}`, rateBp: 2000, mode: 'included' }))
    .taxRate as {
    id: string
  }
  planName = `Three lessons ${run}`
  planId = (
    await api(request, 'post', '/api/pass-plans', {
      name: planName,
      activityIds: activities.map((a) => a.id),
      sessions: 3,
      validDays: 60,
      price: 12000,
      taxRateId: rate.id,
    })
  ).plan.id as string
  const made = await api(request, 'post', '/api/clients', {
    firstName: 'Mia',
    lastName: `Passes${run}`,
    birthDate: '2016-04-12',
    guardians: [
      {
        name: `Olga Passes${run}`,
        relation: 'mother',
        phone: `+49 171 ${String(1000000 + Math.floor(Math.random() * 8999999))}`,
        canPickUp: true,
      },
    ],
    consent: true,
    confirmNotDuplicate: true,
    branchId,
  })
  client = { id: made.id as string, name: `Mia Passes${run}` }
  // she is in a group of her own (its roster shows her pass too): in a demo group, another spec
  // marking its lesson done would write a session off her pass while this one counts them
  const groups = (await api(request, 'get', `/api/groups?branchId=${branchId}`)).items as Array<{
    activityId: string
    teacherId: string
    roomId: string
  }>
  expect(groups.length, 'the demo has groups in its first branch').toBeGreaterThan(0)
  const far = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10)
  groupId = (
    await api(request, 'post', '/api/groups', {
      branchId,
      activityId: groups[0].activityId,
      name: `Passes group ${run}`,
      teacherId: groups[0].teacherId,
      roomId: groups[0].roomId,
      pattern: [{ weekday: new Date(`${far}T12:00:00Z`).getUTCDay() || 7, start: '07:00', end: '07:30' }],
      termStart: far,
      termEnd: far,
    })
  ).group.id as string
  await api(request, 'post', `/api/groups/${groupId}/members`, { clientId: client.id, overrideCapacity: true })
})

async function signedIn(browser: Browser, who: { login: string }, lang: Locale = 'en') {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
  const page = await context.newPage()
  expect((await page.request.post('/api/auth/login', { data: { login: who.login, password: PASSWORD } })).status()).toBe(200)
  expect((await page.request.patch('/api/auth/me', { data: { locale: lang } })).status()).toBe(200)
  return { context, page }
}

async function expectAccessible(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).analyze()
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(bad, `${what}: accessibility`).toEqual([])
}

async function expectWordedIn(page: Page, lang: Locale, what: string) {
  const p = await languageProblems(page, lang)
  expect.soft(p.rawIds, `${lang} ${what}: message ids`).toEqual([])
  if (lang !== 'en') expect.soft(p.english, `${lang} ${what}: English texts`).toEqual([])
  expect.soft(p.overflow, `${lang} ${what}: cut texts`).toEqual([])
}

/** The pass card of the plan on the page (account tab or check-in). */
const passCard = (page: Page) => page.locator(`li.pass:has-text("${planName}")`)

test('a receptionist sells a pass, takes part of it, checks the child in until the pass runs out', async ({ browser }) => {
  test.setTimeout(240_000)
  const { context, page } = await signedIn(browser, DESK)

  // the Account tab: no passes, no debt
  await page.goto(`/clients/${client.id}?tab=account`)
  await expect(page.getByRole('tab', { name: t('passes.screens.account.tab') })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByText(t('passes.screens.account.noPasses'))).toBeVisible()

  // sell: the plan's price with its VAT before, the invoice after, then a payment of 50 of 120
  await page.getByRole('button', { name: t('passes.screens.sell.action') }).click()
  let dialog = openDialog(page)
  await dialog.getByLabel(t('passes.screens.sell.plan')).selectOption(planId)
  await expect(dialog.getByText(t('passes.screens.money.taxNamed', { name: `VAT 20 % ${run}` }))).toBeVisible()
  await expect(dialog.getByText('20,00 €').or(dialog.getByText('€20.00'))).toBeVisible()
  await dialog.getByRole('button', { name: t('passes.screens.sell.submit') }).click()
  await expect(dialog.getByRole('status')).toContainText(t('passes.screens.sell.soldTitle'))
  await dialog.getByRole('button', { name: t('passes.screens.pay.action') }).click()
  dialog = openDialog(page)
  await dialog.getByLabel(t('passes.screens.pay.amount', { currency: 'EUR' })).fill('50')
  await dialog.getByRole('button', { name: t('passes.screens.pay.submit') }).click()
  await expect(openDialog(page)).toHaveCount(0)

  // the debt: 70 of 120 left to pay
  await expect(page.getByTestId('debt')).toContainText('70')
  await expect(passCard(page).getByTestId('sessions-left')).toHaveText(t('passes.screens.pass.leftOf', { left: 3, total: 3 }))
  await expect(passCard(page)).toHaveAttribute('data-tone', 'none')

  // the front desk: find her, check her in (the automatic choice is her new pass)
  await page.goto('/passes')
  await expect(page.getByRole('tab', { name: t('passes.screens.tab.checkIn') })).toHaveAttribute('aria-selected', 'true')
  await page.getByLabel(t('passes.screens.checkIn.search')).fill(`Passes${run}`)
  await page.getByRole('button', { name: client.name }).click()
  await expect(passCard(page).getByTestId('sessions-left')).toHaveText(t('passes.screens.pass.leftOf', { left: 3, total: 3 }))
  await expect(page.getByTestId('debt')).toContainText('70')
  // a visit without a lesson takes the pass chosen by hand
  await page.getByRole('radio', { name: t('passes.screens.checkIn.noLesson') }).check()
  await page.getByLabel(t('passes.screens.checkIn.pass')).selectOption({ index: 1 })
  await page.getByRole('button', { name: t('passes.screens.checkIn.submit') }).click()
  await expect(page.getByTestId('check-in-result')).toContainText(t('passes.screens.pass.leftOf', { left: 2, total: 3 }))
  await expect(passCard(page).getByTestId('sessions-left')).toHaveText(t('passes.screens.pass.leftOf', { left: 2, total: 3 }))
  // two left: running out (the threshold is 2) — amber from its open flag
  await expect(passCard(page)).toHaveAttribute('data-tone', 'amber')
  await expect(passCard(page).locator('.tone.amber')).toHaveText(t('passes.screens.flag.runningOut'))

  for (const left of [1, 0]) {
    await page.getByLabel(t('passes.screens.checkIn.pass')).selectOption({ index: 1 })
    await page.getByRole('button', { name: t('passes.screens.checkIn.submit') }).click()
    await expect(passCard(page).getByTestId('sessions-left')).toHaveText(t('passes.screens.pass.leftOf', { left, total: 3 }))
  }
  // used up: red, here and on the account
  await expect(passCard(page)).toHaveAttribute('data-tone', 'red')
  await expect(passCard(page).locator('.tone.red')).toHaveText(t('passes.screens.flag.usedUp'))
  await page.goto(`/clients/${client.id}?tab=account`)
  await expect(passCard(page)).toHaveAttribute('data-tone', 'red')
  await expect(page.getByTestId('debt')).toContainText('70')
  // and on her group's roster
  await page.goto(`/groups/${groupId}`)
  const rosterPass = page.locator('tr, [role="row"]', { hasText: client.name }).getByTestId('roster-pass')
  await expect(rosterPass).toHaveAttribute('data-tone', 'red')
  await expect(rosterPass).toHaveText(t('passes.screens.roster.left', { left: 0 }))
  // one more visit: no usable pass, the visit is owed
  await page.goto('/passes')
  await page.getByLabel(t('passes.screens.checkIn.search')).fill(`Passes${run}`)
  await page.getByRole('button', { name: client.name }).click()
  await expect(passCard(page)).toHaveAttribute('data-tone', 'red')
  await expectAccessible(page, 'check-in')
  await context.close()
})

test('a manager reads the account, the check-in, the debtors and the cash desk in hy, ru and en', async ({ browser }) => {
  test.setTimeout(300_000)
  const { context, page } = await signedIn(browser, MANAGER)
  for (const lang of LANGS) {
    await page.goto(`/clients/${client.id}?tab=account`)
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    const tr = translatorFor(lang).t
    await expect(page.getByText(tr('passes.screens.account.invoices'), { exact: true })).toBeVisible()
    await expect(passCard(page)).toHaveAttribute('data-tone', 'red')
    await expectWordedIn(page, lang, 'account')
    await page.screenshot({ path: `docs/screenshots/passes-account-${lang}.png`, fullPage: true })
    if (lang === 'en') await expectAccessible(page, 'account')

    await page.goto('/passes')
    await page.getByLabel(tr('passes.screens.checkIn.search')).fill(`Passes${run}`)
    await page.getByRole('button', { name: client.name }).click()
    await expect(passCard(page)).toBeVisible()
    await expectWordedIn(page, lang, 'check-in')
    await page.screenshot({ path: `docs/screenshots/passes-check-in-${lang}.png`, fullPage: true })

    await page.getByRole('tab', { name: tr('passes.screens.tab.debtors') }).click()
    await expect(page.locator(`[data-client="${client.name}"]`)).toBeVisible()
    await expectWordedIn(page, lang, 'debtors')
    await page.screenshot({ path: `docs/screenshots/passes-debtors-${lang}.png`, fullPage: true })
    if (lang === 'en') await expectAccessible(page, 'debtors')

    await page.getByRole('tab', { name: tr('passes.screens.tab.cashDesk') }).click()
    await expect(page.getByText(tr('passes.screens.cash.byUser'), { exact: true })).toBeVisible()
    await expectWordedIn(page, lang, 'cash desk')
    await page.screenshot({ path: `docs/screenshots/passes-cash-desk-${lang}.png`, fullPage: true })
    if (lang === 'en') await expectAccessible(page, 'cash desk')
  }
  await context.close()
})
