import { statSync } from 'node:fs'
import type { Browser } from '@playwright/test'
import readXlsxFile from 'read-excel-file/node'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { createAccount, signedInAs } from './accounts-support'
import { expect, test } from './fixtures'
import { LANGS, picker } from './languages-support'
import { languageProblems } from './morning-support'

/**
 * Reports (issue #20): a manager of the spec's own opens each report (revenue, debts and ageing,
 * VAT, teacher performance) on the demo, changes its filters, downloads the XLSX (a file named
 * after the report and its period, not empty, its header in the language shown), and sees each
 * report worded in hy, ru and en (docs/screenshots/reports-<name>-{hy,ru,en}.png).
 */
const run = Date.now().toString(36)
const PASSWORD = 'reports-secret-123'
const MANAGER = { login: `manager.reports.${run}`, name: 'Rita Reports', roles: ['manager'] }
const REPORTS = ['revenue', 'debts', 'vat', 'teachers'] as const

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ request }) => {
  await createAccount(request, MANAGER, PASSWORD)
})

const signedIn = (browser: Browser, lang: Locale = 'en') => signedInAs(browser, MANAGER.login, PASSWORD, lang)

test('a manager opens each report, changes its filters and downloads the XLSX', async ({ browser }) => {
  test.setTimeout(240_000)
  const t = translatorFor('en').t
  const { context, page } = await signedIn(browser)
  await page.goto('/reports')
  await expect(page.getByRole('heading', { name: t('nav.reports.label') })).toBeVisible()
  for (const name of REPORTS) {
    await page.getByRole('tab', { name: t(`reports.${name}.title`) }).click()
    const panel = page.locator('crm-report-panel')
    if (name !== 'debts') {
      await panel.getByLabel(t('reports.period'), { exact: true }).selectOption('last12')
      await expect(panel.locator('table').first()).toBeVisible()
    } else await expect(panel.locator('table').first()).toBeVisible()
    if (name === 'revenue') {
      await expect(panel.locator('crm-report-chart')).toBeVisible()
      // one activity of the demo: only its sessions (no sales rows)
      const activity = panel.getByLabel(t('reports.activity'), { exact: true })
      const first = await activity.locator('option').nth(1).getAttribute('value')
      await activity.selectOption(first ?? '')
      // (in the table: the chart's legend names both series whatever is shown)
      await expect(panel.locator('table').getByText(t('reports.source.sales'), { exact: true })).toHaveCount(0)
      await activity.selectOption('')
    }
    if (name === 'teachers') {
      await panel.getByLabel(t('reports.rankBy')).selectOption('attendance')
      await expect(panel.locator('tbody tr').first()).toBeVisible()
      const teacher = panel.getByLabel(t('reports.teacher'), { exact: true })
      const first = await teacher.locator('option').nth(1).getAttribute('value')
      await teacher.selectOption(first ?? '')
      await expect(panel.locator('.card')).toHaveCount(1)
      await expect(panel.locator('.card dt')).toHaveCount(6)
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: t('reports.download.xlsx') }).click(),
    ])
    const file = download.suggestedFilename()
    expect(file).toMatch(
      name === 'debts'
        ? /^debts-\d{4}-\d{2}-\d{2}\.xlsx$/
        : new RegExp(`^${name}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`),
    )
    const path = `/tmp/pw-reports-${run}-${file}`
    await download.saveAs(path)
    expect(statSync(path).size).toBeGreaterThan(0)
    const [sheet] = await readXlsxFile(path)
    expect(sheet.sheet).toBe(t(`reports.${name}.title`))
    expect(sheet.data.length, `${name}: a header and rows`).toBeGreaterThan(1)
  }
  await context.close()
})

test('each report in hy, ru and en', async ({ browser }) => {
  test.setTimeout(300_000)
  const { context, page } = await signedIn(browser)
  for (const lang of LANGS) {
    const tr = translatorFor(lang).t
    await page.goto('/reports')
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    for (const name of REPORTS) {
      await page.getByRole('tab', { name: tr(`reports.${name}.title`) }).click()
      const panel = page.locator('crm-report-panel')
      if (name !== 'debts') await panel.getByLabel(tr('reports.period'), { exact: true }).selectOption('last12')
      await expect(panel.locator('table').first()).toBeVisible()
      await expect(panel.locator('crm-report-chart canvas')).toBeVisible()
      const p = await languageProblems(page, lang)
      expect.soft(p.rawIds, `${lang} ${name}: message ids`).toEqual([])
      if (lang !== 'en') expect.soft(p.english, `${lang} ${name}: English texts`).toEqual([])
      expect.soft(p.overflow, `${lang} ${name}: cut texts`).toEqual([])
      await page.screenshot({ path: `docs/screenshots/reports-${name}-${lang}.png`, fullPage: true })
    }
  }
  await context.close()
})
