import { type Page, expect, test } from './fixtures'
import { NAMES, shot } from './support'
import {
  block,
  centralToday,
  createFromPanel,
  dragLesson,
  drawLesson,
  gridReady,
  hhmm,
  nowMinutes,
  personPage,
  lateHours,
  todaysLessons,
} from './timetable-support'

/** One second, as promised to receptionists: an edit shows on the other screen within it. */
const LIVE_MS = 1_000

/**
 * The second as this machine gives it now: a fixed loop takes ~10 ms on an idle core; when the
 * machine is busy (other test suites, benchmarks) everything, the browsers included, runs that much
 * slower, and so may the live edits. One second on a quiet machine, never less.
 */
async function liveBudget(page: Page): Promise<number> {
  const loop = await page.evaluate(() => {
    const t = performance.now()
    let x = 0
    for (let i = 0; i < 1e7; i++) x += i
    return performance.now() - t + (x < 0 ? 1 : 0)
  })
  return Math.round(LIVE_MS * Math.min(10, Math.max(1, loop / 10)))
}

interface Slot {
  roomName: string
  /** Minutes after midnight; [start, start + 3h) is free in that room today. */
  start: number
}

/**
 * A room and hour with nothing booked today for three hours (the demo data may hold lessons):
 * `early` looks from 09:00 up, `late` from 19:00 down, so that parallel tests stay apart.
 */
async function freeSlot(
  page: Page,
  branchId: string,
  today: string,
  timeZone: string,
  prefer: 'early' | 'late',
  alsoFree?: [number, number],
): Promise<Slot> {
  // the two tests run in parallel on one server: they start from different rooms (the left ones, away from the toasts)
  const rooms = (
    (await (await page.request.get(`/api/rooms?branchId=${branchId}`)).json()) as { items: Array<{ id: string; name: string }> }
  ).items
  const lessons = await todaysLessons(page, branchId, today, timeZone)
  const hours = prefer === 'early' ? [9, 10, 11, 12, 13] : lateHours(today)
  const order = prefer === 'early' ? rooms : [...rooms.slice(1), rooms[0]]
  const busy = (roomId: string, from: number, to: number) =>
    lessons.some((l) => l.roomId === roomId && l.from < to && l.to > from)
  for (const h of hours) {
    for (const room of order) {
      if (!busy(room.id, h * 60, (h + 3) * 60) && (!alsoFree || !busy(room.id, alsoFree[0], alsoFree[1])))
        return { roomName: room.name, start: h * 60 }
    }
  }
  throw new Error('no free slot in Central today')
}

test('a receptionist and the manager edit one week live: a lesson created and moved shows on the other screen within a second, with presence; a clash turns red on both', async ({
  browser,
}) => {
  test.setTimeout(120_000) // two people, several round trips; a busy machine needs the room
  const { ctx: ctxA, page: a } = await personPage(browser, 'reception', '/timetable')
  const { branchId, today, timeZone } = await centralToday(a)
  const url = `/timetable?branch=${branchId}&date=${today}&view=day`
  await a.goto(url)
  // (reception2 works at Riverside: Central's week is not hers to open; the manager spans every branch)
  const { ctx: ctxB, page: b } = await personPage(browser, 'manager', url)
  await gridReady(a)
  await gridReady(b)

  // both see who is on the week (others may be on it too: the tests run in parallel)
  await expect(a.getByTestId('presence')).toHaveAttribute(
    'aria-label',
    new RegExp(`${NAMES.reception} \\(you\\).*${NAMES.manager}`),
  )
  await expect(b.getByTestId('presence')).toHaveAttribute(
    'aria-label',
    new RegExp(`${NAMES.manager} \\(you\\).*${NAMES.reception}`),
  )

  const slot = await freeSlot(a, branchId, today, timeZone, 'late')
  let live = await liveBudget(b)
  // A draws a lesson over empty time and fills in the side panel
  await drawLesson(a, slot.roomName, slot.start, slot.start + 60)
  const id = await createFromPanel(a, { teacher: 'Maria Lopez' })
  let t0 = Date.now()
  await expect(block(b, id)).toBeVisible({ timeout: live })
  const createdMs = Date.now() - t0
  // …with A's presence: A has it selected, B sees it outlined in A's colour
  await expect(block(b, id)).toHaveAttribute('data-remote', NAMES.reception, { timeout: live })
  await expect(block(b, id)).toHaveAttribute('aria-label', span(slot.start, slot.start + 60))

  // A moves it an hour later; while A is still dragging, B sees where it is going
  await dragLesson(a, id, 60, undefined, async () => {
    // (the other test may have a ghost of its own on this day: look for this one)
    await expect(b.getByTestId('remote-ghost').filter({ hasText: `${NAMES.reception}: ${hhmm(slot.start + 60)}–` })).toBeVisible({
      timeout: live,
    })
  })
  // A's own screen has it there once the drag is let go (the edit is made); B within the second
  await expect(block(a, id)).toHaveAttribute('aria-label', span(slot.start + 60, slot.start + 120))
  t0 = Date.now()
  await expect(block(b, id)).toHaveAttribute('aria-label', span(slot.start + 60, slot.start + 120), { timeout: live })
  const movedMs = Date.now() - t0
  console.log(
    `live: created → other screen ${createdMs} ms, moved → other screen ${movedMs} ms (allowed ${live} ms on this machine now)`,
  )

  // B books the hour after it in the same room, then drags its lesson onto A's: a room clash, outlined red on both screens
  await drawLesson(b, slot.roomName, slot.start + 120, slot.start + 180)
  const other = await createFromPanel(b, { teacher: 'Yuki Tanaka' })
  live = await liveBudget(a)
  await expect(block(a, other)).toBeVisible({ timeout: live })
  await dragLesson(b, other, -60)
  await expect(block(b, other)).toHaveAttribute('aria-label', span(slot.start + 60, slot.start + 120))
  await expect(block(a, other)).toHaveAttribute('aria-label', span(slot.start + 60, slot.start + 120), { timeout: live })
  for (const p of [a, b]) {
    for (const lesson of [id, other]) {
      await expect(block(p, lesson)).toHaveClass(/\bclash\b/)
      await expect(block(p, lesson)).toHaveAttribute('aria-label', /Clash: Room double-booked/)
    }
  }
  // the side panel says so too
  await expect(a.getByTestId('panel-clash')).toContainText('Room double-booked')
  // one toast for the clash (not one per lesson), which does not take the grid's clicks
  // (this room's: other clashes of the day, e.g. a teacher booked twice by an earlier run, have toasts of their own)
  const clashToast = b.locator('crm-toasts div', { hasText: `${slot.roomName} is double-booked ` })
  await expect(clashToast).toHaveCount(1)
  const tb = (await clashToast.boundingBox())!
  expect(await b.evaluate(([x, y]) => document.elementFromPoint(x, y)?.localName, [tb.x + 20, tb.y + tb.height / 2])).not.toBe(
    'crm-toasts',
  )
  await shot(b, 'timetable-clash')

  // B moves its lesson away (the toast may still be up: it lets the drag through): the clash clears on both screens, and its toast goes
  await dragLesson(b, other, 60)
  for (const p of [a, b]) await expect(block(p, id)).not.toHaveAttribute('aria-label', /Room double-booked/)
  await expect(clashToast).toHaveCount(0)

  // the week view shows the same lessons, days × rooms
  await a.getByRole('button', { name: 'Week', exact: true }).click()
  await expect(block(a, id)).toBeVisible()
  await expect(a.locator('crm-timetable-grid .head .day')).toHaveCount(7)
  await ctxA.close()
  await ctxB.close()
})

test("a teacher takes attendance and marks her lesson done; the desk's and the owner's screens follow, and the teacher's follow the desk's undo", async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const { ctx: ctxR, page: desk } = await personPage(browser, 'reception', '/timetable')
  const { branchId, today, timeZone } = await centralToday(desk)
  await desk.goto(`/timetable?branch=${branchId}&date=${today}&view=day`)
  await gridReady(desk)
  // a lesson may be marked done once it has started (an hour early at most): book it around now
  const now = nowMinutes(timeZone)
  const start = Math.min(23 * 60, Math.max(0, Math.floor((now - 30) / 15) * 15))
  const slot = await freeSlot(desk, branchId, today, timeZone, 'early', [start, start + 60])

  // the desk books Karen Miller's Robotics Juniors (with its members) for now
  await drawLesson(desk, slot.roomName, slot.start, slot.start + 60)
  const panel = desk.locator('crm-lesson-panel')
  // (by its id: when one of its members owes, its option reads "Robotics Juniors (owes)")
  const groups = (await (await desk.request.get('/api/groups')).json()) as {
    items: Array<{ id: string; name: string; branchId: string }>
  }
  const juniors = groups.items.find((g) => g.name === 'Robotics Juniors' && g.branchId === branchId)!
  await expect(panel.getByLabel('Group').locator(`option[value="${juniors.id}"]`)).toHaveText(/^Robotics Juniors( \(owes\))?$/)
  await panel.getByLabel('Group').selectOption(juniors.id)
  await panel.getByLabel('Room').selectOption({ label: slot.roomName })
  await panel.getByLabel('Start').fill(hhmm(start))
  await panel.getByLabel('End').fill(hhmm(start + 60))
  const id = await createFromPanel(desk, { teacher: NAMES.teacher })
  await expect(block(desk, id)).toHaveAttribute('aria-label', span(start, start + 60))

  // the teacher sees it first thing, under "My lessons today", and opens its roster
  const { ctx: ctxT, page: teacher } = await personPage(browser, 'teacher', '/timetable')
  const mine = teacher.getByRole('region', { name: 'My lessons today' })
  await mine.locator(`[data-lesson="${id}"]`).click()
  const tp = teacher.locator('crm-lesson-panel')
  await expect(tp.getByRole('tab', { name: 'Attendance', selected: true })).toBeVisible()
  await expect(tp.getByTestId('lesson-status')).toHaveText('Planned')
  const roster = tp.getByRole('list', { name: 'Roster' })
  await expect(roster.getByRole('listitem').first()).toBeVisible()
  const members = await roster.getByRole('listitem').count()
  expect(members).toBeGreaterThan(0)
  // allergies show as a badge, never the rest of the medical file
  await expect(roster.getByTestId('allergy')).toHaveText(Array(await roster.getByTestId('allergy').count()).fill('Allergy'))
  await expect(tp).not.toContainText(/emergency|EpiPen|instructions/i)

  // everyone present, the first one late with a grade and a comment, the second absent; a walk-in joins
  await tp.getByRole('button', { name: 'Mark the rest present' }).click()
  const status = roster.getByRole('combobox', { name: /^Attendance: / })
  await status.nth(0).selectOption('late')
  await roster
    .getByRole('combobox', { name: /^Grade: / })
    .nth(0)
    .selectOption('5')
  await roster
    .getByRole('textbox', { name: /^Comment: / })
    .nth(0)
    .fill('Great focus today')
  if (members > 1) {
    await status.nth(1).selectOption('absent')
    await expect(roster.getByRole('combobox', { name: /^Grade: / }).nth(1)).toBeDisabled()
  }
  await tp.getByLabel('Add a walk-in').fill('an')
  await tp.getByRole('list', { name: 'Clients found' }).getByRole('button').first().click()
  await expect(roster.getByRole('listitem')).toHaveCount(members + 1)
  // the owner has the lesson open too (staff of another branch may not open Central's week)
  const { ctx: ctxL, page: lucy } = await personPage(browser, 'owner', `/timetable?branch=${branchId}&date=${today}&view=day`)
  await gridReady(lucy)
  await block(lucy, id).click()
  const lp = lucy.locator('crm-lesson-panel')
  await lp.getByRole('tab', { name: 'Attendance' }).click()
  await expect(lp.getByTestId('lesson-status')).toHaveText('Planned')
  const lucyStatus = lp.getByRole('list', { name: 'Roster' }).getByRole('combobox', { name: /^Attendance: / })
  await expect(lucyStatus.first()).toHaveValue('')

  await tp.getByRole('button', { name: 'Save attendance' }).click()
  await expect(teacher.getByRole('status').filter({ hasText: 'Attendance saved' })).toBeVisible()
  // her open roster follows (the lesson's change reaches whoever has its week open)
  await expect(lucyStatus.first()).toHaveValue('late')
  await tp.getByTestId('lesson-status').scrollIntoViewIfNeeded()
  await noToasts(teacher)
  await shot(teacher, 'timetable-attendance')

  await tp.getByRole('button', { name: 'Mark done' }).click()
  await expect(tp.getByTestId('lesson-status')).toHaveText('✓ Done')
  // the receptionists' grids show the done mark (the server writes the status into the week document), and Lucy's open roster says so
  for (const p of [desk, lucy]) {
    await expect(block(p, id).getByTestId('done-mark')).toBeVisible()
    await expect(block(p, id)).toHaveAttribute('data-status', 'done')
  }
  await expect(lp.getByTestId('lesson-status')).toHaveText('✓ Done')
  await expect(mine.locator(`[data-lesson="${id}"]`)).toContainText('✓ done')

  // the same day, the desk undoes it (marked by mistake): the teacher's panel and "My lessons" follow
  await block(desk, id).click()
  const dp = desk.locator('crm-lesson-panel')
  await dp.getByRole('tab', { name: 'Attendance' }).click()
  await dp.getByRole('button', { name: 'Undo done' }).click()
  await expect(dp.getByTestId('lesson-status')).toHaveText('Planned')
  await expect(tp.getByTestId('lesson-status')).toHaveText('Planned')
  await expect(mine.locator(`[data-lesson="${id}"]`)).not.toContainText('✓ done')
  for (const p of [teacher, lucy]) await expect(block(p, id).getByTestId('done-mark')).toHaveCount(0)
  await expect(lp.getByTestId('lesson-status')).toHaveText('Planned')
  await ctxL.close()
  await ctxT.close()
  await ctxR.close()
})

test('a busy day and week read well, and the timetable is usable from the keyboard: arrows move the selection, Enter opens the lesson, Escape closes it', async ({
  browser,
}) => {
  const { ctx, page } = await personPage(browser, 'manager', '/timetable')
  const { branchId, today } = await centralToday(page)
  // a day of the demo timetable with lessons (the groups meet Monday to Thursday)
  let day = today
  for (let i = 0; i < 14; i++) {
    const d = new Date(Date.parse(`${today}T12:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10)
    const res = await page.request.get(`/api/lessons?branchId=${branchId}&from=${d}&to=${d}`)
    if (res.ok() && ((await res.json()) as { items: unknown[] }).items.length >= 4) {
      day = d
      break
    }
  }
  await page.goto(`/timetable?branch=${branchId}&date=${day}&view=day`)
  await gridReady(page)
  const lessons = page.locator('crm-timetable-grid .lesson')
  await expect(lessons.first()).toBeVisible()
  // the demo seed always has such a day (the loop above picks one with four or more): fail, never skip
  expect(await lessons.count()).toBeGreaterThanOrEqual(2)
  await shot(page, 'timetable-day')

  // one lesson is in the tab order; arrows move the selection, Enter opens it, Escape closes it
  await expect(page.locator('crm-timetable-grid .lesson[tabindex="0"]')).toHaveCount(1)
  await page.locator('crm-timetable-grid .lesson[tabindex="0"]').focus()
  await page.keyboard.press('ArrowRight')
  const selected = page.locator('crm-timetable-grid .lesson.selected')
  await expect(selected).toHaveCount(1)
  await expect(selected).toBeFocused()
  const first = await selected.getAttribute('data-id')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowUp')
  await expect(selected).toHaveAttribute('data-id', first!)
  await page.keyboard.press('Enter')
  const panel = page.locator('crm-lesson-panel')
  await expect(panel).toBeVisible()
  await expect(panel.getByRole('heading', { level: 2 })).not.toHaveText('New lesson')
  await page.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)
  await expect(selected).toBeFocused()

  // the same week, days × rooms
  await page.getByRole('button', { name: 'Week', exact: true }).click()
  await expect(page.locator('crm-timetable-grid .head .day')).toHaveCount(7)
  await expect(selected).toBeVisible()
  await shot(page, 'timetable-week')

  // "Generate" for the week on screen: the demo weeks are generated already, so nothing new
  await page.getByRole('button', { name: 'Generate…' }).click()
  const dialog = page.locator('crm-generate-dialog')
  await dialog.getByRole('button', { name: 'Generate', exact: true }).click()
  const result = dialog.getByTestId('generate-result')
  await expect(result).toContainText('created')
  await expect(result).toContainText('skipped')
  await expect(result).toContainText(/No clashes|Clashes to sort out/)
  await ctx.close()
})

/** Waits for the toasts to fade (a screenshot for people to read). */
async function noToasts(page: Page) {
  await expect(page.locator('crm-toasts div')).toHaveCount(0, { timeout: 15_000 })
}

/** "… 19:00–20:00 …" in a lesson's label (narrow blocks show less text). */
const span = (from: number, to: number) => new RegExp(`${hhmm(from)}–${hhmm(to)}`)

test('a receptionist of Riverside works in Riverside: Central is not offered, and a link to Central’s week opens hers', async ({
  browser,
}) => {
  const { ctx: ctxM, page: manager } = await personPage(browser, 'manager', '/timetable')
  const { branchId: central, today } = await centralToday(manager)
  await ctxM.close()
  const { ctx, page } = await personPage(browser, 'reception2', `/timetable?branch=${central}&date=${today}&view=day`)
  await gridReady(page)
  const picker = page.getByLabel('Branch', { exact: true })
  await expect(picker.locator('option')).toHaveText(['Riverside'])
  await expect(page).not.toHaveURL(new RegExp(`branch=${central}`))
  // and the server says no to Central's lessons whatever the page asks
  expect((await page.request.get(`/api/lessons?branchId=${central}&from=${today}&to=${today}`)).status()).toBe(403)
  await ctx.close()
})
