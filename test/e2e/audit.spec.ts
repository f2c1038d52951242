import { type Page, expect, test } from './fixtures'
import { LANGS, overflowing, picker, signInWithTabLanguage } from './languages-support'
import { PASSWORD, signInFast } from './support'
import { highlightSinceAuditTest } from './audit-highlight.cases'

/**
 * The Audit screens (issue #16): the owner closes an audit through the page; a manager of this spec
 * then renames a client, changes a lesson's teacher and a branch's phone; the auditor opens Audit,
 * sees "since the last audit (closed … by owner)", exactly those three changes with their counts,
 * steps through them with the keyboard, opens the document as it was around the lesson's change
 * (the teacher's cell outlined) and queries one for the demo manager. Screenshots:
 * docs/screenshots/audit-{hy,ru,en}.png (the step view on the timetable change),
 * audit-document-{hy,ru,en}.png (before/after), audit-past-{hy,ru,en}.png (past audits).
 *
 * Everything the spec changes is its own: its manager account (so "exactly three" holds whatever
 * other specs do meanwhile), its branch, its client, and a week far ahead, generated here.
 */

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7))
const OVERFLOW = 'crm-audit-page'

/** The change rows of the list, in order: their ids. */
const listIds = (page: Page) =>
  page
    .getByTestId('audit-list')
    .locator('li')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))))

// both tests close audits and read "since the last audit": in order, one at a time (the other specs close none)
test.describe.configure({ mode: 'default' })

test('the auditor steps through the changes since the last audit and opens a document as it was', async ({ browser }) => {
  test.setTimeout(240_000)
  const [oc, mc, ac] = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()])
  try {
    // ── before the audit closes (owner, API): a manager of this run, a branch, a client, a far week ──
    const owner = oc.request
    expect((await owner.post('/api/auth/login', { data: { login: 'owner', password: PASSWORD } })).status()).toBe(200)
    const mgrLogin = `aud.${run}`
    const made = await owner.post('/api/users', {
      data: { login: mgrLogin, name: `Audit Manager ${run}`, password: 'audit-secret-1', roles: ['manager'], branchIds: [] },
    })
    expect(made.status(), await made.text()).toBe(201)
    const branch = await owner.post('/api/branches', {
      data: { name: `Audit ${run}`, address: 'Abovyan 1', timezone: 'Asia/Yerevan' },
    })
    expect(branch.status(), await branch.text()).toBe(201)
    const branchId = ((await branch.json()) as { branch: { id: string } }).branch.id
    const { items: branches } = (await (await owner.get('/api/branches')).json()) as {
      items: Array<{ id: string; name: string }>
    }
    const central = branches.find((b) => b.name === 'Central')!
    const today = new Date().toISOString().slice(0, 10)
    type Lesson = { id: string; teacherId: string | null; status: string; start: string | null }
    // a week 3–8 weeks ahead with lessons (the holidays' weeks have none)
    let monday = ''
    let sunday = ''
    let lessons: Lesson[] = []
    for (const n of [3, 4, 5, 6, 7, 8].sort(() => Math.random() - 0.5)) {
      monday = mondayOf(addDays(today, 7 * n))
      sunday = addDays(monday, 6)
      const gen = await owner.post('/api/timetable/generate', { data: { branchId: central.id, from: monday, to: sunday } })
      expect(gen.status(), await gen.text()).toBe(200)
      const res = await owner.get(`/api/lessons?branchId=${central.id}&from=${monday}&to=${sunday}`)
      lessons = ((await res.json()) as { items: Lesson[] }).items.filter((l) => l.status === 'planned' && l.teacherId && l.start)
      if (lessons.length > 1) break
    }
    expect(lessons.length, 'a week with lessons').toBeGreaterThan(1)
    const lesson = lessons[1]
    const teachers = ((await (await owner.get('/api/teachers')).json()) as { items: Array<{ id: string; name: string }> }).items
    const teacherName = (id: string) => teachers.find((x) => x.id === id)?.name ?? '?'
    const created = await owner.post('/api/clients', {
      data: {
        firstName: `Lia${run}`,
        lastName: 'Auditova',
        birthDate: '1990-04-04',
        phone: `+374 93 ${String(100000 + Math.floor(Math.random() * 899999))}`,
        consent: true,
        source: 'walk_in',
        guardians: [],
        confirmNotDuplicate: true,
      },
    })
    expect(created.status(), await created.text()).toBe(201)
    const clientId = ((await created.json()) as { id: string }).id
    const weekUrl = `/timetable?branch=${central.id}&date=${lesson.start!.slice(0, 10)}&view=week`

    // the manager opens both documents before the audit closes (opening writes nothing after it)
    const pm = await mc.newPage()
    await signInFast(pm, mgrLogin, `/clients/${clientId}`, 'audit-secret-1')
    await expect(pm.getByTestId('save-state')).toHaveText('All changes saved')
    await pm.goto(weekUrl)
    await expect(pm.locator('crm-timetable-grid[editable]')).toBeVisible()

    // ── the owner closes the audit on the page ──
    const po = await oc.newPage()
    await po.goto('/audit')
    await expect(po.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible()
    await po.getByRole('button', { name: 'Close the audit' }).click()
    const dialog = po.locator('crm-dialog[open]')
    await expect(dialog.getByTestId('close-summary')).toBeVisible()
    await dialog.getByLabel('Note (optional)').fill(`e2e audit ${run}`)
    await dialog.getByRole('button', { name: 'Close the audit' }).click()
    await expect(po.getByText('Audit closed. The next one starts now.')).toBeVisible()
    await expect(po.getByTestId('audit-window')).toContainText('Since the last audit (closed')
    await expect(po.getByTestId('audit-window')).toContainText('by owner')
    const cps = (
      (await (await owner.get('/api/audit/checkpoints')).json()) as { items: Array<{ id: number; note: string | null }> }
    ).items
    const checkpoint = cps.find((c) => c.note === `e2e audit ${run}`)!
    expect(checkpoint, 'the checkpoint the page closed').toBeTruthy()

    // ── the manager: a client's first name, a lesson's teacher, a branch's phone ──
    await pm.goto(`/clients/${clientId}`)
    await pm.getByLabel('First name').fill(`Lilit${run}`)
    await expect(pm.getByTestId('save-state')).toHaveText('All changes saved')
    await pm.goto(weekUrl)
    const block = pm.locator(`crm-timetable-grid .lesson[data-id="${lesson.id}"]`)
    await block.scrollIntoViewIfNeeded()
    await block.click()
    const teacher = pm.locator('crm-lesson-panel select#teacher')
    await expect(teacher).toBeVisible()
    const other = await teacher.evaluate(
      (s: HTMLSelectElement, current) => [...s.options].find((o) => o.value && o.value !== current)?.value ?? '',
      lesson.teacherId,
    )
    await teacher.selectOption(other)
    await pm.locator('crm-lesson-panel').getByRole('button', { name: 'Save' }).click()
    await expect
      .poll(async () => {
        const res = await owner.get(`/api/lessons?branchId=${central.id}&from=${monday}&to=${sunday}`)
        return ((await res.json()) as { items: Array<{ id: string; teacherId: string }> }).items.find((l) => l.id === lesson.id)
          ?.teacherId
      })
      .toBe(other)
    const patched = await pm.request.patch(`/api/branches/${branchId}`, { data: { phone: '+374 10 555 555' } })
    expect(patched.status(), await patched.text()).toBe(200)

    // ── the auditor ──
    const pa = await ac.newPage()
    await signInWithTabLanguage(pa, 'auditor')
    await pa.goto('/audit')
    await expect(pa.getByTestId('audit-window')).toContainText('by owner')
    // this audit's window, the manager's changes: exactly three, counted
    await pa.goto(`/audit?since=${checkpoint.id}`)
    await pa.getByTestId(`actor-${mgrLogin}`).click()
    await expect(pa).toHaveURL(new RegExp(`actor=${mgrLogin.replace('.', '\\.')}`))
    await expect(pa.getByTestId(`actor-${mgrLogin}`)).toContainText('3')
    const rows = pa.getByTestId('audit-list').locator('li')
    await expect(rows).toHaveCount(3)
    await expect(rows.nth(0)).toContainText('Clients')
    await expect(rows.nth(0)).toContainText(`Lilit${run}`)
    await expect(rows.nth(1)).toContainText('Timetable')
    await expect(rows.nth(2)).toContainText('Center and branches')
    const ids = await listIds(pa)

    // stepping with the keyboard: Enter opens the first, → → to the third, ← back to the lesson
    await rows.nth(0).getByRole('button').focus()
    await pa.keyboard.press('Enter')
    const step = pa.getByTestId('audit-step')
    await expect(step).toHaveAttribute('data-id', String(ids[0]))
    await expect(step.getByTestId('step-author')).toContainText(mgrLogin)
    await expect(step.getByTestId('step-lines')).toContainText('first name')
    await expect(step.getByTestId('step-lines')).toContainText(`Lilit${run}`)
    await pa.keyboard.press('ArrowRight')
    await expect(step).toHaveAttribute('data-id', String(ids[1]))
    await pa.keyboard.press('ArrowRight')
    await expect(step).toHaveAttribute('data-id', String(ids[2]))
    await expect(step.getByTestId('step-lines')).toContainText('+374 10 555 555')
    await pa.keyboard.press('ArrowLeft')
    await expect(step).toHaveAttribute('data-id', String(ids[1]))
    await expect(pa).toHaveURL(new RegExp(`change=${ids[1]}`))
    const line = step.getByTestId('step-lines').locator('tbody tr')
    await expect(line).toHaveCount(1)
    await expect(line.locator('.field-name')).toContainText('teacher')
    await expect(line.locator('.field-name')).toContainText('Lesson')
    await expect(line.locator('.before')).toHaveText(teacherName(lesson.teacherId!))
    await expect(line.locator('.after')).toHaveText(teacherName(other))
    // the URL follows the step: back goes to the third again, reload keeps the view
    await pa.goBack()
    await expect(step).toHaveAttribute('data-id', String(ids[2]))
    await pa.goForward()
    await expect(step).toHaveAttribute('data-id', String(ids[1]))
    await pa.reload()
    await expect(pa.getByTestId('audit-step')).toHaveAttribute('data-id', String(ids[1]))
    for (const lang of LANGS) {
      await picker(pa).selectOption(lang)
      await expect(pa.locator('html')).toHaveAttribute('lang', lang)
      await expect(pa.getByTestId('audit-step')).toBeVisible()
      // reloaded in this language: the lesson's name (the server's words) too
      if (lang !== 'en') await expect(pa.getByTestId('step-lines')).not.toContainText('Mon ')
      // the step and the list both reloaded: the lesson is named alike in both (never one in the old language)
      await expect
        .poll(async () => {
          const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()
          const row = squash(await pa.locator(`li[data-id="${ids[1]}"] .lines span`).first().textContent())
          const field = squash(await pa.getByTestId('step-lines').locator('td.field-name').first().textContent())
          return field.length > 0 && row.startsWith(field)
        })
        .toBe(true)
      expect(await overflowing(pa, OVERFLOW), `overflow on the audit page in ${lang}`).toEqual([])
      await pa.screenshot({ path: `docs/screenshots/audit-${lang}.png` })
    }
    await picker(pa).selectOption('en')
    await expect(pa.locator('html')).toHaveAttribute('lang', 'en')

    // the document as it was: the teacher's cell of that lesson outlined, before and after
    await pa.getByTestId('audit-step').getByRole('button', { name: 'Document as it was' }).click()
    const doc = pa.getByTestId('audit-document')
    await expect(doc).toBeVisible()
    for (const side of ['before', 'after']) {
      const cell = doc.locator(`section[data-side="${side}"] tr[data-lesson="${lesson.id}"] td[data-field="teacherId"]`)
      await expect(cell).toHaveClass(/touched/)
      await expect(cell).toHaveText(teacherName(side === 'before' ? lesson.teacherId! : other))
    }
    await expect(doc.locator('td.touched')).toHaveCount(2)
    for (const lang of LANGS) {
      await picker(pa).selectOption(lang)
      await expect(pa.locator('html')).toHaveAttribute('lang', lang)
      await expect(doc.locator('td.touched')).toHaveCount(2)
      await pa.screenshot({ path: `docs/screenshots/audit-document-${lang}.png` })
    }
    await picker(pa).selectOption('en')
    await expect(pa.locator('html')).toHaveAttribute('lang', 'en')
    await pa.keyboard.press('Escape')
    await expect(doc).toHaveCount(0)

    // the client's file as it was: its sections, the first name outlined
    await pa.keyboard.press('k')
    await expect(step).toHaveAttribute('data-id', String(ids[0]))
    await step.getByRole('button', { name: 'Document as it was' }).click()
    for (const side of ['before', 'after']) {
      const row = doc.locator(`section[data-side="${side}"] tr[data-path="profile.firstName"]`)
      await expect(row).toHaveClass(/touched/)
      await expect(row).toContainText(side === 'before' ? `Lia${run}` : `Lilit${run}`)
    }
    await expect(doc.locator('section[data-side="after"] h4').first()).toHaveText('Profile')
    await pa.screenshot({ path: 'test-results/screens/audit-document-client.png' })
    await pa.keyboard.press('Escape')
    await expect(doc).toHaveCount(0)
    await pa.keyboard.press('j')
    await expect(step).toHaveAttribute('data-id', String(ids[1]))

    // queried, with a comment, for the demo manager to follow up
    const comment = `Why another teacher? ${run}`
    await step.getByLabel('Comment').fill(comment)
    await step.getByLabel('For follow-up by').selectOption({ label: await optionLabel(pa, 'manager') })
    await step.getByRole('button', { name: 'Queried' }).click()
    await expect(step.getByTestId('mark-latest')).toContainText('Queried by auditor')
    await expect(step.getByTestId('mark-latest')).toContainText('For manager to follow up')
    await expect(step.getByTestId('mark-latest')).toContainText(comment)
    await expect(rows.nth(1)).toContainText('Queried')

    // the follow-up list has it
    await pa.getByRole('link', { name: 'Queried', exact: true }).click()
    await expect(pa.getByTestId('audit-queried').locator('li', { hasText: comment })).toContainText('For manager to follow up')

    // past audits: the one the owner closed, with its note and links
    await pa.getByRole('link', { name: 'Past audits' }).click()
    const past = pa.locator(`[data-checkpoint="${checkpoint.id}"]`)
    await expect(past).toContainText('by owner')
    await expect(past).toContainText(`e2e audit ${run}`)
    await expect(past.getByRole('link', { name: 'Report PDF' })).toHaveAttribute(
      'href',
      `/api/audit/checkpoints/${checkpoint.id}/report.pdf`,
    )
    for (const lang of LANGS) {
      await picker(pa).selectOption(lang)
      await expect(pa.locator('html')).toHaveAttribute('lang', lang)
      expect(await overflowing(pa, OVERFLOW), `overflow on past audits in ${lang}`).toEqual([])
      await pa.screenshot({ path: `docs/screenshots/audit-past-${lang}.png` })
    }
    await picker(pa).selectOption('en')
  } finally {
    await Promise.all([oc.close(), mc.close(), ac.close()])
  }
})

/** The assignee picker's option for a login ("Name (login)"). */
async function optionLabel(page: Page, login: string): Promise<string> {
  const label = await page
    .getByTestId('audit-step')
    .getByLabel('For follow-up by')
    .evaluate((s: HTMLSelectElement, l) => [...s.options].find((o) => o.text.endsWith(`(${l})`))?.text ?? '', login)
  expect(label, `an option for ${login}`).not.toBe('')
  return label
}

highlightSinceAuditTest()
