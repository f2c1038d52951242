import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { LANGS, overflowing, picker, shownText, signInWithTabLanguage } from './languages-support'
import { PASSWORD } from './support'

/**
 * The Outbox in Armenian, Russian and English (issue #18): the demo center has no mail server, so
 * the purchase order its seed sent waits here — recipient, subject, "not sent", its PDF to
 * download — in the language of the account menu, no message id in place of a text, nothing
 * overflowing; screenshots for people to look at (docs/screenshots/outbox-*). A teacher has no
 * Outbox entry, and the API refuses them.
 */

const RAW_ID = /\b(outbox|purchasing|nav)\.[a-zA-Z_]+(\.[a-zA-Z_]+)*\b/
const OVERFLOW = 'nav a, h1, th, td, a, .status, p'

test('the Outbox in Armenian, Russian and English, its PDF downloadable', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await signInWithTabLanguage(page, 'storekeeper')
  const outbox = (await (await page.request.get('/api/outbox')).json()) as {
    smtp: boolean
    items: Array<{ id: string; status: string; recipient: string; subject: string; attachmentUrl: string }>
  }
  expect(outbox.smtp).toBe(false)
  // the demo's order to the robotics supplier (other specs may add their own)
  const held = outbox.items.find((m) => m.status === 'held' && m.recipient === 'sales@robokit.example')
  expect(held, JSON.stringify(outbox.items)).toBeTruthy()
  const pdf = await page.request.get(held!.attachmentUrl)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-')

  await page.goto('/outbox')
  const row = page.locator(`crm-data-table tr[data-message="${held!.id}"]`)
  for (const lang of LANGS) {
    const t = translatorFor(lang).t
    await picker(page).selectOption(lang)
    await expect(page.getByRole('heading', { level: 1, name: t('outbox.title') })).toBeVisible()
    await expect(page.locator('nav#sidebar').getByRole('link', { name: t('outbox.nav.label') })).toBeVisible()
    await expect(page.getByText(t('outbox.intro'))).toBeVisible()
    await expect(row).toContainText(held!.recipient)
    await expect(row).toContainText(held!.subject)
    await expect(row).toContainText(t('outbox.status.held'))
    await expect(row.getByRole('link', { name: t('outbox.download') })).toHaveAttribute('href', held!.attachmentUrl)
    expect(await shownText(page, 'crm-outbox-page')).not.toMatch(RAW_ID)
    expect(await overflowing(page, OVERFLOW), `overflow on the Outbox in ${lang}`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/outbox-${lang}.png`, fullPage: true })
  }
})

test('a teacher has no Outbox entry; the API refuses them', async ({ page }) => {
  expect((await page.request.post('/api/auth/login', { data: { login: 'teacher', password: PASSWORD } })).status()).toBe(200)
  expect((await page.request.get('/api/outbox')).status()).toBe(403)
  await page.goto('/workspace')
  await expect(page.locator('nav#sidebar').getByRole('link', { name: 'Timetable' })).toBeVisible({ timeout: 30_000 })
  await expect(page.locator('nav#sidebar').getByRole('link', { name: 'Outbox' })).toHaveCount(0)
})
