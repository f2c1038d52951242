import { addDays, isoWeekOf, mondayOf } from '../../domain/docs/timetable-week'
import { formatWeekday } from '../../domain/i18n/format'
import { formatDateEntry } from '../../domain/i18n/date-entry'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import type { APIRequestContext } from '@playwright/test'
import { expect, test } from './fixtures'
import { LANGS, createStaffAccount, overflowing, picker, shownText } from './languages-support'
import { PASSWORD } from './support'
import { block, centralToday, grid, gridReady } from './timetable-support'

/**
 * The timetable in Armenian, Russian and English: the week grid, a lesson's panel with its
 * attendance, a cancelled lesson with its reason, and the Generate dialog with the clashes it
 * found follow the account menu's language at once (the open page re-renders, no reload, the week
 * stays live), show no message id instead of a text and no English the server wrote, name the
 * weekdays and count the roster in the language, overflow no header, button, label or cell;
 * screenshots for people to look at (docs/screenshots/timetable-{week,lesson,generate}-<lang>.png).
 */

/** What one of these screens' message ids looks like when it shows instead of its text. */
const RAW_ID = /\b(timetable|common|alerts|collab)\.[a-zA-Z_]+(\.[a-zA-Z_]+)*\b/
/** The reason the cancelled lesson was given, as typed (never translated). */
const REASON = 'Kamo is ill'
/** How a room's double booking reads in each language (alerts.roomClash). */
const roomClashWords: Record<Locale, string> = { hy: 'կրկնակի ամրագրում', ru: 'двойное бронирование', en: 'is double-booked' }
const LOGIN = 'ani.timetable'
const SECRET = 'ani-secret-12'
/** What must not overflow its box on these screens. */
const OVERFLOW =
  'h1, h2, h3, th, td, dt, dd, [role="columnheader"], [role="cell"], [role="tab"], button, a.button, label, legend, .head .day, .when, .numbers span'

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

test.beforeAll(async ({ request }) => {
  await createStaffAccount(request, { login: LOGIN, name: 'Ani Hakobyan', password: SECRET, roles: ['receptionist'] })
})

test('the week grid, a lesson with its attendance, a cancelled lesson and the Generate dialog with clashes in Armenian, Russian and English', async ({
  page,
  request: owner,
}) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1280, height: 800 })
  expect((await page.request.post('/api/auth/login', { data: { login: LOGIN, password: SECRET } })).status()).toBe(200)
  const { branchId, today } = await centralToday(page)
  const monday = mondayOf(isoWeekOf(today))
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i))

  // a group lesson of this week with a few members: its roster is worth reading
  const lessons = (await (
    await page.request.get(`/api/lessons?branchId=${branchId}&from=${monday}&to=${addDays(monday, 6)}`)
  ).json()) as {
    items: Array<{
      id: string
      groupId: string | null
      memberCount: number | null
      status: string
      valid: boolean
      start: string | null
    }>
  }
  const lesson = lessons.items.find((l) => l.groupId && (l.memberCount ?? 0) >= 3 && l.status === 'planned' && l.valid)
  expect(lesson, 'a planned group lesson with members this week').toBeTruthy()
  const lessonId = lesson!.id

  // the owner, through the API: another lesson of this week cancelled with a reason (one the other
  // specs do not use: not today's, preferably past, else in the evening), and two groups of their
  // own booked into one room at one time in a later week, for Generate to report
  expect((await owner.post('/api/auth/login', { data: { login: 'owner', password: PASSWORD } })).status()).toBe(200)
  const others = lessons.items.filter(
    (l) => l.id !== lessonId && l.status === 'planned' && l.valid && l.start && !l.start.startsWith(today),
  ) as Array<{ id: string; start: string }>
  const cancelled =
    others.find((l) => new Date(l.start) < new Date()) ?? others.find((l) => new Date(l.start).getUTCHours() >= 15) ?? others[0]
  expect(cancelled, 'another planned lesson this week').toBeTruthy()
  expect((await owner.post(`/api/lessons/${cancelled.id}/cancel`, { data: { reason: REASON } })).status()).toBe(200)
  const clashWeek = await clashingGroups(owner, branchId, monday)

  await page.goto(`/timetable?branch=${branchId}&date=${today}&view=week`)
  await gridReady(page)

  for (const lang of LANGS) {
    const t = translatorFor(lang).t
    // the language of the account menu, applied at once to the open week (not saved to the profile:
    // the picker's PATCH is answered here, so no other screen of this user changes)
    await page.route('**/api/auth/me', (route) =>
      route.request().method() === 'PATCH' ? route.fulfill({ status: 200, json: { user: {} } }) : route.fallback(),
    )
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)

    // ── the week grid ──
    await expect(page.getByRole('heading', { level: 1, name: t('timetable.title') })).toBeVisible()
    await expect(page.getByRole('button', { name: t('timetable.toolbar.week'), exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    // "Week 48: …" (the dates after it are format.ts's, checked by its own tests)
    const weekWords = t('timetable.toolbar.weekLabel', { week: Number(isoWeekOf(today).slice(6)), from: '\u0000', to: '' })
    await expect(page.getByTestId('timetable-when')).toContainText(weekWords.split('\u0000')[0])
    // the days across the top, Monday first, named in the language
    await expect(grid(page).locator('.head .day span')).toHaveText(
      days.map((d) =>
        t('timetable.day.heading', {
          weekday: formatWeekday(new Date(`${d}T12:00:00Z`), lang, 'UTC', 'short'),
          day: Number(d.slice(8)),
        }),
      ),
    )
    await expect(page.getByLabel(t('timetable.filters.room'), { exact: true }).locator('option').first()).toHaveText(
      t('timetable.filters.allRooms'),
    )
    // the blocks describe themselves in the language (their aria-label, read by screen readers)
    await expect(block(page, lessonId)).toHaveAttribute(
      'aria-label',
      new RegExp(escapeRe(t('timetable.describe.group', { name: '' }))),
    )
    expect(await shownText(page, 'crm-timetable-page')).not.toMatch(RAW_ID)
    expect(await overflowing(page, OVERFLOW)).toEqual([])
    await page.screenshot({ path: `docs/screenshots/timetable-week-${lang}.png` })

    // ── a lesson: its panel and its attendance ──
    await grid(page).evaluate((el, id) => (el as unknown as { focusLesson(id: string): Promise<void> }).focusLesson(id), lessonId)
    await expect(block(page, lessonId)).toBeFocused()
    await page.keyboard.press('Enter')
    const panel = page.locator('crm-lesson-panel')
    await panel.getByRole('tab', { name: t('timetable.panel.attendance') }).click()
    await expect(panel.getByTestId('lesson-status')).toHaveText(t('timetable.status.planned'))
    const roster = panel.getByRole('list', { name: t('timetable.roster.label') })
    await expect(roster.getByRole('listitem').first()).toBeVisible()
    const members = await roster.getByRole('listitem').count()
    await expect(panel.getByText(t('timetable.roster.count', { count: members }), { exact: true })).toBeVisible()
    await expect(roster.getByRole('combobox', { name: t('timetable.roster.statusOf', { name: '' }) }).first()).toBeVisible()
    await expect(panel.getByRole('button', { name: t('timetable.roster.markDone') })).toBeVisible()
    expect(await shownText(page, 'crm-lesson-panel')).not.toMatch(RAW_ID)
    expect(await overflowing(page, OVERFLOW)).toEqual([])
    await page.screenshot({ path: `docs/screenshots/timetable-lesson-${lang}.png` })
    await panel.getByRole('button', { name: t('timetable.panel.close') }).click()
    await expect(panel).toHaveCount(0)

    // ── a cancelled lesson: "Cancelled: <the reason as typed>" in the language, on its block and in its panel ──
    const said = t('timetable.cancelled.reason', { reason: REASON })
    await expect(block(page, cancelled.id)).toHaveAttribute('aria-label', new RegExp(escapeRe(said)))
    await grid(page).evaluate(
      (el, id) => (el as unknown as { focusLesson(id: string): Promise<void> }).focusLesson(id),
      cancelled.id,
    )
    await page.keyboard.press('Enter')
    await expect(panel.getByTestId('cancelled')).toHaveText(said)
    const panelText = await shownText(page, 'crm-lesson-panel')
    expect(panelText).not.toMatch(RAW_ID)
    if (lang !== 'en') expect(panelText).not.toMatch(/Cancelled/)
    await panel.getByRole('button', { name: t('timetable.panel.close') }).click()
    await expect(panel).toHaveCount(0)

    // ── Generate, over a week where two groups share a room at one time ──
    await page.getByRole('button', { name: t('timetable.toolbar.generate') }).click()
    const dialog = page.locator('crm-generate-dialog')
    await expect(dialog.locator('crm-dialog[open]')).toHaveAttribute('heading', t('timetable.generate.title'))
    // (typed as people of the language write dates)
    await dialog.locator('#from').fill(formatDateEntry(clashWeek.from, lang))
    await dialog.locator('#to').fill(formatDateEntry(clashWeek.to, lang))
    await dialog.locator('#to').press('Tab')
    await dialog.getByRole('button', { name: t('timetable.generate.submit'), exact: true }).click()
    const result = dialog.getByTestId('generate-result')
    await expect(result).toBeVisible()
    await expect(result).toContainText(t('timetable.generate.skipped', { count: 2 }))
    await expect(result).toContainText(t('timetable.generate.clashList'))
    // each clash worded in the language, as the server words it for a reader of that language
    const report = (await (
      await owner.post('/api/timetable/generate', { data: { branchId, ...clashWeek }, headers: { 'accept-language': lang } })
    ).json()) as { clashes: Array<{ messageId: string; message: string }> }
    expect(report.clashes.length).toBeGreaterThanOrEqual(2)
    for (const c of report.clashes) {
      expect(c.messageId).toMatch(/^alerts\./)
      await expect(result).toContainText(c.message)
    }
    await expect(result).toContainText(roomClashWords[lang])
    expect(await shownText(page, 'crm-generate-dialog')).not.toMatch(RAW_ID)
    expect(await overflowing(page, OVERFLOW)).toEqual([])
    await page.screenshot({ path: `docs/screenshots/timetable-generate-${lang}.png` })
    // (the form's Close, not the dialog's ✕ of the same name)
    await dialog
      .locator('form')
      .getByRole('button', { name: t('common.close'), exact: true })
      .click()
    await expect(dialog.locator('crm-dialog[open]')).toHaveCount(0)
  }
})

/**
 * Two groups of the spec's own booked into one room at one time, in a week six or more weeks on
 * (no other spec looks there) that no closure touches; returns that week's Monday and Sunday.
 */
async function clashingGroups(owner: APIRequestContext, branchId: string, monday: string): Promise<{ from: string; to: string }> {
  const [groups, closures] = await Promise.all([
    owner.get(`/api/groups?branchId=${branchId}`).then((r) => r.json() as Promise<{ items: Array<Record<string, unknown>> }>),
    owner
      .get('/api/closures')
      .then((r) => r.json() as Promise<{ items: Array<{ branchId: string | null; fromDate: string; toDate: string }> }>),
  ])
  const model = groups.items[0]
  let from = addDays(monday, 42)
  const closed = (d: string) =>
    closures.items.some((c) => (c.branchId === null || c.branchId === branchId) && c.fromDate <= d && d <= c.toDate)
  while (closed(addDays(from, 2))) from = addDays(from, 7)
  const to = addDays(from, 6)
  for (const name of ['Clash check A', 'Clash check B']) {
    const res = await owner.post('/api/groups', {
      data: {
        branchId,
        activityId: model.activityId,
        name,
        teacherId: model.teacherId,
        roomId: model.roomId,
        pattern: [{ weekday: 3, start: '19:00', end: '20:00' }],
        termStart: from,
        termEnd: to,
      },
    })
    expect(res.status(), await res.text()).toBe(201)
  }
  return { from, to }
}
