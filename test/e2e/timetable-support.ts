import { type Browser, type BrowserContext, type Page, expect } from '@playwright/test'
import type { MessageId } from '../../domain/i18n/catalogue'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { signInFast } from './support'

/** Central's id and today's date in its zone (the timetable works in the branch's time zone). */
export async function centralToday(page: Page): Promise<{ branchId: string; timeZone: string; today: string }> {
  const res = await page.request.get('/api/branches')
  expect(res.status()).toBe(200)
  const { items } = (await res.json()) as { items: Array<{ id: string; name: string; timezone: string }> }
  const central = items.find((b) => b.name === 'Central')!
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: central.timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date())
  return { branchId: central.id, timeZone: central.timezone, today }
}

/**
 * Hours a lesson of up to three hours may start at late on `today` (YYYY-MM-DD), latest first: the
 * demo's rooms are open 08:00–21:00 on weekdays and 09:00–18:00 on Saturdays (the grid shows those).
 */
export function lateHours(today: string): number[] {
  const close = new Date(`${today}T12:00:00Z`).getUTCDay() === 6 ? 18 : 21
  return [close - 3, close - 4, close - 5, close - 6, close - 7]
}

/** A signed-in page of its own browser context (separate cookies: a second person). */
export async function personPage(browser: Browser, login: string, path: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ timezoneId: 'Europe/Berlin' })
  const page = await ctx.newPage()
  await signInFast(page, login, path)
  return { ctx, page }
}

export const grid = (page: Page) => page.locator('crm-timetable-grid')
export const block = (page: Page, id: string) => page.locator(`crm-timetable-grid .lesson[data-id="${id}"]`)

/** Waits until the week document is open and writable, and the rooms are on the grid. */
export async function gridReady(page: Page) {
  await expect(page.locator('crm-timetable-grid[editable]')).toBeVisible()
  await expect(page.locator('crm-timetable-grid .head .room').first()).toBeVisible()
}

/**
 * Viewport coordinates of a time in a room's column (of `date`, or the only day shown),
 * after scrolling the grid so that this time is visible.
 */
export async function pointAt(
  page: Page,
  roomName: string,
  minutes: number,
  opts: { date?: string; scroll?: boolean } = {},
): Promise<{ x: number; y: number }> {
  return page.locator('crm-timetable-grid').evaluate(
    (el, { roomName, minutes, date, scroll }) => {
      const g = el as unknown as {
        columns: Array<{ index: number; date: string; roomId: string }>
        names: { room: Map<string, { name: string }> }
        colWidth: number
        ppm: number
        from: number
        shadowRoot: ShadowRoot
      }
      const col = g.columns.find((c) => g.names.room.get(c.roomId)?.name === roomName && (!date || c.date === date))
      if (!col) throw new Error(`no column for ${roomName} ${date ?? ''}`)
      if (scroll) {
        const scroller = g.shadowRoot.querySelector('.scroller') as HTMLElement
        scroller.scrollTop = Math.max(0, (minutes - g.from - 60) * g.ppm)
        scroller.scrollLeft = Math.max(0, col.index * g.colWidth - 200)
      }
      const body = (g.shadowRoot.querySelector('.body') as HTMLElement).getBoundingClientRect()
      return { x: body.left + col.index * g.colWidth + g.colWidth / 2, y: body.top + (minutes - g.from) * g.ppm }
    },
    { roomName, minutes, date: opts.date, scroll: opts.scroll ?? true },
  )
}

/**
 * Waits until nothing but the grid is under this point: the element there is the grid (or a
 * lesson block, `blockId` when given) and it stays put for two frames (no re-render, scroll or
 * layout shift in between). Toasts let the pointer through (`pointer-events: none`), so they
 * never count as covering.
 */
export async function waitForGridAt(page: Page, x: number, y: number, blockId?: string) {
  await expect
    .poll(
      () =>
        grid(page).evaluate(
          async (el, { x, y, blockId }) => {
            const frame = () => new Promise((r) => requestAnimationFrame(r))
            const hit = () => {
              const top = el.shadowRoot!.elementFromPoint(x, y) as HTMLElement | null
              if (!top || !el.shadowRoot!.contains(top)) return 'outside the grid'
              const lesson = top.closest<HTMLElement>('.lesson')
              if (blockId) return lesson?.dataset.id === blockId ? 'ok' : `not on the lesson (${top.className})`
              return !lesson && top.closest('.body') ? 'ok' : `not on empty time (${top.className})`
            }
            const first = hit()
            await frame()
            await frame()
            return first === 'ok' ? hit() : first
          },
          { x, y, blockId },
        ),
      { timeout: 10_000 },
    )
    .toBe('ok')
}

/**
 * Drags over empty time (from → to minutes) in a room: the "new lesson" panel opens with that
 * time. The grid may shift under the pointer meanwhile (another test's lesson widens the hours
 * shown): then the drawn time is corrected in the panel, as a receptionist would. The panel's
 * labels are read in `lang`, the language the page shows.
 */
export async function drawLesson(page: Page, roomName: string, from: number, to: number, lang: Locale = 'en') {
  const a = await pointAt(page, roomName, from)
  const b = await pointAt(page, roomName, to, { scroll: false })
  await waitForGridAt(page, a.x, a.y + 3)
  await page.mouse.move(a.x, a.y + 3)
  await page.mouse.down()
  await page.mouse.move(a.x, (a.y + b.y) / 2, { steps: 4 })
  await page.mouse.move(b.x, b.y - 3, { steps: 4 })
  await page.mouse.up()
  await expect(page.getByRole('heading', { name: translatorFor(lang).t('timetable.panel.newLesson') })).toBeVisible()
  await setSpan(page, from, to, lang)
}

/** Sets the open panel's start and end (minutes after midnight), typed as a receptionist would. */
export async function setSpan(page: Page, from: number, to: number, lang: Locale = 'en') {
  const t = translatorFor(lang).t
  const panel = page.locator('crm-lesson-panel')
  for (const [label, m] of [
    [t('timetable.panel.start'), from],
    [t('timetable.panel.end'), to],
  ] as const) {
    const field = panel.getByLabel(label, { exact: true })
    if ((await field.inputValue()) !== hhmm(m)) {
      await field.fill(hhmm(m))
      await field.blur()
    }
    await expect(field).toHaveValue(hhmm(m))
  }
}

/** Minutes after midnight as the panel shows them ("09:05"). */
export const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

/** Minutes after midnight now, in the branch's zone. */
export function nowMinutes(timeZone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date())
      .map((x) => [x.type, x.value]),
  )
  return (Number(p.hour) % 24) * 60 + Number(p.minute)
}

export interface TodayLesson {
  roomId: string | null
  groupId: string | null
  teacherId: string | null
  start: string | null
  end: string | null
  status: string
}

/** Today's lessons of a branch, not cancelled, each with its minutes after midnight in the branch's zone. */
export async function todaysLessons(
  page: Page,
  branchId: string,
  today: string,
  timeZone: string,
): Promise<Array<TodayLesson & { from: number; to: number }>> {
  const res = await page.request.get(`/api/lessons?branchId=${branchId}&from=${today}&to=${today}`)
  expect(res.status()).toBe(200)
  const minutes = (iso: string) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hourCycle: 'h23',
        hour: '2-digit',
        minute: '2-digit',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      })
        .formatToParts(new Date(iso))
        .map((x) => [x.type, x.value]),
    )
    return `${p.year}-${p.month}-${p.day}` === today ? (Number(p.hour) % 24) * 60 + Number(p.minute) : null
  }
  return ((await res.json()) as { items: TodayLesson[] }).items.flatMap((l) => {
    if (!l.start || !l.end || l.status === 'cancelled') return []
    const from = minutes(l.start)
    if (from === null) return []
    return [{ ...l, from, to: minutes(l.end) ?? 1440 }]
  })
}

/** A lesson's start on the grid (minutes after midnight), from the grid's own placement. */
/** Where a lesson starts on this screen (minutes after midnight), or null when it is not on the grid. */
export const startOf = (page: Page, id: string) =>
  grid(page).evaluate(
    (el, id) =>
      (el as unknown as { placed: Array<{ lesson: { id: string; startMin: number } }> }).placed.find((p) => p.lesson.id === id)
        ?.lesson.startMin ?? null,
    id,
  )

/** Fills the new-lesson panel (its labels in `lang`) and creates it; returns the new lesson's id. */
export async function createFromPanel(
  page: Page,
  opts: { activity?: string; group?: string; groupId?: string; teacher: string; room?: string },
  lang: Locale = 'en',
): Promise<string> {
  const t = translatorFor(lang).t
  const panel = page.locator('crm-lesson-panel')
  const field = (id: MessageId) => panel.getByLabel(t(id), { exact: true })
  if (opts.group) await field('timetable.panel.group').selectOption({ label: opts.group })
  if (opts.groupId) await field('timetable.panel.group').selectOption(opts.groupId)
  if (opts.activity) await field('timetable.panel.activity').selectOption({ label: opts.activity })
  else if (!(await field('timetable.panel.activity').inputValue()))
    await field('timetable.panel.activity').selectOption({ index: 1 })
  await field('timetable.panel.teacher').selectOption({ label: opts.teacher })
  if (opts.room) await field('timetable.panel.room').selectOption({ label: opts.room })
  await panel.getByRole('button', { name: t('timetable.panel.create') }).click()
  const selected = page.locator('crm-timetable-grid .lesson.selected')
  await expect(selected).toHaveCount(1)
  return (await selected.getAttribute('data-id'))!
}

/**
 * Drags a lesson block by `minutes` (and optionally into another room's column). The block is
 * scrolled to the middle of the grid first (clear of the sticky headers) and pressed only once it
 * stays put under the pointer; `hold` runs while the block is held at its new place.
 */
export async function dragLesson(page: Page, id: string, minutes: number, toRoom?: string, hold?: () => Promise<void>) {
  const target = (await startOf(page, id))! + minutes
  await dragOnce(page, id, minutes, toRoom, hold)
  // the grid shifted under the pointer (the hours shown widened meanwhile): drag the rest of the way
  await expect.poll(() => startOf(page, id)).not.toBeNull()
  for (let i = 0; i < 2 && (await startOf(page, id)) !== target; i++)
    await dragOnce(page, id, target - (await startOf(page, id))!)
  await expect.poll(() => startOf(page, id)).toBe(target)
}

async function dragOnce(page: Page, id: string, minutes: number, toRoom?: string, hold?: () => Promise<void>) {
  await block(page, id).evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' }))
  const ppm = await grid(page).evaluate((el) => (el as unknown as { ppm: number }).ppm)
  let startX = 0
  let startY = 0
  await expect
    .poll(async () => {
      const box = await block(page, id).boundingBox()
      if (!box) return false
      startX = box.x + box.width / 2
      startY = box.y + Math.min(8, box.height / 3)
      await waitForGridAt(page, startX, startY, id)
      const again = await block(page, id).boundingBox()
      return !!again && again.x === box.x && again.y === box.y
    })
    .toBe(true)
  const endX = toRoom ? (await pointAt(page, toRoom, 0, { scroll: false })).x : startX
  const endY = startY + minutes * ppm
  await page.mouse.move(startX, startY)
  await page.mouse.down()
  await page.mouse.move(startX, startY + 6, { steps: 2 })
  await page.mouse.move(endX, endY, { steps: 6 })
  // the grid draws the drag ghost once the drag started: the press landed on the block
  await expect(grid(page).getByTestId('drag-ghost')).toBeVisible()
  if (hold) await hold()
  await page.mouse.up()
  await expect(grid(page).getByTestId('drag-ghost')).toHaveCount(0)
}
