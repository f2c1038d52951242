import { formatDateEntry } from '../../domain/i18n/date-entry'
import { translatorFor } from '../../domain/i18n/translator'
import type { MessageId } from '../../domain/i18n/catalogue'
import { expect, test } from './fixtures'
import { LANGS, createStaffAccount, overflowing, picker, shownText } from './languages-support'

/**
 * The Clients pages in Armenian, Russian and English: the list, a client file and the registration
 * form follow the account menu's language at once (the open page re-renders, no reload), show no
 * message id instead of a text, format ages by the language's plural rules, overflow no header,
 * button or table cell; screenshots for people to look at (docs/screenshots/clients-*).
 */

/** What one of these pages' message ids looks like when it shows instead of its text. */
const RAW_ID = /\b(clients|common)\.[a-zA-Z_]+(\.[a-zA-Z_]+)*\b/
const COLUMNS: MessageId[] = [
  'clients.list.col.name',
  'clients.list.col.age',
  'clients.list.col.category',
  'clients.list.col.status',
  'clients.list.col.phone',
  'clients.list.col.flags',
]
const TABS: MessageId[] = [
  'clients.file.tab.file',
  'passes.screens.account.tab',
  'clients.file.tab.records',
  'clients.file.tab.progress',
  'clients.file.tab.data',
]
const LOGIN = 'narek.clients'
const SECRET = 'narek-secret-1'
/** What must not overflow its box on these screens. */
const OVERFLOW = 'h1, h2, h3, th, td, [role="columnheader"], [role="cell"], [role="tab"], button, a.button, label, legend'

test.beforeAll(async ({ request }) => {
  await createStaffAccount(request, { login: LOGIN, name: 'Narek Avagyan', password: SECRET, roles: ['receptionist'] })
})

test('the client list, a client file and the registration form in Armenian, Russian and English', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  expect((await page.request.post('/api/auth/login', { data: { login: LOGIN, password: SECRET } })).status()).toBe(200)
  // a child with a birth date and guardians (the file shows age, category, family and guardians)
  const list = (await (await page.request.get('/api/clients?limit=200')).json()) as {
    items: Array<{ id: string; name: string; age: number | null }>
  }
  const child = list.items.find((c) => c.age !== null && c.age < 14) ?? list.items[0]
  await page.goto('/clients')
  await expect(page.locator('crm-client-table [role="row"]').nth(1)).toBeVisible()

  for (const lang of LANGS) {
    const t = translatorFor(lang).t
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)

    // the list: re-rendered in place
    await expect(page.getByRole('heading', { level: 1, name: t('clients.list.title') })).toBeVisible()
    await expect(page.locator('crm-client-table [role="columnheader"]')).toHaveText(COLUMNS.map((id) => t(id)))
    await expect(page.getByLabel(t('clients.filters.status'))).toContainText(t('clients.filters.allStatuses'))
    await expect(page.getByRole('link', { name: t('clients.list.register') })).toBeVisible()
    expect(await shownText(page, 'crm-client-list')).not.toMatch(RAW_ID)
    expect(await overflowing(page, OVERFLOW), `overflow on the client list in ${lang}`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/clients-list-${lang}.png` })

    // a client file
    await page.getByTestId(`client-row-${child.id}`).getByRole('link').click()
    await expect(page.getByTestId('client-header')).toBeVisible()
    await expect(page.getByRole('tab')).toHaveText(TABS.map((id) => t(id)))
    await expect(page.getByRole('heading', { level: 2, name: t('clients.fileTab.personal') })).toBeVisible()
    if (child.age !== null) await expect(page.getByTestId('client-header')).toContainText(t('clients.age', { age: child.age }))
    await expect(page.getByTestId('save-state')).toBeVisible()
    expect(await shownText(page, 'crm-client-file')).not.toMatch(RAW_ID)
    expect(await overflowing(page, OVERFLOW), `overflow on the client file in ${lang}`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/clients-file-${lang}.png` })
    // its history tab: dates in the language
    await page.getByRole('tab', { name: t('clients.file.tab.data') }).click()
    await expect(page.getByRole('heading', { level: 2, name: t('clients.data.history') })).toBeVisible()
    expect(await shownText(page, 'crm-client-file')).not.toMatch(RAW_ID)
    expect(await overflowing(page, OVERFLOW), `overflow on the client's history in ${lang}`).toEqual([])

    // the registration form, with a minor's guardians
    await page.getByRole('link', { name: t('clients.back') }).click()
    await page.getByRole('link', { name: t('clients.list.register') }).click()
    await expect(page.getByRole('heading', { level: 1, name: t('clients.register.title') })).toBeVisible()
    const eightYearsAgo = `${new Date().getFullYear() - 8}-01-15`
    await page.getByLabel(t('clients.field.birthDate')).fill(eightYearsAgo)
    await expect(page.getByText(t('clients.register.minorHint'))).toBeVisible()
    // shown in the language's order once typed, whatever the machine's language (15.01.2018, 15/01/2018)
    await page.getByLabel(t('clients.field.birthDate')).press('Tab')
    await expect(page.getByLabel(t('clients.field.birthDate'))).toHaveValue(formatDateEntry(eightYearsAgo, lang))
    const guardians = page.getByTestId('guardians-section')
    await expect(guardians.getByText(t('clients.register.guardiansHintRequired'))).toBeVisible()
    await guardians.getByRole('button', { name: t('clients.guardians.add') }).click()
    await expect(guardians.getByRole('group', { name: t('clients.guardians.numbered', { n: 1 }) })).toBeVisible()
    await expect(page.getByRole('button', { name: t('clients.register.submit') })).toBeVisible()
    expect(await shownText(page, 'crm-client-register')).not.toMatch(RAW_ID)
    expect(await overflowing(page, OVERFLOW), `overflow on the registration form in ${lang}`).toEqual([])
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: `docs/screenshots/clients-register-${lang}.png` })
    await page.getByRole('link', { name: t('clients.back') }).click()
    await expect(page.locator('crm-client-table [role="row"]').nth(1)).toBeVisible()
  }
})

test('an incomplete client file names what is missing in Armenian, Russian and English', async ({ page }) => {
  expect((await page.request.post('/api/auth/login', { data: { login: LOGIN, password: SECRET } })).status()).toBe(200)
  // an adult registered complete; then the phone is cleared and the email mistyped in the live file
  const suffix = String(Date.now()).slice(-6)
  const name = { firstName: 'Tatevik', lastName: `Grigoryan${suffix}` }
  const registered = await page.request.post('/api/clients', {
    data: { ...name, birthDate: '1992-04-04', phone: `+374 91 ${suffix}`, consent: true, confirmNotDuplicate: true },
  })
  expect(registered.status(), await registered.text()).toBe(201)
  const { id } = (await registered.json()) as { id: string }
  await page.goto(`/clients/${id}`)
  await expect(page.getByTestId('save-state')).toBeVisible()
  await page.locator('#profile-phone').fill('')
  await page.locator('#profile-email').fill('nope@')
  const fieldError = (input: string) =>
    page.locator('crm-client-file-tab .field', { has: page.locator(input) }).locator('.field-error')

  for (const lang of LANGS) {
    const t = translatorFor(lang).t
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    // the header's alert lists the missing fields, and each field says its own, in the language shown
    const problems = [t('errors.clients.emailInvalid'), t('errors.clients.phoneRequired')].join('; ')
    await expect(page.getByTestId('client-alerts')).toHaveText(
      t('alerts.clientFileIncomplete', { client: `${name.firstName} ${name.lastName}`, problems }),
    )
    await expect(fieldError('#profile-phone')).toHaveText(t('errors.clients.phoneRequired'))
    await expect(fieldError('#profile-email')).toHaveText(t('errors.clients.emailInvalid'))
    const text = await shownText(page, 'crm-client-file')
    expect(text).not.toMatch(/\b(clients|common|errors|alerts)\.[a-zA-Z_]+\.[a-zA-Z_.]+\b/)
    if (lang !== 'en') expect(text).not.toMatch(/required|Not an email|incomplete/)
  }
  // filled in again: the alert and the fields' messages go
  await page.locator('#profile-phone').fill(`+374 91 ${suffix}`)
  await page.locator('#profile-email').fill('tatevik@example.org')
  await expect(page.getByTestId('client-alerts')).toHaveCount(0)
  await expect(fieldError('#profile-phone')).toHaveCount(0)
})

test('the registration form says what is missing in the language shown, and again after a switch', async ({ page }) => {
  expect((await page.request.post('/api/auth/login', { data: { login: LOGIN, password: SECRET } })).status()).toBe(200)
  await page.goto('/clients/new')
  const [first, ...others] = LANGS
  await picker(page).selectOption(first)
  const submit = async (t: ReturnType<typeof translatorFor>['t']) =>
    page.getByRole('button', { name: t('clients.register.submit') }).click()
  await submit(translatorFor(first).t)
  const eightYearsAgo = `${new Date().getFullYear() - 8}-01-15`
  for (const lang of [first, ...others]) {
    const t = translatorFor(lang).t
    await picker(page).selectOption(lang)
    await expect(page.locator('#firstName-error')).toHaveText(t('errors.clients.firstNameRequired'))
    await expect(page.locator('#consent-error')).toHaveText(t('errors.clients.consentRequired'))
    await expect(page.getByRole('alert').filter({ hasText: t('clients.register.fieldsNeedAttention') })).toBeVisible()
  }
  // a minor without a guardian: the guardians section says why, in the language shown
  await page.getByLabel(translatorFor(others[others.length - 1]).t('clients.field.birthDate')).fill(eightYearsAgo)
  for (const lang of LANGS) {
    const t = translatorFor(lang).t
    await picker(page).selectOption(lang)
    await submit(t)
    await expect(page.getByTestId('guardians-section').getByRole('alert')).toHaveText(t('errors.clients.guardianNeeded'))
  }
})

test('the record form refuses a future date and a missing title in the language shown', async ({ page }) => {
  expect((await page.request.post('/api/auth/login', { data: { login: LOGIN, password: SECRET } })).status()).toBe(200)
  const list = (await (await page.request.get('/api/clients?limit=1')).json()) as { items: Array<{ id: string }> }
  await page.goto(`/clients/${list.items[0].id}?tab=records`)
  const nextYear = `${new Date().getFullYear() + 1}-01-15`
  for (const lang of LANGS) {
    const t = translatorFor(lang).t
    await picker(page).selectOption(lang)
    await page.locator('#rec-date').fill(nextYear)
    await page.getByRole('button', { name: t('clients.recordForm.submit') }).click()
    await expect(page.locator('#rec-date-error')).toHaveText(t('errors.clients.dateFuture'))
    await expect(page.locator('#rec-title-error')).toHaveText(t('errors.clients.titleRequired'))
  }
  // a switch of language re-renders them
  await picker(page).selectOption('hy')
  await expect(page.locator('#rec-date-error')).toHaveText(translatorFor('hy').t('errors.clients.dateFuture'))
})
