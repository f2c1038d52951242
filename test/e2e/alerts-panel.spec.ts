import type { Browser, Locator, Page } from '@playwright/test'
import { formatNumber } from '../../domain/i18n/format'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { picker } from './languages-support'
import { languageProblems, messagePattern } from './morning-support'
import { PASSWORD } from './support'

/**
 * Issue #14: a receptionist reads the alerts in her language. Two receptionists of one branch, one
 * reading Armenian and one Russian, each in her own browser, keep the header's Alerts panel open:
 * an incomplete client file's alert appears live in both lists (each in her language, with the
 * unread count), one acknowledges it and the other sees who did, it leaves both lists once the
 * file is complete again; Escape, the focus, the empty and error states; nothing untranslated,
 * nothing cut. Screenshots: docs/screenshots/alerts-panel-{hy,ru,en}.png.
 *
 * The branch, its receptionists and clients are the spec's own (made afresh each run): the other
 * specs raise alerts in the demo's branches, and the counts here must be only these.
 */

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
const BRANCH = `Alerts ${run}`
const ZONE = 'Asia/Yerevan'
const PEOPLE = {
  hy: { login: `ani.alerts.${run}`, name: 'Անի Հակոբյան', password: 'ani-alerts-secret-1' },
  ru: { login: `olga.alerts.${run}`, name: 'Ольга Смирнова', password: 'olga-alerts-secret-1' },
} as const
let branchId = ''
const clients: Array<{ id: string; name: string; phone: string }> = []

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: { login: 'owner', password: PASSWORD } })).status()).toBe(200)
  const branch = await request.post('/api/branches', { data: { name: BRANCH, timezone: ZONE } })
  expect(branch.status(), await branch.text()).toBe(201)
  branchId = ((await branch.json()) as { branch: { id: string } }).branch.id
  for (const p of Object.values(PEOPLE)) {
    const made = await request.post('/api/users', {
      data: { login: p.login, name: p.name, password: p.password, roles: ['receptionist'], branchIds: [branchId] },
    })
    expect(made.status(), await made.text()).toBe(201)
  }
  // two adults of the branch, registered complete (no alert yet)
  for (const [i, last] of ['Petrosyan', 'Ivanova'].entries()) {
    const phone = `+374 91 ${String(100000 + Math.floor(Math.random() * 899999))}`
    const name = { firstName: i ? 'Maria' : 'Aram', lastName: `${last}${run}` }
    const res = await request.post('/api/clients', {
      data: { ...name, birthDate: '1990-05-0' + (i + 1), phone, consent: true, confirmNotDuplicate: true, branchId },
    })
    expect(res.status(), await res.text()).toBe(201)
    clients.push({ id: ((await res.json()) as { id: string }).id, name: `${name.firstName} ${name.lastName}`, phone })
  }
})

/** A receptionist's own browser, signed in, reading `lang` (her profile's language). */
async function receptionist(browser: Browser, lang: 'hy' | 'ru') {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  const page = await context.newPage()
  const p = PEOPLE[lang]
  expect((await page.request.post('/api/auth/login', { data: { login: p.login, password: p.password } })).status()).toBe(200)
  expect((await page.request.patch('/api/auth/me', { data: { locale: lang } })).status()).toBe(200)
  await page.goto('/workspace')
  await expect(page.locator('html')).toHaveAttribute('lang', lang)
  return { context, page, lang: lang as Locale, t: translatorFor(lang).t }
}
type Desk = Awaited<ReturnType<typeof receptionist>>

const bell = (page: Page) => page.getByTestId('alerts-button')
const panel = (page: Page) => page.getByTestId('alerts-panel')
const items = (page: Page) => panel(page).getByTestId('alert-item')
const itemOf = (page: Page, client: { name: string }): Locator => items(page).filter({ hasText: client.name })

/** The bell says how many are unread, in words for screen readers and as the badge's number. */
async function expectUnread(d: Desk, count: number) {
  await expect(bell(d.page)).toHaveAttribute('aria-label', d.t('alertPanel.button', { count }))
  if (count === 0) await expect(d.page.getByTestId('alerts-count')).toHaveCount(0)
  else await expect(d.page.getByTestId('alerts-count')).toHaveText(formatNumber(count, d.lang))
}

async function openPanel(d: Desk) {
  if (!(await panel(d.page).isVisible())) await bell(d.page).click()
  await expect(panel(d.page)).toBeVisible()
  await expect(bell(d.page)).toHaveAttribute('aria-expanded', 'true')
  // the focus is in the panel, on its title
  await expect(panel(d.page).getByRole('heading', { level: 2, name: d.t('alertPanel.title') })).toBeFocused()
}

/** What every screen with the panel open must hold to: no message ids, no English, nothing cut. */
async function check(d: { page: Page; lang: Locale }, screen: string) {
  const p = await languageProblems(d.page, d.lang)
  expect.soft(p.rawIds, `${d.lang} ${screen}: message ids shown instead of texts`).toEqual([])
  expect.soft(p.english, `${d.lang} ${screen}: English catalogue texts`).toEqual([])
  expect.soft(p.overflow, `${d.lang} ${screen}: texts cut by their box`).toEqual([])
}

/** Empties a field of the open client file (an adult's phone: the file is incomplete then). */
async function setPhone(page: Page, value: string) {
  const field = page.locator('#profile-phone')
  await field.fill(value)
  await field.blur()
}

test('two receptionists, Armenian and Russian, read, acknowledge and see the alerts live in the header’s panel', async ({
  browser,
}) => {
  test.setTimeout(150_000)
  const hy = await receptionist(browser, 'hy')
  const ru = await receptionist(browser, 'ru')
  const [first, second] = clients

  // ── nothing open: no badge; the Armenian list cannot load once (an error, in Armenian), then is empty ──
  await expectUnread(hy, 0)
  await expectUnread(ru, 0)
  const alertList = (url: URL) => url.pathname === '/api/alerts'
  await hy.page.route(alertList, (route) => route.fulfill({ status: 500, body: 'down' }))
  await hy.page.reload()
  await openPanel(hy)
  await expect(panel(hy.page).getByRole('alert')).toContainText(hy.t('alertPanel.loadFailed'))
  await check(hy, 'panel error')
  await hy.page.unroute(alertList)
  await panel(hy.page)
    .getByRole('button', { name: hy.t('alertPanel.retry') })
    .click()
  await expect(panel(hy.page).getByTestId('alerts-empty')).toHaveText(hy.t('alertPanel.empty'))
  await check(hy, 'panel empty')
  // Escape closes it and gives the focus back to the bell
  await hy.page.keyboard.press('Escape')
  await expect(panel(hy.page)).toHaveCount(0)
  await expect(bell(hy.page)).toBeFocused()
  await expect(bell(hy.page)).toHaveAttribute('aria-expanded', 'false')
  // and the keyboard opens it again
  await hy.page.keyboard.press('Enter')
  await openPanel(hy)
  await hy.page.keyboard.press('Escape')

  // the Russian receptionist keeps her list open on her workspace
  await openPanel(ru)
  await expect(panel(ru.page).getByTestId('alerts-empty')).toHaveText(ru.t('alertPanel.empty'))
  await check(ru, 'panel empty')

  // ── the Armenian receptionist empties the first client's phone: the alert opens ──
  await hy.page.goto(`/clients/${first.id}`)
  await expect(hy.page.getByTestId('save-state')).toHaveText(hy.t('common.saveState.saved'))
  await setPhone(hy.page, '')
  const incomplete = (t: Desk['t'], name: string) =>
    t('alerts.clientFileIncomplete', { client: name, problems: t('errors.clients.phoneRequired') })
  // live in the Russian list, in Russian, counted
  await expect(itemOf(ru.page, first).getByTestId('alert-text')).toHaveText(incomplete(ru.t, first.name))
  await expectUnread(ru, 1)
  // and in the Armenian one, in Armenian, with the time in the branch's zone and a link to the file
  await expectUnread(hy, 1)
  await openPanel(hy)
  const hyFirst = itemOf(hy.page, first)
  await expect(hyFirst.getByTestId('alert-text')).toHaveText(incomplete(hy.t, first.name))
  await expect(hyFirst.getByRole('link', { name: hy.t('alertPanel.open.client') })).toHaveAttribute(
    'href',
    `/clients/${first.id}`,
  )
  await expectTimeInZone(hyFirst)
  await hy.page.keyboard.press('Escape')

  // ── then the second client's: two alerts, newest first, in both lists ──
  await hy.page.goto(`/clients/${second.id}`)
  await expect(hy.page.getByTestId('save-state')).toHaveText(hy.t('common.saveState.saved'))
  await setPhone(hy.page, '')
  await expect(items(ru.page)).toHaveCount(2)
  await expect(items(ru.page).first().getByTestId('alert-text')).toHaveText(incomplete(ru.t, second.name))
  await expectUnread(ru, 2)
  await expect(panel(ru.page).getByTestId('alerts-summary')).toHaveText(ru.t('alertPanel.summary', { total: 2, unread: 2 }))
  await expectUnread(hy, 2)
  await check(ru, 'panel with two alerts')

  // ── the Russian receptionist acknowledges the first: it stays listed, read, for both ──
  const ruFirst = itemOf(ru.page, first)
  await ruFirst.getByRole('button', { name: ru.t('alertPanel.acknowledge') }).click()
  await expect(ruFirst).toHaveAttribute('data-acknowledged', 'true')
  await expect(ruFirst.getByTestId('alert-ack')).toHaveText(
    messagePattern('ru', 'alertPanel.acknowledged', ['when'], { hasName: 'yes', name: PEOPLE.ru.name }),
  )
  await expect(ruFirst.getByRole('button', { name: ru.t('alertPanel.acknowledge') })).toHaveCount(0)
  await expectUnread(ru, 1)
  // the Armenian receptionist's bell follows without a reload; her list says who acknowledged it, in Armenian
  await expectUnread(hy, 1)
  await openPanel(hy)
  await expect(items(hy.page)).toHaveCount(2)
  const hyAcked = itemOf(hy.page, first)
  await expect(hyAcked).toHaveAttribute('data-acknowledged', 'true')
  await expect(hyAcked.getByTestId('alert-ack')).toHaveText(
    messagePattern('hy', 'alertPanel.acknowledged', ['when'], { hasName: 'yes', name: PEOPLE.ru.name }),
  )
  await expect(itemOf(hy.page, second).getByRole('button', { name: hy.t('alertPanel.acknowledge') })).toBeVisible()
  await expect(panel(hy.page).getByTestId('alerts-summary')).toHaveText(hy.t('alertPanel.summary', { total: 2, unread: 1 }))
  await check(hy, 'panel after the acknowledgement')
  await check(ru, 'panel after the acknowledgement')
  await hy.page.screenshot({ path: 'docs/screenshots/alerts-panel-hy.png' })
  await ru.page.screenshot({ path: 'docs/screenshots/alerts-panel-ru.png' })

  // ── the Armenian receptionist switches to English: the open panel reads English at once ──
  await picker(hy.page).selectOption('en')
  await expect(hy.page.locator('html')).toHaveAttribute('lang', 'en')
  const en: Desk = { ...hy, lang: 'en', t: translatorFor('en').t }
  await openPanel(en)
  await expect(itemOf(en.page, first).getByTestId('alert-text')).toHaveText(incomplete(en.t, first.name))
  await expect(itemOf(en.page, first).getByTestId('alert-ack')).toHaveText(
    messagePattern('en', 'alertPanel.acknowledged', ['when'], { hasName: 'yes', name: PEOPLE.ru.name }),
  )
  await expectUnread(en, 1)
  await check(en, 'panel in English')
  await en.page.screenshot({ path: 'docs/screenshots/alerts-panel-en.png' })

  // ── the first file complete again: its alert closes and leaves both lists; the other stays unread ──
  await en.page.keyboard.press('Escape')
  await en.page.goto(`/clients/${first.id}`)
  await expect(en.page.getByTestId('save-state')).toHaveText(en.t('common.saveState.saved'))
  await setPhone(en.page, first.phone)
  await expect(itemOf(ru.page, first)).toHaveCount(0)
  await expect(items(ru.page)).toHaveCount(1)
  await expectUnread(ru, 1)
  await openPanel(en)
  await expect(items(en.page)).toHaveCount(1)
  await expect(itemOf(en.page, second)).toHaveAttribute('data-acknowledged', 'false')

  // the link takes her to the file, and the panel closes
  await itemOf(en.page, second)
    .getByRole('link', { name: en.t('alertPanel.open.client') })
    .click()
  await expect(en.page).toHaveURL(new RegExp(`/clients/${second.id}$`))
  await expect(panel(en.page)).toHaveCount(0)
  await setPhone(en.page, second.phone)
  await expectUnread(ru, 0)
  await expect(panel(ru.page).getByTestId('alerts-empty')).toHaveText(ru.t('alertPanel.empty'))

  // ── on a phone-sized screen the panel fits the screen's width ──
  await en.page.setViewportSize({ width: 390, height: 780 })
  await setPhone(en.page, '')
  await openPanel(en)
  await expect(items(en.page)).toHaveCount(1)
  const box = (await panel(en.page).boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(390)
  await check(en, 'panel on a narrow screen')
  await en.page.screenshot({ path: 'test-results/screens/alerts-panel-narrow.png' })
  await hy.context.close()
  await ru.context.close()
})

/** The alert's time is shown in its branch's time zone (its `<time datetime>` read there; 24-hour in every language). */
async function expectTimeInZone(item: Locator) {
  const time = item.locator('time')
  const iso = (await time.getAttribute('datetime'))!
  const when = new Date(iso)
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  // today in the branch: the time alone (24-hour, the same digits in every language)
  await expect(time).toContainText(fmt.format(when))
}
