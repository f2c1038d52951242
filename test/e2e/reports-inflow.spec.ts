import { statSync } from 'node:fs'
import type { Browser } from '@playwright/test'
import readXlsxFile from 'read-excel-file/node'
import type { Locale } from '../../domain/i18n/locales'
import { translatorFor } from '../../domain/i18n/translator'
import { api, createAccount, signedInAs } from './accounts-support'
import { expect, test } from './fixtures'
import { LANGS, picker } from './languages-support'
import { languageProblems } from './morning-support'
import { openDialog } from './support'

/**
 * Inflow and retention (issue #20): a manager of the spec's own opens the report on the demo,
 * changes the period and the branch, goes through its views (new clients by source, trial to
 * paid, retention by cohort, churn, lifetime revenue), downloads the cohorts' XLSX and reads it
 * back; the report in hy, ru and en (docs/screenshots/reports-inflow-{hy,ru,en}.png). The groups
 * screen asks why a member leaves (a reason from the list and a note), and the report counts it.
 */
const run = Date.now().toString(36)
const PASSWORD = 'inflow-secret-123'
const MANAGER = { login: `manager.inflow.${run}`, name: 'Ina Inflow', roles: ['manager'] }
const VIEWS = ['new', 'trials', 'cohorts', 'churn', 'revenue'] as const

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ request }) => {
  await createAccount(request, MANAGER, PASSWORD)
})

const signedIn = (browser: Browser, lang: Locale = 'en') => signedInAs(browser, MANAGER.login, PASSWORD, lang)

test('a manager opens the inflow report, changes the period and branch, goes through its views and downloads the XLSX', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const t = translatorFor('en').t
  const { context, page } = await signedIn(browser)
  await page.goto('/reports')
  await page.getByRole('tab', { name: t('reports.inflow.title') }).click()
  const panel = page.locator('crm-report-inflow')
  await expect(panel.getByText(t('reports.inflow.lead'))).toBeVisible()
  // the last twelve months first: new clients by month and by source, each a chart and a table
  await expect(panel.getByLabel(t('reports.period'), { exact: true })).toHaveValue('last12')
  await expect(panel.locator('crm-report-chart canvas').first()).toBeVisible()
  await expect(panel.locator('tbody tr[data-source]').first()).toBeVisible()
  // this year, then one branch
  await panel.getByLabel(t('reports.period'), { exact: true }).selectOption('thisYear')
  await expect(panel.locator('table').first()).toBeVisible()
  const branch = page.locator('#branch')
  const central = await branch.locator('option', { hasText: 'Central' }).getAttribute('value')
  const responded = page.waitForResponse(
    (r) => r.url().includes('/api/reports/inflow?') && r.url().includes(`branchId=${central}`),
  )
  await branch.selectOption(central ?? '')
  expect((await responded).status()).toBe(200)
  await panel.getByLabel(t('reports.period'), { exact: true }).selectOption('last12')
  for (const view of VIEWS) {
    await panel.getByRole('button', { name: t(`reports.inflow.view.${view}`), exact: true }).click()
    await expect(panel.getByRole('button', { name: t(`reports.inflow.view.${view}`), exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect(panel.locator('.summary, table').first()).toBeVisible()
  }
  // the cohorts: a row per month clients started, a retention curve above
  await panel.getByRole('button', { name: t('reports.inflow.view.cohorts'), exact: true }).click()
  await expect(panel.locator('tbody tr[data-cohort]').first()).toBeVisible()
  await expect(panel.locator('crm-report-chart canvas')).toBeVisible()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: t('reports.download.xlsx') }).click(),
  ])
  const file = download.suggestedFilename()
  expect(file).toMatch(/^inflow-cohorts-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/)
  const path = `/tmp/pw-inflow-${run}-${file}`
  await download.saveAs(path)
  expect(statSync(path).size).toBeGreaterThan(0)
  const [sheet] = await readXlsxFile(path)
  expect(sheet.sheet).toBe(t('reports.inflow.view.cohorts'))
  expect(sheet.data[0].slice(0, 3)).toEqual([
    t('reports.inflow.col.cohort'),
    t('reports.col.clients'),
    t('reports.inflow.col.monthN', { n: 1 }),
  ])
  expect(sheet.data.length, 'a header and a cohort at least').toBeGreaterThan(1)
  await context.close()
})

test('the inflow report in hy, ru and en', async ({ browser }) => {
  test.setTimeout(300_000)
  const { context, page } = await signedIn(browser)
  for (const lang of LANGS) {
    const tr = translatorFor(lang).t
    await page.goto('/reports?tab=inflow')
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    const panel = page.locator('crm-report-inflow')
    for (const view of VIEWS) {
      await panel.getByRole('button', { name: tr(`reports.inflow.view.${view}`), exact: true }).click()
      await expect(panel.locator('table').first()).toBeVisible()
      const p = await languageProblems(page, lang)
      expect.soft(p.rawIds, `${lang} ${view}: message ids`).toEqual([])
      if (lang !== 'en') expect.soft(p.english, `${lang} ${view}: English texts`).toEqual([])
      expect.soft(p.overflow, `${lang} ${view}: cut texts`).toEqual([])
      if (view === 'cohorts' || view === 'new' || view === 'churn')
        await page.screenshot({ path: `docs/screenshots/reports-inflow-${view}-${lang}.png`, fullPage: true })
    }
  }
  await context.close()
})

test('taking a member out of a group asks why; the report counts the leaver by reason', async ({ browser, request }) => {
  test.setTimeout(120_000)
  const t = translatorFor('en').t
  await api(request, 'post', '/api/auth/login', { login: 'owner', password: 'clubroom' })
  const list = (await api(request, 'get', '/api/branches')).items as Array<{ id: string; name: string }>
  const branchId = list.find((b) => b.name === 'Central')?.id ?? list[0].id
  const groups = await api(request, 'get', `/api/groups?branchId=${branchId}`)
  const model = groups.items[0] as { activityId: string; teacherId: string; roomId: string }
  const suffix = String(Date.now()).slice(-6)
  const term = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10)
  const created = await api(request, 'post', '/api/groups', {
    branchId,
    activityId: model.activityId,
    name: `Leavers ${suffix}`,
    teacherId: model.teacherId,
    roomId: model.roomId,
    pattern: [{ weekday: 2, start: '18:00', end: '19:00' }],
    termStart: term,
    termEnd: term,
  })
  const groupId = created.group.id as string
  const client = await api(request, 'post', '/api/clients', {
    firstName: 'Levon',
    lastName: `Leaver${suffix}`,
    birthDate: '1990-05-05',
    phone: `+374 94 3${suffix}`,
    consent: true,
    confirmNotDuplicate: true,
    branchId,
  })
  await api(request, 'post', `/api/groups/${groupId}/members`, { clientId: client.id })
  const detail = await api(request, 'get', `/api/groups/${groupId}`)
  const name =
    ((detail.group ?? detail).members as Array<{ clientId: string; name: string }>).find((m) => m.clientId === client.id)?.name ??
    ''

  const { context, page } = await signedIn(browser)
  for (const lang of LANGS) {
    const tr = translatorFor(lang).t
    await page.goto(`/groups/${groupId}`)
    await picker(page).selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    await page.getByRole('button', { name: tr('setup.group.removeLabel', { name }) }).click()
    const dialog = openDialog(page)
    await expect(dialog.getByLabel(tr('setup.group.leaveWhy'))).toBeVisible()
    await dialog.getByLabel(tr('setup.group.leaveWhy')).selectOption('schedule')
    await dialog.getByLabel(tr('setup.group.leaveNote')).fill('Evening classes at school')
    const p = await languageProblems(page, lang)
    expect.soft(p.rawIds, `${lang}: message ids`).toEqual([])
    if (lang !== 'en')
      expect
        .soft(
          p.english.filter((x) => !x.includes('Evening')),
          `${lang}: English texts`,
        )
        .toEqual([])
    expect.soft(p.overflow, `${lang}: cut texts`).toEqual([])
    await page.screenshot({ path: `docs/screenshots/groups-leave-reason-${lang}.png` })
    if (lang !== 'en') await dialog.getByRole('button', { name: tr('common.cancel') }).click()
  }
  await openDialog(page)
    .getByRole('button', { name: t('setup.group.remove') })
    .click()
  await expect(openDialog(page)).toHaveCount(0)
  await expect(page.getByRole('button', { name: t('setup.group.removeLabel', { name }) })).toHaveCount(0)
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
  const report = await api(page.request, 'get', `/api/reports/inflow?from=${yesterday}&to=${tomorrow}&branchId=${branchId}`)
  expect(report.churn).toContainEqual(expect.objectContaining({ reason: 'schedule', groupLeavers: expect.any(Number) }))
  expect(
    (report.churn as Array<{ reason: string; groupLeavers: number }>).find((c) => c.reason === 'schedule')?.groupLeavers,
  ).toBeGreaterThanOrEqual(1)
  await context.close()
})
