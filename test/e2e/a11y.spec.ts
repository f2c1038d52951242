import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { navFor } from '../../client/src/layouts/nav'
import { expect, test } from './fixtures'
import { signInFast } from './support'
import { block, centralToday, gridReady } from './timetable-support'

/**
 * Accessibility (axe-core, WCAG 2.1 A and AA): every screen the owner's menu reaches (taken from the
 * menu itself, so a screen added to it is checked without editing this spec), the sign-in page, a
 * client file and its tabs, the lesson panel and a dialog have no serious or critical violation.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** The serious and critical violations on the page as it is now, one line each (rule, impact, where). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`,
      ),
    )
}

/** Waits until a page of the app has rendered its content (its main heading, and nothing still loading). */
async function rendered(page: Page) {
  await expect(page.locator('main h1, main [role="heading"][aria-level="1"]').first()).toBeVisible()
  await expect(page.locator('[aria-busy="true"]:visible')).toHaveCount(0, { timeout: 15_000 })
}

test('the sign-in page', async ({ page }) => {
  await page.goto('/login')
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  expect(await violations(page)).toEqual([])
})

for (const entry of navFor(['owner'])) {
  test(`the owner's ${entry.path} screen`, async ({ page }) => {
    await signInFast(page, 'owner', entry.path)
    await rendered(page)
    expect(await violations(page)).toEqual([])
  })
}

test('a client file, each of its tabs', async ({ page }) => {
  test.setTimeout(240_000)
  await signInFast(page, 'owner', '/clients')
  const list = (await (await page.request.get('/api/clients?limit=5')).json()) as { items: Array<{ id: string }> }
  const id = list.items[0].id
  for (const tab of ['', '?tab=records', '?tab=progress', '?tab=medical', '?tab=data']) {
    await page.goto(`/clients/${id}${tab}`)
    await expect(page.locator('crm-client-header h1')).toBeVisible()
    await expect(page.getByRole('tabpanel')).toBeVisible()
    await expect(page.locator('[aria-busy="true"]:visible')).toHaveCount(0, { timeout: 15_000 })
    expect(await violations(page), `tab ${tab || 'file'}`).toEqual([])
  }
})

test('the lesson panel (details and attendance) and a dialog', async ({ page }) => {
  test.setTimeout(240_000)
  await signInFast(page, 'manager', '/timetable')
  const { branchId, today } = await centralToday(page)
  let found: { day: string; id: string } | null = null
  for (let i = 0; i < 14 && !found; i++) {
    const d = new Date(Date.parse(`${today}T12:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10)
    const items = (
      (await (await page.request.get(`/api/lessons?branchId=${branchId}&from=${d}&to=${d}`)).json()) as {
        items: Array<{ id: string; status: string; groupId: string | null }>
      }
    ).items
    const l = items.find((x) => x.status === 'planned' && x.groupId)
    if (l) found = { day: d, id: l.id }
  }
  expect(found).not.toBeNull()
  await page.goto(`/timetable?branch=${branchId}&date=${found!.day}&view=day`)
  await gridReady(page)
  expect(await violations(page), 'the timetable').toEqual([])
  await block(page, found!.id).click()
  const panel = page.locator('crm-lesson-panel')
  await expect(panel).toBeVisible()
  expect(await violations(page), 'lesson details').toEqual([])
  await panel.getByRole('tab', { name: 'Attendance' }).click()
  await expect(panel.locator('crm-lesson-attendance [aria-busy="true"]')).toHaveCount(0)
  expect(await violations(page), 'attendance').toEqual([])
  await page.getByRole('button', { name: 'Generate…' }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
  expect(await violations(page), 'the Generate dialog').toEqual([])
})
