import { type APIRequestContext, expect, test } from './fixtures'
import { LANGS, picker, signInWithTabLanguage } from './languages-support'
import { NAMES, PASSWORD, openDialog, shot, signInFast } from './support'

/**
 * "Who changed this" (issue 16): a receptionist edits a client's field; a manager hovers the field
 * and sees her name, clicks and reads its history (before → after); the auditor opens the same file
 * and sees it read-only, never "All changes saved". Screenshots: docs/screenshots/who-changed-{hy,ru,en}.png
 * (the history dialog open).
 */

const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
const phone = () => `+49 170 ${String(Math.floor(1e6 + Math.random() * 8.9e6))}`

async function registerViaApi(request: APIRequestContext, login: string, client: Record<string, unknown>): Promise<string> {
  expect((await request.post('/api/auth/login', { data: { login, password: PASSWORD } })).status()).toBe(200)
  const res = await request.post('/api/clients', {
    data: { consent: true, source: 'walk_in', guardians: [], confirmNotDuplicate: true, ...client },
  })
  expect(res.status(), await res.text()).toBe(201)
  return ((await res.json()) as { id: string }).id
}

const HISTORY_TITLE = { hy: 'Պատմություն՝', ru: 'История:', en: 'History:' } as const
const CHANGED_BY = { hy: 'Փոխել է', ru: 'Изменил(а)', en: 'Changed by' } as const

test('a manager sees who changed a field and its history; the auditor sees the file read-only', async ({ browser }) => {
  test.setTimeout(120_000)
  const [rc, mc, ac] = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()])
  try {
    const before = unique('Stone')
    const after = unique('Fielding')
    const id = await registerViaApi(rc.request, 'reception', {
      firstName: 'Ivy',
      lastName: before,
      birthDate: '1991-03-04',
      phone: phone(),
    })

    // the receptionist changes the last name in the live file
    const pr = await rc.newPage()
    await pr.goto(`/clients/${id}`)
    await expect(pr.getByTestId('save-state')).toHaveText('All changes saved')
    await pr.getByLabel('Last name').fill(after)
    await expect(pr.getByRole('heading', { level: 1 })).toContainText(after)
    await expect(pr.getByTestId('save-state')).toHaveText('All changes saved')

    // the manager opens the file: hovering the field's clock names her, with the time
    const pm = await mc.newPage()
    await signInWithTabLanguage(pm, 'manager')
    await pm.goto(`/clients/${id}`)
    await expect(pm.getByLabel('Last name')).toHaveValue(after)
    const clock = pm.getByTestId('author-profile.lastName')
    await clock.hover()
    const tip = pm.locator('crm-field-author', { has: clock }).getByTestId('author-tip')
    await expect(tip).toBeVisible()
    await expect(tip).toContainText(`Changed by ${NAMES.reception}`)
    // and the field itself says it on hover
    await expect(pm.locator('.field.live', { has: pm.locator('#profile-lastName') })).toHaveAttribute(
      'title',
      new RegExp(`^Changed by ${NAMES.reception}, `),
    )

    // clicking opens the field's history: who, when, before → after, newest first
    await clock.click()
    const dialog = openDialog(pm)
    await expect(dialog).toHaveAttribute('heading', 'History: Last name')
    const rows = dialog.getByTestId('field-history-row')
    await expect(rows.first()).toContainText(NAMES.reception)
    await expect(rows.first()).toContainText(`${before} → ${after}`)
    await expect(rows.last()).toContainText(`Set to ${before}`)

    // the same in each language (keyboard: Enter opens it), screenshot with the dialog open
    for (const lang of LANGS) {
      await pm.keyboard.press('Escape')
      await expect(openDialog(pm)).toHaveCount(0)
      await picker(pm).selectOption(lang)
      await expect(pm.locator('html')).toHaveAttribute('lang', lang)
      await clock.focus()
      await expect(tip).toContainText(CHANGED_BY[lang])
      await pm.keyboard.press('Enter')
      await expect(openDialog(pm)).toHaveAttribute('heading', new RegExp(`^${HISTORY_TITLE[lang]}`))
      await expect(openDialog(pm).getByTestId('field-history-row').first()).toContainText(`${before} → ${after}`)
      await pm.screenshot({ path: `docs/screenshots/who-changed-${lang}.png` })
    }

    // the timetable: a lesson's teacher, room, group and times say who set them, and open their history
    await pm.keyboard.press('Escape')
    // (the demo's Central, by its link: the manager's last chosen branch is whatever another spec left)
    const branches = ((await (await pm.request.get('/api/branches')).json()) as { items: Array<{ id: string; name: string }> })
      .items
    const central = branches.find((b) => b.name === 'Central')
    expect(central, 'the demo branch Central').toBeTruthy()
    await pm.goto(`/timetable?branch=${central!.id}`)
    await pm.locator('crm-timetable-grid .lesson').first().click()
    const teacherClock = pm
      .locator('crm-lesson-panel crm-field-author')
      .filter({ has: pm.locator('[data-testid$=".teacherId"]') })
    await teacherClock.hover()
    await expect(teacherClock.getByTestId('author-tip')).toContainText('Changed by')
    await shot(pm, 'who-changed-lesson')
    await teacherClock.getByRole('button').click()
    await expect(openDialog(pm)).toHaveAttribute('heading', 'History: Teacher')
    await expect(openDialog(pm).getByTestId('field-history-row').first()).toBeVisible()

    // the auditor: the same file, read-only — never "All changes saved" — and still who changed what
    const pa = await ac.newPage()
    await signInFast(pa, 'auditor', `/clients/${id}`)
    await expect(pa.getByLabel('Last name')).toHaveValue(after)
    await expect(pa.getByTestId('doc-state')).toHaveText('Read only')
    await expect(pa.getByText('All changes saved')).toHaveCount(0)
    const auditorClock = pa.getByTestId('author-profile.lastName')
    await auditorClock.hover()
    await expect(pa.locator('crm-field-author', { has: auditorClock }).getByTestId('author-tip')).toContainText(
      `Changed by ${NAMES.reception}`,
    )
    // and the timetable's week: "Read-only" where an editor reads "All changes saved"
    await pa.goto('/timetable')
    await expect(pa.getByTestId('save-state')).toHaveText('Read-only')
    await expect(pa.getByText('All changes saved')).toHaveCount(0)
  } finally {
    await Promise.all([rc.close(), mc.close(), ac.close()])
  }
})
