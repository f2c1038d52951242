import AxeBuilder from '@axe-core/playwright'
import type { APIRequestContext, Browser, Page } from '@playwright/test'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { LANGS, picker } from './languages-support'
import { languageProblems } from './morning-support'
import { openDialog, signIn } from './support'

/**
 * Issue #17: running the center from its screens. A manager sets up a new activity (with its
 * norms), a room and a group, and generates its lessons; a receptionist enrols three children from
 * the waiting list after a member leaves (acting from the freed place's alert); a manager declares a
 * closure, sees the lessons it cancels before confirming and the make-up credits given after. Each
 * ends with screenshots in hy, ru and en (docs/screenshots/setup-*.png), and the screens pass an
 * accessibility check (no serious or critical violations).
 *
 * The branch, its staff and clients are the spec's own (made afresh each run): the demo's are
 * shared with specs that read English and count lessons.
 */

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
const BRANCH = `Setup ${run}`
const PASSWORD = 'setup-secret-123'
const MANAGER = { login: `mgr.setup.${run}`, name: 'Nora Setup', roles: ['manager'] }
const RECEPTION = { login: `desk.setup.${run}`, name: 'Dana Desk', roles: ['receptionist'] }
const TEACHER = { login: `teach.setup.${run}`, name: `Tina Teacher ${run}`, roles: ['teacher'] }
let branchId = ''
let teacherId = ''
let roomId = ''

test.describe.configure({ mode: 'serial' })

async function api(request: APIRequestContext, method: 'get' | 'post' | 'patch' | 'delete', url: string, data?: unknown) {
  const res = await request[method](url, data === undefined ? undefined : { data })
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300)
  return res.status() === 204 ? null : ((await res.json()) as Record<string, any>)
}

test.beforeAll(async ({ request }) => {
  await api(request, 'post', '/api/auth/login', { login: 'owner', password: 'clubroom' })
  branchId = (await api(request, 'post', '/api/branches', { name: BRANCH, timezone: 'Europe/Berlin' }))!.branch.id
  for (const p of [MANAGER, RECEPTION, TEACHER]) {
    const made = await api(request, 'post', '/api/users', {
      ...p,
      password: PASSWORD,
      branchIds: p === MANAGER ? [] : [branchId],
    })
    if (p === TEACHER) teacherId = made!.user?.id ?? made!.id
  }
  roomId = (await api(request, 'post', '/api/rooms', { branchId, name: `Hall ${run}`, capacity: 12 }))!.room.id
})

/** A staff member's own browser, signed in and reading `lang`. */
async function signedIn(browser: Browser, who: { login: string }, lang: Locale = 'en') {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
  const page = await context.newPage()
  expect((await page.request.post('/api/auth/login', { data: { login: who.login, password: PASSWORD } })).status()).toBe(200)
  expect((await page.request.patch('/api/auth/me', { data: { locale: lang } })).status()).toBe(200)
  return { context, page }
}

/** Clients of the spec's branch (children with a phone), by name. */
async function makeClients(request: APIRequestContext, names: string[]) {
  const out: Array<{ id: string; name: string }> = []
  for (const [i, first] of names.entries()) {
    const last = `Kid${run}`
    const res = await api(request, 'post', '/api/clients', {
      firstName: first,
      lastName: last,
      birthDate: `2016-0${(i % 9) + 1}-1${i % 10}`,
      guardians: [
        {
          name: `Parent ${first} ${last}`,
          relation: 'mother',
          phone: `+49 171 ${String(1000000 + Math.floor(Math.random() * 8999999))}`,
          canPickUp: true,
        },
      ],
      consent: true,
      confirmNotDuplicate: true,
      branchId,
    })
    out.push({ id: res!.id as string, name: `${first} ${last}` })
  }
  return out
}

/** No serious or critical accessibility violation on what the page shows now. */
async function expectAccessible(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).analyze()
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(bad, `${what}: accessibility`).toEqual([])
}

/** Nothing untranslated, no message ids, nothing cut on the page in `lang`. */
async function expectWordedIn(page: Page, lang: Locale, what: string) {
  const p = await languageProblems(page, lang)
  expect.soft(p.rawIds, `${lang} ${what}: message ids`).toEqual([])
  if (lang !== 'en') expect.soft(p.english, `${lang} ${what}: English texts`).toEqual([])
  expect.soft(p.overflow, `${lang} ${what}: cut texts`).toEqual([])
}

async function switchTo(page: Page, lang: Locale) {
  await picker(page).selectOption(lang)
  await expect(page.locator('html')).toHaveAttribute('lang', lang)
}

const isoPlus = (days: number) => {
  const d = new Date()
  d.setDate(d.getDate() + days)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

test('a manager sets up a new activity, a room and a group, and generates its lessons', async ({ browser }) => {
  test.setTimeout(360_000)
  const { context, page } = await signedIn(browser, MANAGER)
  const t = translatorFor('en').t
  const activity = `Pottery ${run}`
  const room = `Clay Studio ${run}`
  const group = `Pottery Tuesdays ${run}`

  // the activity with its norms
  await page.goto('/catalogue')
  await expect(page.getByRole('heading', { level: 1, name: t('setup.catalogue.title') })).toBeVisible()
  await page
    .getByRole('button', { name: t('setup.catalogue.new') })
    .first()
    .click()
  const dialog = openDialog(page)
  await dialog.getByLabel(t('setup.activity.name'), { exact: true }).fill(activity)
  await dialog.getByLabel(t('setup.activity.type'), { exact: true }).selectOption('club')
  await dialog.getByLabel(t('setup.activity.category')).selectOption('art')
  await dialog.getByLabel(t('setup.activity.duration')).fill('90')
  await dialog.getByLabel(t('setup.activity.maxGroup')).fill('8')
  await dialog.getByLabel(t('setup.activity.ageMin')).fill('7')
  await dialog.getByLabel(t('setup.activity.ageMax')).fill('12')
  await dialog.getByLabel(t('setup.activity.staffRatio')).fill('8')
  await dialog.getByLabel(t('setup.activity.price')).fill('18.50')
  await dialog.getByLabel(t('setup.activity.roomRequirements')).fill('A sink and a kiln')
  await dialog.getByLabel(t('setup.activity.consumables')).fill('Clay; 0.5; kg\nGlaze; 50; ml')
  await dialog.getByLabel(t('setup.activity.safetyNotes')).fill('Aprons on; hands washed after')
  await expectAccessible(page, 'activity dialog')
  await dialog.getByRole('button', { name: t('common.save') }).click()
  await expect(dialog).toHaveCount(0)
  const row = page.locator(`[data-activity="${activity}"]`)
  await expect(row).toContainText(t('setup.type.club'))
  await expect(row).toContainText('7–12')
  // search and the type filter find it
  await page.getByLabel(t('setup.list.search')).fill(`pottery ${run}`)
  await expect(page.locator('[data-activity]')).toHaveCount(1)
  await page.getByLabel(t('setup.catalogue.type')).selectOption('party')
  await expect(page.locator('[data-activity]')).toHaveCount(0)
  await page.getByLabel(t('setup.catalogue.type')).selectOption('')
  await expectAccessible(page, 'catalogue')

  // a room in the spec's branch
  await page.goto('/branches')
  const branchCard = page.getByRole('region', { name: BRANCH })
  await branchCard.getByRole('button', { name: t('branches.branch.addRoomLabel', { name: BRANCH }) }).click()
  await dialog.getByLabel(t('branches.dialog.name')).fill(room)
  await dialog.getByLabel(t('branches.dialog.capacity')).fill('10')
  await dialog.getByLabel(t('branches.dialog.hourlyCost')).fill('20')
  await dialog.getByLabel(t('branches.dialog.equipment')).fill('kiln, wheels')
  await dialog.getByRole('button', { name: t('common.save') }).click()
  await expect(dialog).toHaveCount(0)
  await expect(branchCard.locator(`[data-room="${room}"]`)).toContainText('kiln, wheels')
  await expect(branchCard.locator(`[data-room="${room}"]`)).toContainText(t('setup.rooms.bookableYes'))
  await expectAccessible(page, 'branches and rooms')

  // the group: activity, teacher, room, Tuesdays and Fridays, this term
  await page.goto(`/groups?branch=${branchId}`)
  await expect(page.getByText(t('setup.groups.empty', { branch: BRANCH }))).toBeVisible()
  await page
    .getByRole('button', { name: t('setup.groups.new') })
    .first()
    .click()
  await dialog.getByLabel(t('setup.groupDialog.name')).fill(group)
  await dialog.getByLabel(t('setup.groupDialog.activity')).selectOption({ label: activity })
  await dialog.getByLabel(t('setup.groupDialog.teacher')).selectOption({ label: TEACHER.name })
  await dialog
    .getByLabel(t('setup.groupDialog.room'))
    .selectOption({ label: t('setup.groupDialog.roomOption', { name: room, capacity: 10 }) })
  await dialog.locator('#weekday-0').selectOption('2')
  await dialog.locator('#start-0').fill('15:00')
  await dialog.locator('#start-0').press('Tab')
  // the end follows the activity's 90 minutes
  await expect(dialog.locator('#end-0')).toHaveValue('16:30')
  await dialog.getByRole('button', { name: t('setup.groupDialog.addSlot') }).click()
  await dialog.locator('#weekday-1').selectOption('5')
  await expectAccessible(page, 'group dialog')
  await dialog.getByRole('button', { name: t('common.save') }).click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1, name: group })).toBeVisible()
  await expect(page.getByText(t('setup.group.noMembers'))).toBeVisible()

  // its lessons: the next four weeks
  await page.getByRole('button', { name: t('setup.group.generate') }).click()
  await dialog.getByRole('button', { name: t('timetable.generate.submit') }).click()
  const result = page.getByTestId('generate-result')
  await expect(result).toBeVisible()
  const created = Number((await result.locator('strong').first().innerText()).replace(/\D/g, ''))
  // the Tuesdays and Fridays of the four weeks the dialog offers, less the center's holidays (the
  // demo's winter break falls in them in December)
  const closures = (
    (await (await page.request.get('/api/closures')).json()) as {
      items: Array<{ branchId: string | null; fromDate: string; toDate: string }>
    }
  ).items.filter((c) => c.branchId === null || c.branchId === branchId)
  const open = Array.from({ length: 28 }, (_, i) => isoPlus(i)).filter(
    (day) =>
      [2, 5].includes(new Date(`${day}T12:00:00Z`).getUTCDay()) && !closures.some((c) => c.fromDate <= day && day <= c.toDate),
  )
  expect(created).toBe(open.length)
  await dialog.getByText(t('common.close'), { exact: true }).click()
  const lessons = (await (
    await page.request.get(`/api/lessons?branchId=${branchId}&from=${isoPlus(0)}&to=${isoPlus(27)}`)
  ).json()) as {
    items: Array<{ groupId: string; start: string }>
  }
  expect(lessons.items.length).toBe(created)
  await expectAccessible(page, 'group page')

  // the group list lists it; then each screen in each language
  await page.getByRole('link', { name: t('setup.group.back') }).click()
  await expect(page.locator(`[data-group="${group}"]`)).toBeVisible()
  for (const lang of LANGS) {
    await switchTo(page, lang)
    await page.goto('/catalogue')
    await page.getByLabel(translatorFor(lang).t('setup.list.search')).fill(run)
    await expect(page.locator(`[data-activity="${activity}"]`)).toBeVisible()
    await expectWordedIn(page, lang, 'catalogue')
    await page.screenshot({ path: `docs/screenshots/setup-catalogue-${lang}.png` })
    await page.goto(`/groups?branch=${branchId}`)
    await page.locator(`[data-group="${group}"] a`).click()
    await expect(page.getByRole('heading', { level: 1, name: group })).toBeVisible()
    await expectWordedIn(page, lang, 'group page')
    await page.screenshot({ path: `docs/screenshots/setup-group-${lang}.png` })
  }
  await context.close()
})

test('a receptionist enrols three children from the waiting list after a member leaves', async ({ browser, request }) => {
  test.setTimeout(360_000)
  await api(request, 'post', '/api/auth/login', { login: MANAGER.login, password: PASSWORD })
  const activityId = ((await api(request, 'get', '/api/activities'))!.items as Array<{ id: string; name: string }>).find(
    (a) => a.name === 'Robotics',
  )!.id
  const group = (await api(request, 'post', '/api/groups', {
    branchId,
    activityId,
    name: `Robots ${run}`,
    teacherId,
    roomId,
    pattern: [{ weekday: 6, start: '10:00', end: '11:00' }],
    termStart: isoPlus(0),
    termEnd: isoPlus(90),
    capacity: 3,
  }))!.group as { id: string }
  const kids = await makeClients(request, ['Ani', 'Boris', 'Carl', 'Dora', 'Emil', 'Fay'])
  const [leaving, stay1, stay2, ...waiting] = kids
  for (const k of [leaving, stay1, stay2]) await api(request, 'post', `/api/groups/${group.id}/members`, { clientId: k.id })
  for (const k of waiting) await api(request, 'post', `/api/groups/${group.id}/waiting`, { clientId: k.id })

  const { context, page } = await signedIn(browser, RECEPTION)
  const t = translatorFor('en').t
  await page.goto(`/groups/${group.id}`)
  await expect(page.getByRole('heading', { level: 2, name: t('setup.group.waiting', { count: 3 }) })).toBeVisible()
  // the group is full: nobody can be enrolled or offered a place yet
  await expect(page.getByRole('button', { name: t('setup.group.offerLabel', { name: waiting[0].name }) })).toHaveCount(0)

  // a member leaves
  await page.getByRole('button', { name: t('setup.group.removeLabel', { name: leaving.name }) }).click()
  await openDialog(page)
    .getByRole('button', { name: t('setup.group.remove') })
    .click()
  await expect(page.locator(`[data-member="${leaving.name}"]`)).toHaveCount(0)

  // the freed place is offered to the first waiting: the receptionist acts from the alert
  await page.goto('/workspace')
  await page.getByTestId('alerts-button').click()
  const alert = page.getByTestId('alerts-panel').getByTestId('alert-item').filter({ hasText: waiting[0].name })
  await expect(alert).toBeVisible()
  await alert.getByRole('link', { name: t('setup.alert.openWaitingList') }).click()
  await expect(page).toHaveURL(new RegExp(`/groups/${group.id}\\?waiting=`))
  await expect(page.locator(`[data-waiting="${waiting[0].name}"]`)).toContainText(t('setup.group.offered'))
  await expect(page.locator('#waiting')).toBeFocused()
  await expectAccessible(page, 'waiting list')
  await page.screenshot({ path: 'docs/screenshots/setup-waiting-offer-en.png' })
  await page.getByRole('button', { name: t('setup.group.enrolLabel', { name: waiting[0].name }) }).click()
  await expect(page.locator(`[data-member="${waiting[0].name}"]`)).toBeVisible()

  // two more places: the capacity goes up to five, and the next two are enrolled in order
  await page.getByRole('button', { name: t('setup.group.edit') }).click()
  await openDialog(page).getByLabel(t('setup.groupDialog.capacity')).fill('5')
  await openDialog(page)
    .getByRole('button', { name: t('common.save') })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: t('setup.group.members', { count: 3, capacity: 5 }) })).toBeVisible()
  for (const k of waiting.slice(1)) {
    await page.getByRole('button', { name: t('setup.group.enrolLabel', { name: k.name }) }).click()
    await expect(page.locator(`[data-member="${k.name}"]`)).toBeVisible()
  }
  await expect(page.getByRole('heading', { level: 2, name: t('setup.group.members', { count: 5, capacity: 5 }) })).toBeVisible()
  await expect(page.getByText(t('setup.group.noWaiting'))).toBeVisible()
  // the offer's alert is gone; the one who left is kept in the history
  const members = (await (await page.request.get(`/api/groups/${group.id}`)).json()) as {
    group: { members: Array<{ clientId: string }> }
  }
  expect(members.group.members.map((m) => m.clientId).sort()).toEqual([stay1, stay2, ...waiting].map((k) => k.id).sort())

  // the toasts of what was done have had their say
  await page.reload()
  for (const lang of LANGS) {
    await switchTo(page, lang)
    await expect(
      page.getByRole('heading', { level: 2, name: translatorFor(lang).t('setup.group.members', { count: 5, capacity: 5 }) }),
    ).toBeVisible()
    await expectWordedIn(page, lang, 'roster')
    await page.screenshot({ path: `docs/screenshots/setup-enrolled-${lang}.png` })
  }
  await context.close()
})

test('every user opens on their own branch, remembered per user across browsers', async ({ browser, request }) => {
  test.setTimeout(180_000)
  await api(request, 'post', '/api/auth/login', { login: 'owner', password: 'clubroom' })
  const branches = (await api(request, 'get', '/api/branches'))!.items as Array<{ id: string; name: string }>
  const riverside = branches.find((b) => b.name === 'Riverside')!
  const t = translatorFor('en').t
  const branchPicker = (page: Page) => page.getByLabel(t('timetable.toolbar.branch'))

  // reception2 works at Riverside: a fresh browser opens the timetable there, not on the first branch
  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } })
  const deskPage = await desk.newPage()
  await signIn(deskPage, 'reception2', 'clubroom', '/timetable')
  await expect(branchPicker(deskPage)).toHaveValue(riverside.id)
  await desk.close()

  // the spec's manager (every branch) opens on the first, switches to the spec's branch and signs out
  const first = await browser.newContext({ viewport: { width: 1366, height: 900 } })
  const page = await first.newPage()
  await signIn(page, MANAGER.login, PASSWORD, '/timetable')
  await expect(branchPicker(page)).not.toHaveValue(branchId)
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/preferences') && r.request().method() === 'PUT')
  await branchPicker(page).selectOption(branchId)
  expect((await saved).status()).toBe(200)
  await expect(page).toHaveURL(new RegExp(`branch=${branchId}`))
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByLabel('Login')).toBeVisible()
  await first.close()

  // another browser (nothing kept in it): signed in, the timetable opens on the branch they chose
  const second = await browser.newContext({ viewport: { width: 1366, height: 900 } })
  const again = await second.newPage()
  await signIn(again, MANAGER.login, PASSWORD, '/timetable')
  await expect(branchPicker(again)).toHaveValue(branchId)
  expect(await again.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('clubroom.branch.')))).toEqual([])
  await second.close()
})

test('a receptionist puts the waiting list in order with the keyboard; the freed place goes to the new first', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000)
  await api(request, 'post', '/api/auth/login', { login: MANAGER.login, password: PASSWORD })
  const activityId = ((await api(request, 'get', '/api/activities'))!.items as Array<{ id: string; name: string }>).find(
    (a) => a.name === 'Robotics',
  )!.id
  const group = (await api(request, 'post', '/api/groups', {
    branchId,
    activityId,
    name: `Order ${run}`,
    teacherId,
    roomId,
    pattern: [{ weekday: 3, start: '15:00', end: '16:00' }],
    termStart: isoPlus(0),
    termEnd: isoPlus(90),
    capacity: 1,
  }))!.group as { id: string }
  const [member, ...waiting] = await makeClients(request, ['Gor', 'Hasmik', 'Irina', 'Jack'])
  await api(request, 'post', `/api/groups/${group.id}/members`, { clientId: member.id })
  for (const k of waiting) await api(request, 'post', `/api/groups/${group.id}/waiting`, { clientId: k.id })
  const [hasmik, irina, jack] = waiting

  const { context, page } = await signedIn(browser, RECEPTION)
  const t = translatorFor('en').t
  const order = () => page.locator('[data-waiting]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-waiting')))
  await page.goto(`/groups/${group.id}`)
  await expect.poll(order).toEqual([hasmik.name, irina.name, jack.name])
  // the first cannot go up, the last cannot go down
  await expect(page.getByRole('button', { name: t('setup.group.moveUpLabel', { name: hasmik.name }) })).toBeDisabled()
  await expect(page.getByRole('button', { name: t('setup.group.moveDownLabel', { name: jack.name }) })).toBeDisabled()

  // Jack goes up twice from the keyboard; focus stays on his buttons
  const jackUp = page.getByRole('button', { name: t('setup.group.moveUpLabel', { name: jack.name }) })
  await jackUp.focus()
  await page.keyboard.press('Enter')
  await expect.poll(order).toEqual([hasmik.name, jack.name, irina.name])
  await expect(jackUp).toBeFocused()
  await page.keyboard.press('Enter')
  await expect.poll(order).toEqual([jack.name, hasmik.name, irina.name])
  // at the top: the focus went to his other button
  await expect(page.getByRole('button', { name: t('setup.group.moveDownLabel', { name: jack.name }) })).toBeFocused()
  // Hasmik goes down with the keyboard too (Space)
  await page.getByRole('button', { name: t('setup.group.moveDownLabel', { name: hasmik.name }) }).focus()
  await page.keyboard.press('Space')
  await expect.poll(order).toEqual([jack.name, irina.name, hasmik.name])
  await expectAccessible(page, 'waiting list order')

  // the member leaves: the place is offered to Jack, now first
  await page.getByRole('button', { name: t('setup.group.removeLabel', { name: member.name }) }).click()
  await openDialog(page)
    .getByRole('button', { name: t('setup.group.remove') })
    .click()
  await expect(page.locator(`[data-waiting="${jack.name}"]`)).toContainText(t('setup.group.offered'))
  await expect(page.locator(`[data-waiting="${irina.name}"]`)).not.toContainText(t('setup.group.offered'))

  // the toasts of what was done have had their say
  await page.reload()
  for (const lang of LANGS) {
    await switchTo(page, lang)
    await expect(
      page.getByRole('heading', { level: 2, name: translatorFor(lang).t('setup.group.waiting', { count: 3 }) }),
    ).toBeVisible()
    await expectWordedIn(page, lang, 'waiting order')
    await page.locator('#waiting').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `docs/screenshots/setup-waiting-order-${lang}.png` })
  }
  await context.close()
})

test('a manager declares a closure, sees the lessons it cancels, then the make-up credits given', async ({
  browser,
  request,
}) => {
  test.setTimeout(360_000)
  await api(request, 'post', '/api/auth/login', { login: MANAGER.login, password: PASSWORD })
  const activityId = ((await api(request, 'get', '/api/activities'))!.items as Array<{ id: string; name: string }>).find(
    (a) => a.name === 'Robotics',
  )!.id
  const group = (await api(request, 'post', '/api/groups', {
    branchId,
    activityId,
    name: `Closure robots ${run}`,
    teacherId,
    roomId,
    // every day: each week of closure holds seven lessons
    pattern: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '09:00' })),
    termStart: isoPlus(0),
    termEnd: isoPlus(60),
  }))!.group as { id: string }
  const kids = await makeClients(request, ['Gor', 'Hana'])
  for (const k of kids) await api(request, 'post', `/api/groups/${group.id}/members`, { clientId: k.id })
  await api(request, 'post', '/api/timetable/generate', { branchId, from: isoPlus(1), to: isoPlus(58) })
  // two days of the branch per language, each on its own week and clear of the center's holidays
  // (the demo's winter break covers the second half of December): the group meets on both
  const holidays = (
    (await api(request, 'get', '/api/closures'))!.items as Array<{ branchId: string | null; fromDate: string; toDate: string }>
  ).filter((c) => c.branchId === null || c.branchId === branchId)
  const open = (day: string) => !holidays.some((c) => c.fromDate <= day && day <= c.toDate)
  const windows: Array<[string, string]> = []
  // from its week on (the 2nd, 9th, 16th day from now), the first two open days in a row
  for (let d = 2; windows.length < LANGS.length && d < 56; d++) {
    if (d < 2 + 7 * windows.length || !open(isoPlus(d)) || !open(isoPlus(d + 1))) continue
    windows.push([isoPlus(d), isoPlus(d + 1)])
    d++ // the next window starts after this one's second day
  }
  expect(windows).toHaveLength(LANGS.length)

  const { context, page } = await signedIn(browser, MANAGER)
  await page.goto('/closures')
  for (const [i, lang] of LANGS.entries()) {
    const t = translatorFor(lang).t
    await switchTo(page, lang)
    // one window of the branch per language (the other branches' lessons are not touched)
    const [from, to] = windows[i]
    // the groups of the branch's other tests may meet those days too: the preview says how many
    const expected = (await (
      await page.request.get(`/api/closures/preview?branchId=${branchId}&fromDate=${from}&toDate=${to}`)
    ).json()) as {
      items: Array<{ groupId: string; memberCount: number }>
      makeUpCredits: number
    }
    expect(expected.items.filter((l) => l.groupId === group.id)).toHaveLength(2)
    await page
      .getByRole('button', { name: t('setup.closures.new') })
      .first()
      .click()
    const dialog = openDialog(page)
    await dialog.getByLabel(t('setup.closure.name')).fill(`Heating repairs ${lang} ${run}`)
    await dialog.getByLabel(t('setup.closure.where')).selectOption({ label: BRANCH })
    await dialog.locator('#fromDate').fill(from.split('-').reverse().join('.'))
    await dialog.locator('#fromDate').press('Tab')
    await dialog.locator('#toDate').fill(to.split('-').reverse().join('.'))
    await dialog.locator('#toDate').press('Tab')
    await dialog.getByRole('button', { name: t('setup.closure.preview') }).click()
    const preview = page.getByTestId('closure-preview')
    await expect(preview).toContainText(t('setup.closure.toCancelCount', { count: expected.items.length }))
    await expect(dialog.getByRole('row')).toHaveCount(expected.items.length + 1)
    await expect(preview).toContainText(String(expected.makeUpCredits))
    if (lang === 'en') await expectAccessible(page, 'closure preview')
    await dialog.getByRole('button', { name: t('setup.closure.confirmCancel', { count: expected.items.length }) }).click()
    const done = page.getByTestId('closure-done')
    await expect(done).toContainText(t('setup.closure.cancelledCount', { count: expected.items.length }))
    await expect(done).toContainText(t('setup.closure.creditsGiven', { count: expected.makeUpCredits }))
    await expectWordedIn(page, lang, 'closure done')
    await page.screenshot({ path: `docs/screenshots/setup-closure-${lang}.png` })
    await dialog.getByText(t('common.close'), { exact: true }).click()
    await expect(page.locator(`[data-closure="Heating repairs ${lang} ${run}"]`)).toBeVisible()
    // the lessons are cancelled, with the closure's name as their reason
    const after = (await (await page.request.get(`/api/lessons?branchId=${branchId}&from=${from}&to=${to}`)).json()) as {
      items: Array<{ groupId: string; status: string; cancelReason: string | null; start: string }>
    }
    const ours = after.items.filter((l) => l.groupId === group.id)
    expect(ours.map((l) => [l.status, l.cancelReason])).toEqual(ours.map(() => ['cancelled', `Heating repairs ${lang} ${run}`]))
  }
  await expectAccessible(page, 'closures')
  await context.close()
})
