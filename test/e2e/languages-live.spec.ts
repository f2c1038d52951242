import { addDays, isoWeekOf, mondayOf } from '../../domain/docs/timetable-week'
import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { createStaffAccount } from './languages-support'
import { block, centralToday, dragLesson, gridReady, personPage, startOf } from './timetable-support'

/**
 * Changing one's language is a change of how the screen reads, nothing else: the open week stays
 * live both ways while another receptionist edits it, and what the others see does not change.
 */

const LOGIN = 'lilit.live'
const SECRET = 'lilit-secret-12'

test.beforeAll(async ({ request }) => {
  await createStaffAccount(request, { login: LOGIN, name: 'Lilit Sargsyan', password: SECRET, roles: ['receptionist'] })
})

test('switching language while another receptionist edits the same week keeps both screens live', async ({ page, browser }) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1280, height: 800 })
  expect((await page.request.post('/api/auth/login', { data: { login: LOGIN, password: SECRET } })).status()).toBe(200)
  const { branchId, today } = await centralToday(page)
  const monday = mondayOf(isoWeekOf(today))
  const lessons = (await (
    await page.request.get(`/api/lessons?branchId=${branchId}&from=${monday}&to=${addDays(monday, 13)}`)
  ).json()) as { items: Array<{ id: string; status: string; valid: boolean; start: string | null }> }
  // a planned lesson still to come (this week or next), early enough in the day to move half an hour later
  const lesson = lessons.items.find(
    (l) =>
      l.status === 'planned' && l.valid && l.start && new Date(l.start) > new Date() && new Date(l.start).getUTCHours() <= 15,
  )
  expect(lesson, 'a planned lesson to come this week or next').toBeTruthy()
  const id = lesson!.id
  const path = `/timetable?branch=${branchId}&date=${lesson!.start!.slice(0, 10)}&view=week`

  await page.goto(path)
  await gridReady(page)
  const other = await personPage(browser, 'reception', path)
  await gridReady(other.page)
  await expect.poll(() => startOf(page, id)).not.toBeNull()
  const start = (await startOf(page, id))!

  // Lilit reads Russian from now on; the other receptionist's screen stays English
  await page.getByTestId('language').selectOption('ru')
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(translatorFor('ru').t('timetable.title'))
  await expect(other.page.getByRole('heading', { level: 1 })).toHaveText(translatorFor('en').t('timetable.title'))

  // the other receptionist moves the lesson: Lilit's Russian screen follows
  await dragLesson(other.page, id, 30)
  await expect.poll(() => startOf(page, id), { timeout: 10_000 }).toBe(start + 30)

  // Lilit switches again and moves it back: the other screen follows, still in English
  await page.getByTestId('language').selectOption('hy')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(translatorFor('hy').t('timetable.title'))
  await gridReady(page)
  await dragLesson(page, id, -30)
  await expect.poll(() => startOf(other.page, id), { timeout: 10_000 }).toBe(start)
  await expect(other.page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(block(other.page, id)).toBeVisible()
  await other.ctx.close()
})
