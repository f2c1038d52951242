import type { Page } from '@playwright/test'
import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { LANGS, overflowing, picker, shownText, signInWithTabLanguage } from './languages-support'
import { signInFast } from './support'
import { centralToday } from './timetable-support'

/**
 * The client file's Progress tab: the assessment the journal gives per activity as a table, the same
 * by month as charts (uPlot, under the app's Content-Security-Policy: the fixture fails on a
 * violation), teachers' comments, observations and achievements beside it, and a print view.
 * Screenshots: docs/screenshots/client-progress-{hy,ru,en}.png and client-progress-print.png.
 */

const RAW_ID = /\b(progress|clients|nav)\.[a-zA-Z_]+(\.[a-zA-Z_]+)*\b/

/** Marks a member of a past Central lesson present with a grade and a comment; returns the client and the activity. */
async function markPastLesson(page: Page) {
  const { branchId, today } = await centralToday(page)
  const from = new Date(Date.parse(today) - 7 * 86_400_000).toISOString().slice(0, 10)
  const to = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10)
  const lessons = (await (await page.request.get(`/api/lessons?branchId=${branchId}&from=${from}&to=${to}`)).json()) as {
    items: Array<{ id: string; groupId: string | null; status: string; activityId: string | null }>
  }
  for (const l of lessons.items.filter((x) => x.groupId && x.status !== 'cancelled')) {
    const detail = (await (await page.request.get(`/api/lessons/${l.id}`)).json()) as {
      roster?: Array<{ clientId: string; member: boolean; erased?: boolean }>
      lesson?: { roster?: Array<{ clientId: string; member: boolean; erased?: boolean }> }
    }
    const roster = detail.roster ?? detail.lesson?.roster ?? []
    const member = roster.find((r) => r.member && !r.erased)
    if (!member) continue
    const res = await page.request.put(`/api/lessons/${l.id}/attendance`, {
      data: { entries: [{ clientId: member.clientId, status: 'present', grade: 4, comment: 'Built a working gearbox' }] },
    })
    expect(res.status(), await res.text()).toBe(200)
    const activities = (await (await page.request.get('/api/activities')).json()) as {
      items: Array<{ id: string; name: string }>
    }
    return { clientId: member.clientId, activity: activities.items.find((a) => a.id === l.activityId)!.name }
  }
  throw new Error('no past lesson with a member at Central')
}

/** Gives the client file's progress a journal over three months (the demo has a week of lessons). */
async function withThreeMonths(page: Page, clientId: string) {
  await page.route(`**/api/clients/${clientId}`, async (route) => {
    if (route.request().method() !== 'GET') return route.fallback()
    const res = await route.fetch()
    const body = (await res.json()) as { client: { progress: Array<Record<string, unknown>> } }
    const [first] = body.client.progress
    const months = ['2026-09', '2026-10', '2026-11']
    body.client.progress = [
      {
        ...first,
        marked: 10,
        attended: 8,
        attendanceRate: 0.8,
        averageGrade: 4.3,
        timeline: months.flatMap((m, i) => [
          { at: `${m}-07T14:00:00Z`, attended: true, grade: 3 + i },
          { at: `${m}-14T14:00:00Z`, attended: i !== 0, grade: i === 0 ? null : 4 + (i > 1 ? 1 : 0) },
        ]),
      },
      {
        activityId: '00000000-0000-4000-8000-000000000001',
        activity: 'Chess',
        marked: 4,
        attended: 3,
        attendanceRate: 0.75,
        averageGrade: null,
        lastComments: [],
        timeline: months.slice(1).map((m) => ({ at: `${m}-10T15:00:00Z`, attended: true, grade: null })),
      },
    ]
    await route.fulfill({ response: res, json: body })
  })
}

test('the journal rolls up into the Progress tab: a table per activity, the comment, the empty sides', async ({ page }) => {
  await signInFast(page, 'reception')
  const { clientId, activity } = await markPastLesson(page)
  await page.goto(`/clients/${clientId}?tab=progress`)
  const tab = page.locator('crm-client-progress')
  await expect(tab.getByRole('heading', { level: 2, name: 'Progress' })).toBeVisible()
  // the row of the marked lesson's activity (the demo's passes check the child in elsewhere too, ungraded)
  const row = tab
    .locator('table.assessment tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: activity, exact: true }) })
  await expect(row).toHaveCount(1)
  await expect(row.locator('td.rate')).toHaveText(/\d+%/)
  await expect(row.locator('td.grade')).toHaveText(/[\d.]+ of 5/)
  await expect(tab.getByText('Built a working gearbox')).toBeVisible()
  // one week of lessons is one month at most: the chart says when it comes
  await expect(tab.getByRole('heading', { name: 'Achievements' })).toBeVisible()
  await expect(tab.getByRole('button', { name: 'Print' })).toBeVisible()
})

test('the Progress tab charts the months with uPlot, in Armenian, Russian and English, and prints', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 })
  await signInFast(page, 'reception')
  const { clientId } = await markPastLesson(page)
  await signInWithTabLanguage(page, 'owner')
  await withThreeMonths(page, clientId)
  await page.goto(`/clients/${clientId}?tab=progress`)
  const tab = page.locator('crm-client-progress')
  for (const lang of LANGS) {
    const t = translatorFor(lang).t
    await picker(page).selectOption(lang)
    await expect(tab.getByRole('heading', { level: 3, name: t('progress.table.title') })).toBeVisible()
    const attendance = tab.locator('crm-client-progress-chart.attendance')
    await expect(attendance.locator('canvas')).toBeVisible()
    await expect(attendance.getByRole('img')).toHaveAttribute(
      'aria-label',
      new RegExp(t('progress.chart.attendance').replace(/[()%,]/g, '.')),
    )
    await expect(tab.locator('crm-client-progress-chart.grades canvas')).toBeVisible()
    // the same figures in a table, months in the language shown
    await attendance.getByText(t('progress.chart.figures')).click()
    await expect(attendance.locator('details tbody tr')).toHaveCount(3)
    await expect(attendance.locator('details tbody tr').first().getByRole('cell').first()).toHaveText('50')
    await attendance.getByText(t('progress.chart.figures')).click()
    await expect(tab.locator('table.assessment tbody tr')).toHaveCount(2)
    expect(await shownText(page, 'crm-client-progress')).not.toMatch(RAW_ID)
    expect(await overflowing(page, 'h2, h3, th, td, button, p, li'), `overflow in ${lang}`).toEqual([])
    // the chart really drew: its canvas has ink
    const inked = await attendance.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
      let n = 0
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++
      return n
    })
    expect(inked).toBeGreaterThan(500)
    await page.screenshot({ path: `docs/screenshots/client-progress-${lang}.png`, fullPage: true })
  }
  await picker(page).selectOption('en')
  await page.emulateMedia({ media: 'print' })
  await expect(tab.getByRole('button', { name: 'Print' })).toBeHidden()
  await expect(page.locator('nav#sidebar')).toBeHidden()
  await expect(tab.getByText(/^Progress of /)).toBeVisible()
  await page.screenshot({ path: 'docs/screenshots/client-progress-print.png', fullPage: true })
})
