import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { overflowing } from './languages-support'
import { PASSWORD, signInFast } from './support'
import { block, centralToday, gridReady } from './timetable-support'

/**
 * What a first look at the app found, each fixed and kept fixed: toasts never cover the lesson
 * panel's buttons; the lesson panel fits a 900-px-high screen and scrolls inside; a long client name
 * wraps in the client file's header; every user's timetable opens on the branch they chose last
 * (else their own); teachers' screens work at 390 and 768 px (screenshots docs/screenshots/narrow-*).
 */

/** A day of Central's demo timetable with lessons (the groups meet Monday to Thursday), from today on. */
async function busyDay(page: Page): Promise<{ branchId: string; day: string; lessonId: string }> {
  const { branchId, today } = await centralToday(page)
  for (let i = 0; i < 14; i++) {
    const d = new Date(Date.parse(`${today}T12:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10)
    const res = await page.request.get(`/api/lessons?branchId=${branchId}&from=${d}&to=${d}`)
    const items = res.ok()
      ? ((await res.json()) as { items: Array<{ id: string; status: string; groupId: string | null }> }).items
      : []
    // the lesson with the longest roster: the tallest panel
    let best: { id: string; size: number } | null = null
    for (const l of items.filter((x) => x.status !== 'cancelled' && x.groupId)) {
      const detail = (await (await page.request.get(`/api/lessons/${l.id}`)).json()) as {
        roster?: unknown[]
        lesson?: { roster?: unknown[] }
      }
      const size = (detail.roster ?? detail.lesson?.roster ?? []).length
      if (!best || size > best.size) best = { id: l.id, size }
    }
    if (best) return { branchId, day: d, lessonId: best.id }
  }
  throw new Error('no day with lessons at Central in the next two weeks')
}

/** Opens a lesson's attendance in the side panel. */
async function openAttendance(page: Page): Promise<Locator> {
  const { branchId, day, lessonId } = await busyDay(page)
  await page.goto(`/timetable?branch=${branchId}&date=${day}&view=day`)
  await gridReady(page)
  await block(page, lessonId).click()
  const panel = page.locator('crm-lesson-panel')
  await expect(panel).toBeVisible()
  await panel.getByRole('tab', { name: 'Attendance' }).click()
  await expect(panel.locator('crm-lesson-attendance .roster, crm-lesson-attendance .empty').first()).toBeVisible()
  return panel
}

const toast = (page: Page, message: string) =>
  page.evaluate((m) => window.dispatchEvent(new CustomEvent('crm-toast', { detail: { message: m, kind: 'success' } })), message)

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

for (const [width, height] of [
  [1366, 768],
  [1000, 768],
  [768, 1024],
] as const) {
  test(`toasts never cover the lesson panel's buttons (${width}×${height})`, async ({ page }) => {
    await page.setViewportSize({ width, height })
    await signInFast(page, 'manager', '/workspace')
    const panel = await openAttendance(page)
    for (let i = 0; i < 3; i++) await toast(page, `A message long enough to need most of a toast’s width (${i + 1})`)
    const toasts = page.locator('crm-toasts div')
    await expect(toasts).toHaveCount(3)
    // every button of the panel: its close button, its tabs, the roster's and the lesson's actions
    const buttons = panel.locator('button')
    const count = await buttons.count()
    expect(count).toBeGreaterThan(2)
    for (const t of await toasts.all()) {
      const tb = (await t.boundingBox())!
      for (let i = 0; i < count; i++) {
        const bb = await buttons.nth(i).boundingBox()
        if (bb) expect(overlaps(tb, bb), `a toast covers “${await buttons.nth(i).innerText()}”`).toBe(false)
      }
    }
  })
}

test('the lesson panel fits a 900-px-high screen: its header stays, the rest scrolls inside it', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await signInFast(page, 'manager', '/workspace')
  const panel = await openAttendance(page)
  const box = (await panel.boundingBox())!
  expect(box.y + box.height).toBeLessThanOrEqual(900)
  // the page itself does not scroll: the panel does
  expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight + 1)).toBe(true)
  const last = panel.locator('crm-lesson-attendance').getByRole('button').last()
  await last.scrollIntoViewIfNeeded()
  const lb = (await last.boundingBox())!
  expect(lb.y + lb.height).toBeLessThanOrEqual(box.y + box.height)
  await expect(panel.getByRole('button', { name: 'Close' })).toBeInViewport()
  await page.screenshot({ path: 'docs/screenshots/lesson-panel-900.png' })
})

test('a long client name wraps in the client file header instead of running out of it', async ({ page }) => {
  await signInFast(page, 'reception', '/workspace')
  const res = await page.request.post('/api/clients', {
    data: {
      firstName: 'Maximiliana-Josefina-Alexandrina',
      lastName: `Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh${Date.now().toString(36)}`,
      birthDate: '1990-05-01',
      phone: `+49 170 ${String(Math.floor(1e6 + Math.random() * 8.9e6))}`,
      consent: true,
      source: 'walk_in',
      guardians: [],
      confirmNotDuplicate: true,
    },
  })
  expect(res.status(), await res.text()).toBe(201)
  const { id } = (await res.json()) as { id: string }
  for (const width of [1280, 768, 390]) {
    await page.setViewportSize({ width, height: 844 })
    await page.goto(`/clients/${id}`)
    const h1 = page.locator('crm-client-header h1')
    await expect(h1).toContainText('Maximiliana')
    expect(
      await overflowing(page, 'crm-client-header h1, crm-client-header .meta, crm-client-header span'),
      `at ${width}`,
    ).toEqual([])
    const header = (await page.locator('crm-client-header').boundingBox())!
    const hb = (await h1.boundingBox())!
    expect(hb.x + hb.width).toBeLessThanOrEqual(header.x + header.width + 1)
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true)
    if (width === 390) await page.screenshot({ path: 'docs/screenshots/narrow-client-long-name-390.png' })
  }
})

test('the timetable opens on the branch each user chose last, else on their own', async ({ page, browser }) => {
  // (the manager's last branch is whatever another spec left: maybe one of its own, without rooms)
  await signInFast(page, 'manager', '/timetable')
  const picker = page.getByLabel('Branch', { exact: true })
  await expect(page.locator('crm-timetable-grid[editable]')).toBeVisible()

  // a branch without rooms (opened by its link, which is not a choice to remember): the grid says why it is empty
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
  const made = await page.request.post('/api/branches', { data: { name: `No rooms ${run}`, timezone: 'Europe/Berlin' } })
  expect(made.status(), await made.text()).toBe(201)
  const empty = ((await made.json()) as { branch: { id: string } }).branch.id
  await page.goto(`/timetable?branch=${empty}`)
  await expect(picker.locator('option:checked')).toHaveText(`No rooms ${run}`)
  await expect(page.getByTestId('no-rooms')).toHaveText(
    'This branch has no rooms yet, so there is nowhere to put a lesson. Add rooms under Branches & rooms.',
  )
  await expect(page.locator('crm-timetable-grid .head .room')).toHaveCount(0)
  await page.screenshot({ path: 'docs/screenshots/timetable-no-rooms-en.png' })

  await picker.selectOption({ label: 'Riverside' })
  await expect(page).toHaveURL(/branch=/)
  await gridReady(page)
  await expect(page.getByTestId('no-rooms')).toHaveCount(0)
  await page.goto('/workspace')
  await page.goto('/timetable')
  await expect(picker.locator('option:checked')).toHaveText('Riverside')

  // another user at the same computer opens on her own branch, not on his choice
  const other = await browser.newContext()
  const p2 = await other.newPage()
  await signInFast(p2, 'reception', '/timetable')
  await expect(p2.getByLabel('Branch', { exact: true }).locator('option:checked')).toHaveText('Central')
  await other.close()
  // and in this browser, after a sign-out and the owner's visit, the manager still finds Riverside
  // (the owner works in every branch: she opens on the one she chose last, here Central, never on his)
  expect((await page.request.post('/api/auth/login', { data: { login: 'owner', password: PASSWORD } })).status()).toBe(200)
  const { branchId: central } = await centralToday(page)
  expect((await page.request.put('/api/me/preferences', { data: { branchId: central } })).status()).toBeLessThan(300)
  await page.goto('/timetable')
  await expect(picker.locator('option:checked')).toHaveText('Central')
  expect((await page.request.post('/api/auth/login', { data: { login: 'manager', password: PASSWORD } })).status()).toBe(200)
  await page.goto('/timetable')
  await expect(picker.locator('option:checked')).toHaveText('Riverside')
})

for (const width of [390, 768]) {
  test(`a teacher's day works at ${width} px: My lessons, attendance and the client file`, async ({ page }) => {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 1024 })
    // (below 720 px "Sign out" is in the account menu: signInFast's wait does not apply)
    expect((await page.request.post('/api/auth/login', { data: { login: 'teacher', password: PASSWORD } })).status()).toBe(200)
    await page.goto('/workspace')
    const noSideScroll = () => page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    expect(await noSideScroll(), 'workspace scrolls sideways').toBe(true)
    expect(await overflowing(page, 'h1, h2, h3, button, a, label, td, th, li')).toEqual([])
    await page.screenshot({ path: `docs/screenshots/narrow-workspace-${width}.png`, fullPage: true })

    // the timetable, then the attendance of one of her lessons (from "My lessons" when it is today)
    const me = ((await (await page.request.get('/api/auth/me')).json()) as { user: { id: string } }).user
    const { branchId, today } = await centralToday(page)
    let found: { day: string; id: string; roomId: string } | null = null
    for (let i = -7; i < 14 && !found; i++) {
      const d = new Date(Date.parse(`${today}T12:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10)
      const res = await page.request.get(`/api/lessons?branchId=${branchId}&from=${d}&to=${d}&teacherId=${me.id}`)
      const items = res.ok() ? ((await res.json()) as { items: Array<{ id: string; status: string; roomId: string }> }).items : []
      const l = items.find((x) => x.status !== 'cancelled')
      if (l) found = { day: d, id: l.id, roomId: l.roomId }
    }
    expect(found, 'a lesson of the teacher in the demo weeks').not.toBeNull()
    await page.goto(`/timetable?branch=${branchId}&date=${found!.day}&view=day`)
    await expect(page.locator('crm-my-lessons')).toBeVisible()
    // a narrow grid shows the rooms on screen only: her room, by the filter; then the keyboard opens it
    await page.locator('crm-timetable-filters select#f-room').selectOption(found!.roomId)
    await block(page, found!.id).focus()
    await page.keyboard.press('Enter')
    const panel = page.locator('crm-lesson-panel')
    await expect(panel).toBeVisible()
    await panel.getByRole('tab', { name: 'Attendance' }).click()
    await expect(panel.locator('crm-lesson-attendance')).toBeVisible()
    await expect(panel).toBeInViewport()
    const pb = (await panel.boundingBox())!
    expect(pb.x).toBeGreaterThanOrEqual(0)
    expect(pb.x + pb.width).toBeLessThanOrEqual(width + 1)
    expect(await noSideScroll(), 'the timetable scrolls sideways').toBe(true)
    await page.screenshot({ path: `docs/screenshots/narrow-attendance-${width}.png` })

    // a client of the roster: the file
    const name = panel.locator('crm-lesson-attendance .roster a').first()
    if (await name.count()) await name.click()
    else await page.goto('/clients')
    if (!page.url().includes('/clients/')) {
      await page.locator('crm-client-table a, crm-data-table a').first().click()
    }
    await expect(page.locator('crm-client-header h1')).toBeVisible()
    expect(await noSideScroll(), 'the client file scrolls sideways').toBe(true)
    expect(await overflowing(page, 'h1, h2, button, label, [role=tab]')).toEqual([])
    await page.screenshot({ path: `docs/screenshots/narrow-client-file-${width}.png`, fullPage: true })
  })
}
