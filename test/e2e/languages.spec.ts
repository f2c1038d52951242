import { translatorFor } from '../../domain/i18n/translator'
import type { MessageId } from '../../domain/i18n/catalogue'
import type { Locale } from '../../domain/i18n/locales'
import { type Page, expect, test } from './fixtures'
import { navFor } from '../../client/src/layouts/nav'
import { LANGS, createStaffAccount, overflowing, picker, signInWithTabLanguage } from './languages-support'

/**
 * The shell in Armenian, Russian and English: the account menu's language picker applies at once,
 * without a reload, on the tab that picks it (and only after a reload on another tab of the same
 * user); no id shows instead of a message; nothing overflows its box; screenshots for people to look at.
 */

/** What a message id looks like when it shows instead of its text. */
const RAW_ID = /\b[a-z]+\.[a-z]+\.[a-zA-Z.]+\b/
/** The sidebar of a manager who is also an auditor, in order (the areas that work today). */
const NAV_IDS: MessageId[] = navFor(['manager', 'auditor']).map((e) => e.label)
const LOGIN = 'lusine.lang'
const SECRET = 'lusine-secret-1'
/** What must not overflow its box on these screens. */
const OVERFLOW = 'nav a, h1, h2, th, td, button, label, legend, .chip'

const sidebar = (page: Page) => page.locator('nav#sidebar')

async function expectShellIn(page: Page, lang: Locale) {
  const t = translatorFor(lang).t
  await expect(page.locator('html')).toHaveAttribute('lang', lang)
  await expect(sidebar(page).getByRole('link')).toHaveText(NAV_IDS.map((id) => t(id)))
  await expect(page.getByRole('button', { name: t('shell.account.signOut') })).toBeVisible()
  expect(await sidebar(page).innerText()).not.toMatch(RAW_ID)
  expect(await page.locator('crm-shell header').first().innerText()).not.toMatch(RAW_ID)
}

test.beforeAll(async ({ request }) => {
  await createStaffAccount(request, {
    login: LOGIN,
    name: 'Lusine Hakobyan',
    password: SECRET,
    roles: ['manager', 'auditor'],
    everyBranch: false,
  })
})

test('the account menu switches the shell between Armenian, Russian and English at once; another tab follows after a reload', async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  const res = await page.request.post('/api/auth/login', { data: { login: LOGIN, password: SECRET } })
  expect(res.status()).toBe(200)
  // start from English, whatever the center's default
  expect((await page.request.patch('/api/auth/me', { data: { locale: 'en' } })).status()).toBe(200)
  await page.goto('/users')
  await expectShellIn(page, 'en')
  const other = await context.newPage()
  await other.setViewportSize({ width: 1280, height: 800 })
  await other.goto('/branches')
  await expectShellIn(other, 'en')

  for (const lang of LANGS) {
    const t = translatorFor(lang).t
    await picker(page).selectOption(lang)
    // applied without a reload: the page's own texts and the shell
    await expect(page.getByRole('heading', { level: 1, name: t('users.page.title') })).toBeVisible()
    await expectShellIn(page, lang)
    await expect(page.locator('tr[data-login="owner"]')).toContainText(t('users.role.owner'))
    expect(await overflowing(page, OVERFLOW), `overflow on the users page in ${lang}`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/users-${lang}.png` })

    await sidebar(page)
      .getByRole('link', { name: t('nav.branches.label') })
      .click()
    await expect(page.getByRole('heading', { level: 1, name: t('branches.page.title') })).toBeVisible()
    await expect(page.locator('crm-data-table').first()).toBeVisible()
    expect(await overflowing(page, OVERFLOW), `overflow on the branches page in ${lang}`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/branches-${lang}.png` })

    await sidebar(page)
      .getByRole('link', { name: t('nav.audit.label') })
      .click()
    await expect(page.getByRole('heading', { level: 1, name: t('audit.page.title') })).toBeVisible()
    // the window and the filters in this language
    await expect(page.getByTestId('audit-window')).not.toBeEmpty()
    await expect(page.getByLabel(t('audit.filters.area'), { exact: true })).toBeVisible()
    expect(await overflowing(page, OVERFLOW), `overflow on the audit page in ${lang}`).toEqual([])

    await sidebar(page)
      .getByRole('link', { name: t('nav.users.label') })
      .click()
    await expect(page).toHaveURL(/\/users$/)
  }

  // the other tab kept its language until it reloads; then it reads the profile's (saved by the picker)
  await picker(page).selectOption('ru')
  await expectShellIn(page, 'ru')
  await expectShellIn(other, 'en')
  await expect
    .poll(async () => ((await (await page.request.get('/api/auth/me')).json()) as { user: { locale?: string } }).user.locale)
    .toBe('ru')
  await other.reload()
  await expectShellIn(other, 'ru')
  await expect(other.getByRole('heading', { level: 1, name: translatorFor('ru').t('branches.page.title') })).toBeVisible()
})

test('the login page follows the browser and switches for the tab only', async ({ browser }) => {
  for (const lang of LANGS) {
    const ctx = await browser.newContext({
      locale: lang === 'hy' ? 'hy-AM' : lang === 'ru' ? 'ru-RU' : 'en-US',
      viewport: { width: 1280, height: 800 },
    })
    const page = await ctx.newPage()
    const t = translatorFor(lang).t
    await page.goto('/login')
    await expect(page.getByRole('button', { name: t('auth.login.submit') })).toBeVisible()
    await expect(page.getByLabel(t('auth.login.password'))).toBeVisible()
    expect(await page.locator('crm-login-page').innerText()).not.toMatch(RAW_ID)
    expect(await overflowing(page, OVERFLOW), `overflow on the login page in ${lang}`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/login-${lang}.png` })
    await ctx.close()
  }

  // an English browser picks Russian on the login page: the form is Russian at once, and signing in
  // brings the profile's language (the center's default here: English)
  const ctx = await browser.newContext({ locale: 'en-US' })
  const page = await ctx.newPage()
  await page.goto('/login')
  await picker(page).selectOption('ru')
  const ru = translatorFor('ru').t
  await page.getByLabel(ru('auth.login.login')).fill('wrong.person')
  await page.getByLabel(ru('auth.login.password')).fill('nope-nope-1')
  await page.getByRole('button', { name: ru('auth.login.submit') }).click()
  await expect(page.getByRole('alert')).toBeVisible()
  expect(await page.getByRole('alert').innerText()).toMatch(/[А-Яа-яЁё]/)
  await ctx.close()
})

/** What in the header must keep its text inside its box. */
const HEADER_OVERFLOW = '.brand, .who, .who .name, .who .roles, .account button, .account-button, .bell'

/** The header's width against what it holds, and where its controls end (shadow roots included). */
function headerFit(page: Page) {
  return page.locator('crm-shell').evaluate((shell) => {
    const header = shell.shadowRoot!.querySelector('header')!
    const rightmost = Math.max(...[...header.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right))
    return { scrollWidth: header.scrollWidth, clientWidth: header.clientWidth, rightmost, viewport: innerWidth }
  })
}

test('the header fits a phone-sized screen in every language, the account behind a menu; the desktop header is as it was', async ({
  page,
}) => {
  await signInWithTabLanguage(page, 'owner')
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.goto('/workspace')
  const account = page.getByTestId('current-user')
  const accountButton = page.getByTestId('account-button')
  const signOut = (lang: Locale) => page.getByRole('button', { name: translatorFor(lang).t('shell.account.signOut') })
  for (const lang of LANGS) {
    const t = translatorFor(lang).t
    // the desktop: name and roles, the language and Sign out in the header itself; no menu
    await page.setViewportSize({ width: 1366, height: 768 })
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    await expect(account).toBeVisible()
    await expect(account.locator('.roles')).toBeVisible()
    await expect(signOut(lang)).toBeVisible()
    await expect(accountButton).toBeHidden()
    let fit = await headerFit(page)
    expect(fit.scrollWidth, `header overflows at 1366 px in ${lang}`).toBeLessThanOrEqual(fit.clientWidth)
    expect(await overflowing(page, HEADER_OVERFLOW), `header at 1366 px in ${lang}`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/header-wide-${lang}.png`, clip: { x: 0, y: 0, width: 1366, height: 120 } })

    // in between (a tablet, a narrow window): the account in the header still fits
    for (const width of [721, 768, 900]) {
      await page.setViewportSize({ width, height: 800 })
      const between = await headerFit(page)
      expect(between.scrollWidth, `header overflows at ${width} px in ${lang}`).toBeLessThanOrEqual(between.clientWidth)
      expect(between.rightmost, `header runs off a ${width} px screen in ${lang}`).toBeLessThanOrEqual(between.viewport)
      expect(await overflowing(page, HEADER_OVERFLOW), `header at ${width} px in ${lang}`).toEqual([])
    }

    // a phone: the menu button, the brand, the bell and the account menu fit; nothing runs off the edge
    await page.setViewportSize({ width: 390, height: 844 })
    await expect(page.getByTestId('alerts-button')).toBeVisible()
    await expect(accountButton).toBeVisible()
    await expect(accountButton).toHaveAccessibleName(t('shell.account.label'))
    await expect(account).toBeHidden()
    fit = await headerFit(page)
    expect(fit.scrollWidth, `header overflows at 390 px in ${lang}`).toBeLessThanOrEqual(fit.clientWidth)
    expect(fit.rightmost, `header runs off a 390 px screen in ${lang}`).toBeLessThanOrEqual(fit.viewport)
    expect(await overflowing(page, HEADER_OVERFLOW), `header at 390 px in ${lang}`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/header-narrow-${lang}.png` })
    // the account menu holds the name, the roles, the language and Sign out, all on the screen
    await accountButton.click()
    await expect(accountButton).toHaveAttribute('aria-expanded', 'true')
    for (const el of [account, account.locator('.roles'), picker(page), signOut(lang)]) {
      await expect(el).toBeVisible()
      const box = (await el.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
    }
    expect(await overflowing(page, HEADER_OVERFLOW), `account menu at 390 px in ${lang}`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/header-narrow-menu-${lang}.png` })
    // Escape closes it, back on its button
    await page.keyboard.press('Escape')
    await expect(account).toBeHidden()
    await expect(accountButton).toBeFocused()
  }
  // picking a language from the menu applies it and leaves the menu open on the picker
  await accountButton.click()
  await picker(page).selectOption('hy')
  await expect(page.locator('html')).toHaveAttribute('lang', 'hy')
  await expect(signOut('hy')).toBeVisible()
})
