import { type Page, expect, test } from './fixtures'
import { LANGS, picker, signInWithTabLanguage } from './languages-support'
import { PASSWORD, signInFast } from './support'

/**
 * "Highlight since audit" (issue #16): the owner closes an audit; a receptionist then changes a
 * lesson's teacher, deletes another lesson and changes a client's first name; the auditor turns the toggle on in that week of the
 * timetable and in that client's file and sees exactly those outlined. A change the auditor queries
 * for the receptionist shows in her workspace. Screenshots:
 * docs/screenshots/audit-highlight-timetable-{hy,ru,en}.png, audit-highlight-client-{hy,ru,en}.png,
 * workspace-queried-{hy,ru,en}.png.
 *
 * The week is one far ahead (a few months, at random), generated here: the other specs edit this
 * week and the next, never it.
 */

const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
const phone = () => `+49 170 ${String(Math.floor(1e6 + Math.random() * 8.9e6))}`

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7))

/** The elements of the client file outlined since the audit: the paths their fields announce. */
function outlinedFields(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot)
        if (getComputedStyle(el).outlineStyle !== 'dashed') continue
        if (el.matches('.field, fieldset.scale'))
          out.push(
            [...el.querySelectorAll('[data-focus]')].map((x) => (x as HTMLElement).dataset.focus).join('|') || el.className,
          )
        else if (el.localName.startsWith('crm-client-')) out.push(el.localName)
      }
    }
    walk(document)
    return out.sort()
  })
}

/**
 * Registered by audit.spec.ts, in the same file as the Audit screens' test: both close audits, and
 * each reads "since the last audit", so they must not run at the same time (one file, in order).
 */
export function highlightSinceAuditTest() {
  test('the auditor sees what changed since the audit outlined; a queried change reaches the receptionist', async ({
    browser,
  }) => {
    test.setTimeout(180_000)
    const [oc, rc, ac] = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()])
    try {
      // ── before the audit closes: a far week generated, a client registered and opened ──
      const owner = oc.request
      expect((await owner.post('/api/auth/login', { data: { login: 'owner', password: PASSWORD } })).status()).toBe(200)
      const { items: branches } = (await (await owner.get('/api/branches')).json()) as {
        items: Array<{ id: string; name: string; timezone: string }>
      }
      const central = branches.find((b) => b.name === 'Central')!
      const today = new Date().toISOString().slice(0, 10)
      // a week 10–23 weeks on, picked at random, that has lessons (not in a holiday)
      const offsets = Array.from({ length: 14 }, (_, i) => 10 + i).sort(() => Math.random() - 0.5)
      type Listed = { id: string; teacherId: string | null; status: string; start: string | null }
      let lessons: Listed[] = []
      let monday = ''
      for (const weeks of offsets) {
        monday = mondayOf(addDays(today, 7 * weeks))
        const sunday = addDays(monday, 6)
        const gen = await owner.post('/api/timetable/generate', { data: { branchId: central.id, from: monday, to: sunday } })
        expect(gen.status(), await gen.text()).toBe(200)
        lessons = (
          (await (await owner.get(`/api/lessons?branchId=${central.id}&from=${monday}&to=${sunday}`)).json()) as {
            items: Listed[]
          }
        ).items.filter((l) => l.status === 'planned' && l.teacherId && l.start)
        if (lessons.length > 1) break
      }
      expect(lessons.length, `lessons generated in ${monday}`).toBeGreaterThan(1)
      const sunday = addDays(monday, 6)
      const lesson = lessons[0]
      const weekUrl = `/timetable?branch=${central.id}&date=${lesson.start!.slice(0, 10)}&view=week`

      const pr = await rc.newPage()
      await signInFast(pr, 'reception', '/clients')
      const first = unique('Mila')
      const created = await pr.request.post('/api/clients', {
        data: {
          firstName: first,
          lastName: unique('Audit'),
          birthDate: '1994-05-06',
          phone: phone(),
          consent: true,
          source: 'walk_in',
          guardians: [],
          confirmNotDuplicate: true,
        },
      })
      expect(created.status(), await created.text()).toBe(201)
      const clientId = ((await created.json()) as { id: string }).id
      await pr.goto(`/clients/${clientId}`)
      await expect(pr.getByTestId('save-state')).toHaveText('All changes saved')

      // ── the owner closes the audit ──
      const closed = await owner.post('/api/audit/checkpoints', { data: { note: 'e2e: highlight since audit' } })
      expect(closed.status(), await closed.text()).toBe(201)

      // ── the receptionist changes the lesson's teacher and the client's first name ──
      const renamed = unique('Mira')
      await pr.getByLabel('First name').fill(renamed)
      await expect(pr.getByTestId('save-state')).toHaveText('All changes saved')
      await pr.goto(weekUrl)
      await expect(pr.locator('crm-timetable-grid[editable]')).toBeVisible()
      const block = pr.locator(`crm-timetable-grid .lesson[data-id="${lesson.id}"]`)
      await block.scrollIntoViewIfNeeded()
      await block.click()
      const teacher = pr.locator('crm-lesson-panel select#teacher')
      await expect(teacher).toBeVisible()
      const other = await teacher.evaluate(
        (s: HTMLSelectElement, current) => [...s.options].find((o) => o.value && o.value !== current)?.value ?? '',
        lesson.teacherId,
      )
      expect(other, 'another teacher to choose').not.toBe('')
      const otherName = (await teacher.locator(`option[value="${other}"]`).textContent())?.trim() ?? ''
      await teacher.selectOption(other)
      await pr.locator('crm-lesson-panel').getByRole('button', { name: 'Save' }).click()
      await expect
        .poll(async () => {
          const res = await owner.get(`/api/lessons?branchId=${central.id}&from=${monday}&to=${sunday}`)
          const items = ((await res.json()) as { items: Array<{ id: string; teacherId: string }> }).items
          return items.find((l) => l.id === lesson.id)?.teacherId
        })
        .toBe(other)
      // and deletes another lesson of the week
      const gone = lessons[1]
      const goneBlock = pr.locator(`crm-timetable-grid .lesson[data-id="${gone.id}"]`)
      await goneBlock.scrollIntoViewIfNeeded()
      await goneBlock.click()
      await pr.locator('crm-lesson-panel').getByRole('button', { name: 'Delete lesson…' }).click()
      await pr.locator('crm-lesson-panel').getByRole('button', { name: 'Delete', exact: true }).click()
      await expect(goneBlock).toHaveCount(0)
      await expect
        .poll(async () => {
          const res = await owner.get(`/api/lessons?branchId=${central.id}&from=${monday}&to=${sunday}`)
          return ((await res.json()) as { items: Array<{ id: string }> }).items.some((l) => l.id === gone.id)
        })
        .toBe(false)
      // (she leaves the week: her selection is not drawn on the auditor's grid)
      await pr.goto('/clients')

      // ── the auditor: the week, toggle on → exactly that lesson outlined ──
      const pa = await ac.newPage()
      await signInWithTabLanguage(pa, 'auditor')
      await pa.goto(weekUrl)
      await expect(pa.locator(`crm-timetable-grid .lesson[data-id="${lesson.id}"]`)).toBeVisible()
      const toggle = pa.locator('crm-timetable-toolbar').getByTestId('highlight-since-audit')
      await expect(toggle).not.toBeChecked()
      await toggle.check()
      const legend = pa.getByTestId('since-audit-legend')
      await expect(legend).toContainText('Outlined: changed since the audit closed on')
      await expect(legend).toContainText('by owner')
      await expect(pa.getByTestId('since-audit-removed')).toHaveText('1 lesson removed')
      const outlined = pa.locator('crm-timetable-grid .lesson[data-since-audit]')
      await expect(outlined).toHaveCount(1)
      await expect(outlined).toHaveAttribute('data-id', lesson.id)
      await expect(outlined).toHaveAttribute('aria-label', /Changed since the audit/)
      // remembered: the week again, the toggle still on
      await pa.reload()
      await expect(pa.locator('crm-timetable-toolbar').getByTestId('highlight-since-audit')).toBeChecked()
      await expect(pa.locator('crm-timetable-grid .lesson[data-since-audit]')).toHaveCount(1)
      // its panel outlines the field that changed: the teacher
      await pa.locator(`crm-timetable-grid .lesson[data-id="${lesson.id}"]`).click()
      const changedField = pa.locator('crm-lesson-panel .since-audit')
      await expect(changedField).toHaveCount(1)
      await expect(changedField).toHaveText(otherName)
      for (const lang of LANGS) {
        await picker(pa).selectOption(lang)
        await expect(pa.locator('html')).toHaveAttribute('lang', lang)
        await expect(pa.getByTestId('since-audit-legend')).not.toContainText(lang === 'en' ? 'Looking' : 'Outlined')
        await pa.screenshot({ path: `docs/screenshots/audit-highlight-timetable-${lang}.png` })
      }
      await picker(pa).selectOption('en')
      await expect(pa.locator('html')).toHaveAttribute('lang', 'en')

      // ── the auditor: the client's file, toggle on → exactly the first name outlined ──
      await pa.goto(`/clients/${clientId}`)
      await expect(pa.getByLabel('First name')).toHaveValue(renamed)
      const fileToggle = pa.locator('crm-client-file-tab').getByTestId('highlight-since-audit')
      await expect(fileToggle).not.toBeChecked()
      await fileToggle.check()
      await expect(pa.locator('crm-client-file-tab').getByTestId('since-audit-legend')).toContainText('1 field changed')
      await expect.poll(() => outlinedFields(pa)).toEqual(['profile.firstName'])
      for (const lang of LANGS) {
        await picker(pa).selectOption(lang)
        await expect(pa.locator('html')).toHaveAttribute('lang', lang)
        await pa.screenshot({ path: `docs/screenshots/audit-highlight-client-${lang}.png` })
      }
      await picker(pa).selectOption('en')

      // ── queried for the receptionist: it shows in her workspace ──
      const changes = (await (await pa.request.get(`/api/audit/changes?doc=client:${clientId}&limit=50`)).json()) as {
        items: Array<{ id: number; changes: Array<{ path: string }> }>
      }
      const change = changes.items.find((i) => i.changes.some((c) => c.path === 'profile.firstName'))
      expect(change, 'the first name’s change in the feed').toBeTruthy()
      const me = (await (await pr.request.get('/api/auth/me')).json()) as { user: { id: string } }
      const comment = `Why was ${first} renamed?`
      const mark = await pa.request.put(`/api/audit/changes/${change!.id}/mark`, {
        data: { status: 'queried', comment, assigneeId: me.user.id },
      })
      expect(mark.status(), await mark.text()).toBe(200)

      const pw = await rc.newPage()
      await signInWithTabLanguage(pw, 'reception')
      await pw.goto('/workspace')
      const card = pw.getByTestId('audit-queries')
      await expect(card).toBeVisible()
      const item = card.getByTestId('audit-query').filter({ hasText: comment })
      await expect(item).toBeVisible()
      await expect(item).toContainText(renamed)
      await expect(item).toContainText('Queried by auditor')
      for (const lang of LANGS) {
        await picker(pw).selectOption(lang)
        await expect(pw.locator('html')).toHaveAttribute('lang', lang)
        await expect(item).toBeVisible()
        await pw.screenshot({ path: `docs/screenshots/workspace-queried-${lang}.png` })
      }
      await picker(pw).selectOption('en')
      // cleared so the receptionist's workspace is as the other specs expect it
      await pa.request.put(`/api/audit/changes/${change!.id}/mark`, { data: { status: 'verified' } })

      // staff without queries see nothing new (the Audit screens' test queries a change for the manager: another user)
      const pm = await oc.newPage()
      await signInFast(pm, 'teacher2', '/workspace')
      await expect(pm.getByRole('heading', { level: 2 }).first()).toBeVisible()
      await expect(pm.getByTestId('audit-queries')).toHaveCount(0)
    } finally {
      await Promise.all([oc.close(), rc.close(), ac.close()])
    }
  })
}
