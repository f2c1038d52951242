import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { LANGS, overflowing, picker, shownText, signInWithTabLanguage } from './languages-support'
import { PASSWORD } from './support'

/**
 * The owner's System screen in Armenian, Russian and English: the version, the embedded
 * database, the instances (this one) and the recent errors, in the language of the account menu
 * (the open page re-renders), no message id in place of a text, nothing overflowing its box;
 * screenshots for people to look at (docs/screenshots/system-*). Other roles have no System entry.
 */

/** What one of this page's message ids looks like when it shows instead of its text. */
const RAW_ID = /\b(system|nav|errors)\.[a-zA-Z_]+(\.[a-zA-Z_]+)*\b/
/** What must not overflow its box on this screen. */
const OVERFLOW = 'nav a, h1, h2, th, td, button, .chip, .value, .detail, .lead'

test('the System screen in Armenian, Russian and English', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await signInWithTabLanguage(page, 'owner')
  const status = (await (await page.request.get('/api/system')).json()) as { version: string }
  await page.goto('/system')

  for (const lang of LANGS) {
    const t = translatorFor(lang).t
    await picker(page).selectOption(lang)
    await expect(page.getByRole('heading', { level: 1, name: t('system.page.title') })).toBeVisible()
    await expect(page.locator('nav#sidebar').getByRole('link', { name: t('nav.system.label') })).toBeVisible()
    await expect(page.locator('[data-fact="version"] .value')).toHaveText(status.version)
    await expect(page.locator('[data-fact="database"]')).toContainText(t('system.database.pglite'))
    await expect(page.locator('[data-section="instances"]')).toContainText(t('system.instances.count', { count: 1 }))
    await expect(page.locator('[data-section="instances"] tbody tr')).toHaveCount(1)
    await expect(page.locator('[data-section="instances"] tbody tr')).toContainText(t('system.instances.this'))
    await expect(page.locator('[data-section="errors"]')).toContainText(t('system.errors.title'))
    const shown = await shownText(page, 'crm-system-page')
    expect(shown).not.toMatch(RAW_ID)
    expect(await overflowing(page, OVERFLOW), `overflow on the System screen in ${lang}`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/system-${lang}.png` })
  }
})

test('only the owner has the System entry; the API refuses anyone else', async ({ page }) => {
  const res = await page.request.post('/api/auth/login', { data: { login: 'manager', password: PASSWORD } })
  expect(res.status()).toBe(200)
  const refused = await page.request.get('/api/system')
  expect(refused.status()).toBe(403)
  await page.goto('/workspace')
  // the sidebar is there (a busy machine may take its time), without the System entry
  await expect(page.locator('nav#sidebar').getByRole('link', { name: 'Users' })).toBeVisible({ timeout: 30_000 })
  await expect(page.locator('nav#sidebar').getByRole('link', { name: 'System' })).toHaveCount(0)
})
