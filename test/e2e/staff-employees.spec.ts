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
 * cut; an accessibility check in en. Then the manager edits the employee: more positions, and a
 * login linked later (seen after a reload); a second employee's dialog, opened in another tab
 * (in Russian) while that login was still free, is refused beside the login field in Russian
 * (docs/screenshots/staff-employee-edit-refused-ru.png). The edit dialog in hy, ru and en
 * (docs/screenshots/staff-employee-edit-*.png).
 */

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
const tag = Date.now().toString(36).slice(-4).toUpperCase()
const MANAGER = { login: `manager.staff.${run}`, name: 'Mila Manager', password: 'staff-secret-123', roles: ['manager'] }
const NAME = `Nare Avetisyan ${tag}`
const SECOND = `Gor Hakobyan ${tag}`
/** A login made for the employee after they were added. */
const LINKED = { login: `teacher.link.${run}`, name: `Tigran Link ${tag}`, password: 'staff-secret-123', roles: ['teacher'] }
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
  await createStaffAccount(request, LINKED)
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

/** The login's option in the dialog's list: "<name> (<login>)". */
const loginOption = `${LINKED.name} (${LINKED.login})`

test('a manager edits the employee: positions and a login linked later; another employee cannot take that login', async ({
  page,
}) => {
  expect(employeeUrl, 'the first test made the employee').not.toBe('')
  await signIn(page)
  // the second employee, in the same branch
  const id = employeeUrl.split('/').pop()
  const file = (await (await page.request.get(`/api/staff/employees/${id}`)).json()) as { employee: { branchIds: string[] } }
  const made = await page.request.post('/api/staff/employees', {
    data: { name: SECOND, positions: ['receptionist'], branchIds: file.employee.branchIds },
  })
  expect(made.status(), await made.text()).toBe(201)
  const secondUrl = `/staff/employees/${((await made.json()) as { employee: { id: string } }).employee.id}`

  // another tab, in Russian (this tab only: the profile keeps its language), opens the second
  // employee's dialog while the login is still free and picks it
  const other = await page.context().newPage()
  const me = (await (await other.request.get('/api/auth/me')).json()) as { user: Record<string, unknown> }
  await other.route('**/api/auth/me', async (route) => {
    if (route.request().method() !== 'PATCH') return route.fallback()
    const { locale } = route.request().postDataJSON() as { locale: string }
    await route.fulfill({ json: { user: { ...me.user, locale } } })
  })
  const ru = translatorFor('ru').t
  await other.goto(secondUrl)
  await picker(other).selectOption('ru')
  await expect(other.getByRole('heading', { name: SECOND })).toBeVisible()
  await other.getByRole('button', { name: ru('staff.screens.employees.edit'), exact: true }).click()
  const late = openDialog(other)
  const lateLogin = late.getByLabel(ru('staff.screens.employees.login'), { exact: true })
  await expect(lateLogin.locator('option', { hasText: loginOption })).toHaveCount(1)
  await lateLogin.selectOption({ label: loginOption })

  // here, in English: more positions and the login
  await page.goto(employeeUrl)
  await picker(page).selectOption('en')
  await page.getByRole('button', { name: t('staff.screens.employees.edit'), exact: true }).click()
  const dialog = openDialog(page)
  await expect(dialog.getByRole('heading', { name: t('staff.screens.employees.editTitle', { name: NAME }) })).toBeVisible()
  const positions = dialog.getByLabel(t('staff.screens.employees.positions'), { exact: true })
  await expect(positions).toHaveValue('teacher, methodologist')
  await positions.fill('teacher, methodologist, coordinator')
  const login = dialog.getByLabel(t('staff.screens.employees.login'), { exact: true })
  await expect(login).toHaveValue('')
  await login.selectOption({ label: loginOption })
  await dialog.getByRole('button', { name: t('common.save') }).click()
  await expect(dialog).toBeHidden()
  await page.reload()
  await expect(page.getByRole('heading', { name: NAME })).toBeVisible()
  await expect(page.locator('[data-positions]')).toHaveText('teacher, methodologist, coordinator')
  await expect(page.locator('[data-login]')).toHaveText(LINKED.login)
  // the dialog opens with it linked
  await page.getByRole('button', { name: t('staff.screens.employees.edit'), exact: true }).click()
  await expect(openDialog(page).getByLabel(t('staff.screens.employees.login'), { exact: true })).toHaveValue(
    (await (await page.request.get(`/api/staff/employees/${id}`)).json()).employee.userId,
  )
  await openDialog(page)
    .getByRole('button', { name: t('common.cancel') })
    .click()

  // the other tab saves: refused beside the login field, in Russian; nothing changed
  await late.getByRole('button', { name: ru('common.save') }).click()
  await expect(late.locator('#userId-error')).toHaveText(ru('staff.loginTaken'))
  await expect(lateLogin).toHaveAttribute('aria-invalid', 'true')
  await expectWordedIn(other, 'ru', 'the refused edit dialog')
  await other.screenshot({ path: 'docs/screenshots/staff-employee-edit-refused-ru.png' })
  await late.getByRole('button', { name: ru('common.cancel') }).click()
  await expect(other.locator('[data-login]')).toHaveText(ru('staff.screens.employees.noLogin'))
  await other.close()
})

test('the edit dialog in hy, ru and en: nothing untranslated, nothing cut', async ({ page }) => {
  expect(employeeUrl, 'the first test made the employee').not.toBe('')
  await signIn(page)
  // the branch they are paid in (the staff page's branch when they were added)
  const id = employeeUrl.split('/').pop()
  const file = (await (await page.request.get(`/api/staff/employees/${id}`)).json()) as { employee: { branchIds: string[] } }
  const branches = (await (await page.request.get('/api/branches')).json()) as { items: Array<{ id: string; name: string }> }
  const paidIn = branches.items.find((b) => b.id === file.employee.branchIds[0])?.name ?? ''
  expect(paidIn).not.toBe('')
  for (const lang of LANGS) {
    const tr = translatorFor(lang).t
    await page.goto(employeeUrl)
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    await page.getByRole('button', { name: tr('staff.screens.employees.edit'), exact: true }).click()
    const dialog = openDialog(page)
    await expect(dialog.getByRole('heading', { name: tr('staff.screens.employees.editTitle', { name: NAME }) })).toBeVisible()
    await expect(dialog.getByLabel(tr('staff.screens.employees.login'), { exact: true })).not.toHaveValue('')
    await expect(dialog.getByText(tr('staff.screens.employees.paidIn', { branch: paidIn }))).toBeVisible()
    await expectWordedIn(page, lang, 'edit dialog')
    await page.screenshot({ path: `docs/screenshots/staff-employee-edit-${lang}.png` })
    if (lang === 'en') {
      const result = await new AxeBuilder({ page }).analyze()
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
      expect(bad, 'edit dialog: accessibility').toEqual([])
    }
    await dialog.getByRole('button', { name: tr('common.cancel') }).click()
  }
})
