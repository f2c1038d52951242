import type { APIRequestContext, Browser, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { translatorFor } from '../../domain/i18n/translator'
import { picker, signInWithTabLanguage } from './languages-support'
import { PASSWORD } from './support'

/**
 * The live wall (/wall, issue #15): a screen signed in with a wall token follows the front desk
 * live — a pass sold, then checked in down to its last session turns red (how fast is bench/wall/fanout.ts's to measure) — and
 * shows that it is signed out when a manager revokes its token. Screenshots of the wall (dark and
 * light) and of the Dashboard in each language.
 */

async function staff(browser: Browser, login: string) {
  const context = await browser.newContext()
  const res = await context.request.post('/api/auth/login', { data: { login, password: PASSWORD } })
  expect(res.status(), await res.text()).toBe(200)
  return context
}

async function json<T = any>(
  req: APIRequestContext,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  data?: unknown,
): Promise<T> {
  const res = await req.fetch(path, { method, ...(data !== undefined ? { data } : {}) })
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true)
  return (res.status() === 204 ? null : await res.json()) as T
}

/** A new child of Central, and the activity of a Central group. */
async function centralChild(req: APIRequestContext) {
  const branches = (await json<{ items: Array<{ id: string; name: string }> }>(req, 'GET', '/api/branches')).items
  const central = branches.find((b) => b.name === 'Central') ?? branches[0]
  const groups = (
    await json<{ items: Array<{ id: string; activityId: string }> }>(req, 'GET', `/api/groups?branchId=${central.id}`)
  ).items
  expect(groups.length, 'the demo has groups in Central').toBeGreaterThan(0)
  // a child of its own (a demo member's new pass could be taken by a lesson another spec marks done meanwhile)
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
  const child = await json<{ id: string }>(req, 'POST', '/api/clients', {
    firstName: 'Wally',
    lastName: `Wall${run}`,
    birthDate: '2016-04-12',
    guardians: [
      {
        name: `Wanda Wall${run}`,
        relation: 'mother',
        phone: `+49 171 ${String(1000000 + Math.floor(Math.random() * 8999999))}`,
        canPickUp: true,
      },
    ],
    consent: true,
    confirmNotDuplicate: true,
    branchId: central.id,
  })
  return { central, activityId: groups[0].activityId, clientId: child.id }
}

const passRow = (wall: Page, passId: string) => wall.locator('crm-wall-board').locator(`[data-pass="${passId}"]`)

test('the wall turns a pass red live at the check-in, and is signed out when its token is revoked', async ({ browser }) => {
  const manager = await staff(browser, 'manager')
  const reception = await staff(browser, 'reception')
  const { central, activityId, clientId } = await centralChild(manager.request)
  const { plan } = await json(manager.request, 'POST', '/api/pass-plans', {
    name: `Wall e2e ${Date.now()}`,
    activityIds: [activityId],
    sessions: 2,
    validDays: 30,
    price: 4000,
  })
  const { token, url } = await json(manager.request, 'POST', '/api/wall-tokens', { name: 'Office TV', branchId: central.id })
  expect(token).toMatch(/^wall_/)

  // the screen: no session, only the token in its address
  const screen = await browser.newContext()
  const wall = await screen.newPage()
  await wall.goto(url)
  await expect(wall.getByRole('heading', { level: 1, name: central.name })).toBeVisible()
  await expect(wall.getByRole('status')).toHaveText('Live')

  // a pass of two sessions is sold (it runs out this week: listed amber, below the demo's passes with fewer left)
  const sold = await json(manager.request, 'POST', `/api/clients/${clientId}/passes`, { planId: plan.id, branchId: central.id })
  const passId: string = sold.pass.id
  await expect(wall.getByRole('status')).toHaveText('Live')

  // the front desk checks the child in: the day's visits move; then the last session — red, first in the list
  const visits = wall.locator('[data-figure="checkins"] [data-value]')
  const visitsBefore = Number(await visits.textContent())
  await json(reception.request, 'POST', '/api/check-ins', { clientId, passId })
  await expect(visits).toHaveText(String(visitsBefore + 1))
  await json(reception.request, 'POST', '/api/check-ins', { clientId, passId })
  const row = passRow(wall, passId)
  await expect(row).toHaveAttribute('data-status', 'used_up')
  await expect(row).toHaveClass(/red/)
  await expect(row).toContainText('no sessions left')
  await expect(wall.locator('[data-kind="pass_used_up"]')).toBeVisible()

  // the manager revokes the token: the screen says it is signed out
  const tokens = (
    await json<{ items: Array<{ id: string; name: string; revokedAt: string | null }> }>(
      manager.request,
      'GET',
      '/api/wall-tokens',
    )
  ).items
  const mine = tokens.find((t) => t.name === 'Office TV' && !t.revokedAt)!
  await json(manager.request, 'DELETE', `/api/wall-tokens/${mine.id}`)
  await expect(wall.getByRole('heading', { name: 'This screen is signed out' })).toBeVisible()
  await expect(wall.getByText('Its wall token was revoked')).toBeVisible()
  // a reload does not bring it back
  await wall.reload()
  await expect(wall.getByRole('heading', { name: 'This screen is signed out' })).toBeVisible()

  for (const c of [manager, reception, screen]) await c.close()
})

test('the wall comes back by itself after its connection drops', async ({ browser }) => {
  const manager = await staff(browser, 'manager')
  const { token } = await json(manager.request, 'POST', '/api/wall-tokens', { name: 'Hall TV', branchId: null })
  const screen = await browser.newContext()
  const wall = await screen.newPage()
  await wall.goto(`/wall?token=${encodeURIComponent(token)}&theme=dark`)
  await expect(wall.getByRole('status')).toHaveText('Live')
  await screen.setOffline(true)
  await expect(wall.getByRole('status')).toHaveText('Reconnecting…', { timeout: 30_000 })
  await screen.setOffline(false)
  await expect(wall.getByRole('status')).toHaveText('Live', { timeout: 15_000 })
  for (const c of [manager, screen]) await c.close()
})

for (const lang of ['en', 'hy', 'ru'] as const) {
  test(`screenshots: the wall dark and light, and the Dashboard (${lang})`, async ({ browser, page }) => {
    const manager = await staff(browser, 'manager')
    const { url } = await json(manager.request, 'POST', '/api/wall-tokens', { name: `Shot ${lang}`, branchId: null })
    // the demo's Central (other specs make branches of their own, some sorting before it)
    const { items: branches } = await json<{ items: Array<{ id: string; name: string }> }>(
      manager.request,
      'GET',
      '/api/branches',
    )
    const central = branches.find((b) => b.name === 'Central')!
    const screen = await browser.newContext({ viewport: { width: 1600, height: 900 } })
    const wall = await screen.newPage()
    for (const theme of ['dark', 'light'] as const) {
      await wall.goto(`${url}&theme=${theme}&lang=${lang}&branchId=${central.id}`)
      await expect(wall.locator('crm-wall-board')).toBeVisible()
      await expect(wall.locator('crm-wall-chart canvas').first()).toBeVisible()
      await wall.screenshot({ path: `docs/screenshots/wall-${theme}-${lang}.png` })
    }
    await screen.close()
    await manager.close()

    // the manager's language changes in this tab only (other specs read the profile in English)
    await signInWithTabLanguage(page, 'manager')
    await page.goto('/dashboard')
    await expect(page.locator('crm-wall-board')).toBeVisible()
    // the demo's Central (the manager's last branch may be one another spec made)
    const branch = page.getByRole('combobox', { name: translatorFor('en').t('wall.branch.label') }).first()
    await branch.selectOption({ label: 'Central' })
    await expect(branch.locator('option:checked')).toHaveText('Central')
    await page.waitForLoadState('networkidle')
    if (lang !== 'en') await picker(page).selectOption(lang)
    await expect(page.locator('crm-wall-board h2').first()).toHaveText(
      lang === 'hy' ? 'Այցելություններ այսօր' : lang === 'ru' ? 'Посещений сегодня' : 'Visits today',
    )
    await page.screenshot({ path: `docs/screenshots/dashboard-${lang}.png`, fullPage: true })
  })
}
