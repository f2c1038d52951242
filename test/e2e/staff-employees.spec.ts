import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { LANGS, createStaffAccount, picker } from './languages-support'
import { fillDate, languageProblems } from './morning-support'
import { openDialog } from './support'

/**
 * Employees and their pay (issue #19). A manager adds an employee, sets a pay scheme from the 1st
 * of next month, changes it from the 16th (the file shows both, dated: the first ends on the
 * 15th), adds a bonus with its reason. Then the list and the file in hy, ru and en
 * (docs/screenshots/staff-employees-*.png, staff-employee-*.png): nothing untranslated, nothing
 * cut; an accessibility check in en.
 */

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
const tag = Date.now().toString(36).slice(-4).toUpperCase()
const MANAGER = { login: `manager.staff.${run}`, name: 'Mila Manager', password: 'staff-secret-123', roles: ['manager'] }
const NAME = `Nare Avetisyan ${tag}`
const t = translatorFor('en').t

test.describe.configure({ mode: 'serial' })

let employeeUrl = ''

/** The first day of the month `by` months from now (YYYY-MM-01). */
function monthStart(by: number): string {
  const d = new Date()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + by)
  return d.toISOString().slice(0, 10)
}

test.beforeAll(async ({ request }) => {
  await createStaffAccount(request, MANAGER)
})

async function signIn(page: Page) {
  expect(
    (await page.request.post('/api/auth/login', { data: { login: MANAGER.login, password: MANAGER.password } })).status(),
  ).toBe(200)
}

async function expectWordedIn(page: Page, lang: Locale, what: string) {
  const p = await languageProblems(page, lang)
  expect.soft(p.rawIds, `${lang} ${what}: message ids`).toEqual([])
  if (lang !== 'en') expect.soft(p.english, `${lang} ${what}: English texts`).toEqual([])
  expect.soft(p.overflow, `${lang} ${what}: cut texts`).toEqual([])
}

test('a manager adds an employee, sets their pay, changes it from a later day and adds a bonus', async ({ page }) => {
  await signIn(page)
  await page.goto('/staff')
  await picker(page).selectOption('en')
  await page.getByRole('button', { name: t('staff.screens.employees.new') }).click()
  let dialog = openDialog(page)
  await dialog.getByLabel(t('staff.screens.employees.name'), { exact: true }).fill(NAME)
  await dialog.getByLabel(t('staff.screens.employees.positions'), { exact: true }).fill('teacher, methodologist')
  await dialog.getByRole('button', { name: t('common.save') }).click()
  await expect(page).toHaveURL(/\/staff\/employees\/[0-9a-f-]{36}$/)
  employeeUrl = new URL(page.url()).pathname
  await expect(page.getByRole('heading', { name: NAME })).toBeVisible()

  const first = monthStart(1)
  const change = `${first.slice(0, 7)}-16`
  await page.getByRole('button', { name: t('staff.screens.scheme.changeButton') }).click()
  dialog = openDialog(page)
  await fillDate(dialog.getByLabel(t('staff.screens.scheme.validFrom'), { exact: true }), first, 'en')
  await dialog.getByLabel(t('staff.screens.scheme.perLesson'), { exact: true }).fill('3000')
  await dialog.getByRole('button', { name: t('common.save') }).click()
  await expect(page.locator(`tr[data-scheme="${first}"]`)).toBeVisible()

  await page.getByRole('button', { name: t('staff.screens.scheme.changeButton') }).click()
  dialog = openDialog(page)
  await fillDate(dialog.getByLabel(t('staff.screens.scheme.validFrom'), { exact: true }), change, 'en')
  await dialog.getByLabel(t('staff.screens.scheme.perLesson'), { exact: true }).fill('3500')
  await dialog.getByLabel(t('staff.screens.scheme.revenuePercent'), { exact: true }).fill('10')
  await dialog.getByRole('button', { name: t('common.save') }).click()
  // both, dated: the first now ends the day before the change
  await expect(page.locator(`tr[data-scheme="${change}"]`)).toContainText('10 % of revenue')
  await expect(page.locator(`tr[data-scheme="${first}"]`)).toContainText('15')
  await expect(page.locator('tr[data-scheme]')).toHaveCount(2)

  await page.getByRole('button', { name: t('staff.screens.adjustment.addButton') }).click()
  dialog = openDialog(page)
  await dialog.getByLabel(t('staff.screens.adjustment.amount'), { exact: true }).fill('5000')
  // no reason: refused beside the field
  await dialog.getByRole('button', { name: t('common.save') }).click()
  await expect(dialog.getByText(t('staff.reasonRequired'))).toBeVisible()
  await dialog.getByLabel(t('staff.screens.adjustment.reason'), { exact: true }).fill('Open day lessons')
  await dialog.getByRole('button', { name: t('common.save') }).click()
  await expect(page.getByRole('cell', { name: 'Open day lessons' })).toBeVisible()

  await page.getByLabel(t('staff.screens.file.newNote')).fill('Prepared, punctual')
  await page.getByRole('button', { name: t('staff.screens.file.addNote'), exact: true }).click()
  await expect(page.getByText('Prepared, punctual')).toBeVisible()
})

test('the list and the file in hy, ru and en: nothing untranslated, nothing cut', async ({ page }) => {
  expect(employeeUrl, 'the first test made the employee').not.toBe('')
  await signIn(page)
  for (const lang of LANGS) {
    const tr = translatorFor(lang).t
    await page.goto('/staff')
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    await expect(page.locator(`crm-data-table [data-employee="${NAME}"]`)).toBeVisible()
    await expect(page.getByRole('columnheader', { name: tr('staff.screens.employees.hoursThisMonth') })).toBeVisible()
    await expectWordedIn(page, lang, 'employees')
    await page.screenshot({ path: `docs/screenshots/staff-employees-${lang}.png`, fullPage: true })
    if (lang === 'en') {
      const result = await new AxeBuilder({ page }).analyze()
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
      expect(bad, 'employees: accessibility').toEqual([])
    }
    await page.goto(employeeUrl)
    await expect(page.getByRole('heading', { name: NAME })).toBeVisible()
    await expect(page.locator('tr[data-scheme]')).toHaveCount(2)
    await expectWordedIn(page, lang, 'employee file')
    await page.screenshot({ path: `docs/screenshots/staff-employee-${lang}.png`, fullPage: true })
    if (lang === 'en') {
      const result = await new AxeBuilder({ page }).analyze()
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
      expect(bad, 'employee file: accessibility').toEqual([])
    }
  }
})
