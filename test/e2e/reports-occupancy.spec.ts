import { statSync } from 'node:fs'
import type { Browser } from '@playwright/test'
import readXlsxFile from 'read-excel-file/node'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { createAccount, signedInAs } from './accounts-support'
import { expect, test } from './fixtures'
import { LANGS, picker } from './languages-support'
import { fillDate, languageProblems } from './morning-support'

/**
 * The occupancy report (issue #20) on the demo: a manager of the spec's own opens the Occupancy
 * tab, sees the week's heat map, the rooms, the groups and the waiting lists (the demo's full
 * piano groups have people waiting), changes the period and the room, downloads the XLSX (a sheet
 * per table, read back) and a table's CSV; and sees the report worded in hy, ru and en
 * (docs/screenshots/reports-occupancy-{hy,ru,en}.png). Last month is the demo's month of lessons
 * done (its heat map and attendance are never empty, whatever the day the spec runs); its members
 * and waiting lists date from the seed (today), so the screenshots run from the first of last month
 * to today.
 */
const run = Date.now().toString(36)
const PASSWORD = 'occupancy-secret-123'
const MANAGER = { login: `manager.occupancy.${run}`, name: 'Olga Occupancy', roles: ['manager'] }

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ request }) => {
  await createAccount(request, MANAGER, PASSWORD)
})

const signedIn = (browser: Browser, lang: Locale = 'en') => signedInAs(browser, MANAGER.login, PASSWORD, lang)

test('a manager opens the occupancy report, changes its filters and downloads the XLSX', async ({ browser }) => {
  test.setTimeout(180_000)
  const t = translatorFor('en').t
  const { context, page } = await signedIn(browser)
  await page.goto('/reports')
  await page.getByRole('tab', { name: t('reports.occupancy.title') }).click()
  await expect(page).toHaveURL(/tab=occupancy/)
  const panel = page.locator('crm-report-occupancy')
  // this month on first look: the rooms booked by the timetable, the full piano groups' waiting lists
  const heat = panel.getByRole('table', {
    name: t('reports.occupancy.heatmap.label', { measure: t('reports.occupancy.show.fill') }),
  })
  await expect(heat).toBeVisible()
  await expect(heat.getByRole('cell', { name: /^Monday, \d\d:00–\d\d:00: room fill \d/ }).first()).toBeVisible()
  const waiting = panel.getByRole('table', { name: t('reports.occupancy.waiting.title') })
  await expect(
    waiting
      .getByRole('row')
      .filter({ hasText: t('reports.occupancy.noFreePlace') })
      .first(),
  ).toBeVisible()

  // last month: every lesson done, so attendance fills the map too
  await panel.getByLabel(t('reports.period'), { exact: true }).selectOption('lastMonth')
  await panel.getByLabel(t('reports.occupancy.show'), { exact: true }).selectOption('attendance')
  const byAttendance = panel.getByRole('table', {
    name: t('reports.occupancy.heatmap.label', { measure: t('reports.occupancy.show.attendance') }),
  })
  await expect(byAttendance.getByRole('cell', { name: /: attendance fill \d/ }).first()).toBeVisible()
  const rooms = panel.getByRole('table', { name: t('reports.occupancy.rooms.title') })
  expect(await rooms.locator('tbody tr').count()).toBeGreaterThan(1)

  // one room: its row alone
  const room = panel.getByLabel(t('reports.occupancy.room'), { exact: true })
  const first = await room.locator('option').nth(1).getAttribute('value')
  await room.selectOption(first ?? '')
  await expect(rooms.locator('tbody tr')).toHaveCount(1)
  await expect(rooms.locator(`tr[data-room="${first}"]`)).toBeVisible()
  await room.selectOption('')
  await expect.poll(() => rooms.locator('tbody tr').count()).toBeGreaterThan(1)

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: t('reports.download.xlsx') }).click(),
  ])
  const file = download.suggestedFilename()
  expect(file).toMatch(/^occupancy-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/)
  const path = `/tmp/pw-occupancy-${run}-${file}`
  await download.saveAs(path)
  expect(statSync(path).size).toBeGreaterThan(0)
  const sheets = await readXlsxFile(path)
  expect(sheets.map((s) => s.sheet)).toEqual(
    (['hours', 'rooms', 'groups', 'waiting'] as const).map((p) => t(`reports.occupancy.${p}.title`)),
  )
  for (const s of sheets) expect(s.data.length, `${s.sheet}: a header and rows`).toBeGreaterThan(1)
  expect(sheets[1].data[0]).toContain(t('reports.occupancy.col.fill'))

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    panel
      .getByRole('button', { name: t('reports.occupancy.download.csvLabel', { table: t('reports.occupancy.groups.title') }) })
      .click(),
  ])
  expect(csv.suggestedFilename()).toMatch(/^occupancy-groups-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/)
  await context.close()
})

test('the occupancy report in hy, ru and en', async ({ browser }) => {
  test.setTimeout(240_000)
  const { context, page } = await signedIn(browser)
  const [central] = (await (await page.request.get('/api/branches')).json()).items as Array<{ timezone: string }>
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: central.timezone }).format(new Date())
  for (const lang of LANGS) {
    const tr = translatorFor(lang).t
    await page.goto('/reports?tab=occupancy')
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    const panel = page.locator('crm-report-occupancy')
    // from the first of last month (its lessons done) to today (members and waiting lists as they are)
    await panel.getByLabel(tr('reports.period'), { exact: true }).selectOption('lastMonth')
    await panel.getByLabel(tr('reports.period'), { exact: true }).selectOption('custom')
    await fillDate(panel.getByLabel(tr('reports.to'), { exact: true }), today, lang)
    await expect(panel.getByText(tr('reports.occupancy.noFreePlace')).first()).toBeVisible()
    await expect(panel.getByRole('table', { name: tr('reports.occupancy.groups.title') })).toBeVisible()
    await expect(panel.locator('table.heat td[style]').first()).toBeVisible()
    const p = await languageProblems(page, lang)
    expect.soft(p.rawIds, `${lang}: message ids`).toEqual([])
    if (lang !== 'en') expect.soft(p.english, `${lang}: English texts`).toEqual([])
    expect.soft(p.overflow, `${lang}: cut texts`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/reports-occupancy-${lang}.png`, fullPage: true })
  }
  await context.close()
})
