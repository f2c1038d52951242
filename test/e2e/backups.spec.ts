import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { LANGS, overflowing, picker, shownText, signInWithTabLanguage } from './languages-support'
import { PASSWORD } from './support'

/**
 * The owner's Backups screen in Armenian, Russian and English: "Back up now" makes a backup that
 * appears in the list (its date in the center's time zone, size, checksum, encryption, result,
 * download), the schedule and retention, in the language of the account menu, no message id in
 * place of a text, nothing overflowing its box; screenshots for people to look at
 * (docs/screenshots/backups-*). Other roles have no Backups entry, and the API refuses them.
 */

/** What one of this page's message ids looks like when it shows instead of its text. */
const RAW_ID = /\b(backups|nav|errors)\.[a-zA-Z_]+(\.[a-zA-Z_]+)*\b/
/** What must not overflow its box on this screen. */
const OVERFLOW = 'nav a, h1, h2, th, td, button, a.button, .chip, label, p'

test('the Backups screen in Armenian, Russian and English', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await signInWithTabLanguage(page, 'owner')
  await page.goto('/backups')
  const en = translatorFor('en').t
  await page.getByRole('button', { name: en('backups.now.button') }).click()
  const rows = page.locator('crm-data-table tbody tr')
  await expect(rows.first()).toContainText(en('backups.result.ok'), { timeout: 60_000 })
  await expect(rows.first()).toContainText(en('backups.trigger.demand'))
  const list = (await (await page.request.get('/api/backups')).json()) as { backups: Array<{ sha256: string; id: number }> }
  await expect(rows.first()).toContainText(list.backups[0].sha256.slice(0, 12))
  const download = await page.request.get(`/api/backups/${list.backups[0].id}/file`)
  expect(download.status()).toBe(200)
  // the "done" toast goes by itself (the screenshots show the page)
  await expect(page.getByText(en('backups.now.done'))).toBeHidden({ timeout: 15_000 })

  for (const lang of LANGS) {
    const t = translatorFor(lang).t
    await picker(page).selectOption(lang)
    await expect(page.getByRole('heading', { level: 1, name: t('backups.page.title') })).toBeVisible()
    await expect(page.locator('nav#sidebar').getByRole('link', { name: t('backups.nav.label') })).toBeVisible()
    await expect(rows.first()).toContainText(t('backups.result.ok'))
    await expect(rows.first()).toContainText(t('backups.trigger.demand'))
    await expect(rows.first().getByRole('link', { name: t('backups.list.download') })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: t('backups.settings.title') })).toBeVisible()
    await expect(page.getByRole('button', { name: t('backups.now.button') })).toBeEnabled()
    const shown = await shownText(page, 'crm-backups-page')
    expect(shown).not.toMatch(RAW_ID)
    expect(await overflowing(page, OVERFLOW), `overflow on the Backups screen in ${lang}`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/backups-${lang}.png`, fullPage: true })
  }
})

test('only the owner has the Backups entry; the API refuses anyone else', async ({ page }) => {
  const res = await page.request.post('/api/auth/login', { data: { login: 'manager', password: PASSWORD } })
  expect(res.status()).toBe(200)
  expect((await page.request.get('/api/backups')).status()).toBe(403)
  expect((await page.request.post('/api/backups')).status()).toBe(403)
  await page.goto('/workspace')
  await expect(page.locator('nav#sidebar').getByRole('link', { name: 'Users' })).toBeVisible({ timeout: 30_000 })
  await expect(page.locator('nav#sidebar').getByRole('link', { name: 'Backups' })).toHaveCount(0)
})
