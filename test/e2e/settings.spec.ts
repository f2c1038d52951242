import { translatorFor } from '../../domain/i18n/translator'
import { expect, test } from './fixtures'
import { LANGS, overflowing, picker, shownText, signInWithTabLanguage } from './languages-support'
import { PASSWORD, signInFast } from './support'

/**
 * Registration settings (owner, manager) and Calendar feeds (teacher: their own lessons; owner and
 * managers: a room, a group, any teacher; the owner revokes), used as the people who do the job, in
 * Armenian, Russian and English, with screenshots (docs/screenshots/registration-settings-*,
 * calendar-feeds-*).
 */

/** What one of these screens' message ids looks like when it shows instead of its text. */
const RAW_ID = /\b(settings|nav|errors)\.[a-zA-Z_]+(\.[a-zA-Z_]+)*\b/
const OVERFLOW = 'nav a, h1, h2, th, td, button, label, legend, p, .chip'

// both change the center's registration settings: one after the other, never beside each other
test.describe('registration settings', () => {
  test.describe.configure({ mode: 'serial' })

  test('a manager adds an age category, sees what registration asks for per category, and saves', async ({ page }) => {
    await signInFast(page, 'manager', '/registration-settings')
    const before = await (await page.request.get('/api/settings/registration')).json()
    try {
      await expect(page.getByRole('heading', { level: 1, name: 'Registration settings' })).toBeVisible()
      const matrix = page.locator('section.matrix')
      // a guardian is asked for below 18 only
      const guardian = matrix.locator('tr[data-field="guardian"] td')
      await expect(guardian).toHaveText(['Mandatory', 'Mandatory', 'Mandatory', 'Mandatory', 'Optional'])

      // ticking Email makes it mandatory in every category, shown at once (not saved yet)
      await page.getByLabel('Email', { exact: true }).check()
      await expect(page.getByText('Unsaved changes')).toBeVisible()
      await expect(matrix.locator('tr[data-field="email"] td.yes')).toHaveCount(5)
      await page.getByLabel('Email', { exact: true }).uncheck()
      await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled()

      // a category that overlaps another is named by the field, and nothing is saved
      await page.getByRole('button', { name: 'Add a category' }).click()
      await expect(page.getByLabel('Code of category 6')).toBeFocused()
      await page.getByLabel('Code of category 6').fill('toddler')
      await page.getByLabel('Name of category 6').fill('0–2')
      await page.getByLabel('From (years), category 6').fill('0')
      await page.getByLabel('To (years), category 6').fill('3')
      await page.getByRole('button', { name: 'Save settings' }).click()
      await expect(page.getByText('Overlaps the category 3–5')).toBeVisible()
      await expect(page.getByLabel('From (years), category 6')).toBeFocused()
      expect(await (await page.request.get('/api/settings/registration')).json()).toEqual(before)

      await page.getByLabel('To (years), category 6').fill('2')
      await page.getByRole('button', { name: 'Save settings' }).click()
      await expect(page.getByText('Registration settings saved.')).toBeVisible()
      const after = (await (await page.request.get('/api/settings/registration')).json()) as { ageCategories: unknown[] }
      expect(after.ageCategories).toContainEqual({ key: 'toddler', label: '0–2', min: 0, max: 2 })
      await expect(guardian).toHaveText(['Mandatory', 'Mandatory', 'Mandatory', 'Mandatory', 'Optional', 'Mandatory'])

      // removing it by keyboard: the Remove button, then focus stays in the table
      await page.getByRole('button', { name: 'Remove the category 0–2' }).focus()
      await page.keyboard.press('Enter')
      await expect(page.getByRole('button', { name: 'Add a category' })).toBeFocused()
      await page.getByRole('button', { name: 'Save settings' }).click()
      await expect(page.getByText('Registration settings saved.').first()).toBeVisible()
      await expect
        .poll(
          async () =>
            ((await (await page.request.get('/api/settings/registration')).json()) as { ageCategories: unknown[] }).ageCategories,
        )
        .toEqual(before.ageCategories)
    } finally {
      await page.request.put('/api/settings/registration', { data: before })
    }
  })

  test('a manager makes a field mandatory for one age category in the table; registration follows the client’s age', async ({
    page,
  }) => {
    await signInFast(page, 'manager', '/registration-settings')
    const before = await (await page.request.get('/api/settings/registration')).json()
    try {
      const matrix = page.locator('section.matrix')
      // the old setting is every category's: Email is nobody's yet
      await expect(matrix.locator('tr[data-field="email"] input[type="checkbox"]:checked')).toHaveCount(0)
      // from the keyboard: the table's checkbox for Email of 6–9
      const cell = page.getByRole('checkbox', { name: 'Email mandatory for 6–9' })
      await cell.focus()
      await page.keyboard.press('Space')
      await expect(cell).toBeChecked()
      await expect(matrix.locator('tr[data-field="email"] td.yes')).toHaveCount(1)
      await expect(page.getByLabel('Email', { exact: true })).not.toBeChecked()
      await page.getByRole('button', { name: 'Save settings' }).click()
      await expect(page.getByText('Registration settings saved.')).toBeVisible()
      const saved = (await (await page.request.get('/api/settings/registration')).json()) as {
        requiredFields: string[]
        requiredByCategory: Record<string, string[]>
      }
      expect(saved.requiredByCategory.junior).toContain('email')
      expect(saved.requiredFields).not.toContain('email')
      expect(Object.keys(saved.requiredByCategory)).toEqual(['junior'])

      // registration: a child of 8 without an email is refused naming the field; an adult is not asked
      const year = new Date().getUTCFullYear()
      const kid = await page.request.post('/api/clients', {
        data: {
          firstName: 'Nare',
          lastName: `Table${Date.now()}`,
          birthDate: `${year - 8}-01-01`,
          consent: true,
          guardians: [{ name: 'Parent Table', relation: 'mother', phone: '+374 91 222333', canPickUp: true }],
          confirmNotDuplicate: true,
        },
      })
      expect(kid.status()).toBe(400)
      expect(((await kid.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('email')
      await page.reload()
      await expect(page.getByRole('checkbox', { name: 'Email mandatory for 6–9' })).toBeChecked()
      await page.getByRole('checkbox', { name: 'Email mandatory for 6–9' }).scrollIntoViewIfNeeded()
      await page.screenshot({ path: 'docs/screenshots/registration-settings-by-age-en.png' })
    } finally {
      await page.request.put('/api/settings/registration', { data: before })
    }
  })
})

test('a receptionist has no registration settings; the screen is not in her menu', async ({ page }) => {
  await signInFast(page, 'reception')
  await expect(page.locator('nav#sidebar').getByRole('link', { name: 'Registration settings' })).toHaveCount(0)
  await expect(page.locator('nav#sidebar').getByRole('link', { name: 'Calendar feeds' })).toHaveCount(0)
  expect((await page.request.put('/api/settings/registration', { data: { requiredFields: [] } })).status()).toBe(403)
})

test('a teacher makes a feed of her own lessons and copies its link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await signInFast(page, 'teacher')
  await page.locator('nav#sidebar').getByRole('link', { name: 'Calendar feeds' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar feeds' })).toBeVisible()
  await expect(page.getByText('My lessons: Karen Miller')).toBeVisible()
  await page.getByRole('button', { name: 'Create feed' }).click()
  const link = page.getByLabel('Feed link')
  await expect(link).toHaveValue(/\/ical\/[A-Za-z0-9_-]+\.ics$/)
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByText('Link copied.')).toBeVisible()
  const url = await link.inputValue()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url)
  const ics = await page.request.get(new URL(url).pathname)
  expect(ics.status()).toBe(200)
  expect(ics.headers()['content-type']).toContain('text/calendar')
  expect(await ics.text()).toContain('BEGIN:VCALENDAR')
  await page.screenshot({ path: 'docs/screenshots/calendar-feeds-teacher-en.png', fullPage: true })
})

test('a manager makes a room feed; the owner finds it, revokes it, and its link stops working', async ({ page, browser }) => {
  await signInFast(page, 'manager', '/calendar-feeds')
  await page.getByLabel('Lessons of').selectOption({ label: 'A room' })
  // the manager works in every branch, other specs add branches of their own: the room's is chosen
  await page.getByLabel('Branch', { exact: true }).selectOption({ label: 'Central' })
  await page.getByRole('button', { name: 'Create feed' }).click()
  await expect(page.getByText('Choose what the feed shows')).toBeVisible()
  await expect(page.getByLabel('Room', { exact: true })).toBeFocused()
  await page.getByLabel('Room', { exact: true }).selectOption({ label: 'Robotics Lab' })
  await page.getByRole('button', { name: 'Create feed' }).click()
  const url = await page.getByLabel('Feed link').inputValue()
  expect(url).toMatch(/\.ics$/)
  const row = page.locator('crm-data-table tbody tr', { hasText: 'Room: Robotics Lab' }).first()
  await expect(row).toContainText('Active')
  // managers do not revoke
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0)
  await expect(page.getByText('Only the owner revokes feeds (a teacher: the feeds of their own lessons).')).toBeVisible()

  const owner = await browser.newContext()
  const op = await owner.newPage()
  expect((await op.request.post('/api/auth/login', { data: { login: 'owner', password: PASSWORD } })).status()).toBe(200)
  await op.goto('/calendar-feeds')
  await op.getByLabel('Search feeds').fill('robotics')
  const ownerRow = op.locator('crm-data-table tbody tr', { hasText: 'Room: Robotics Lab' }).first()
  const revoke = ownerRow.getByRole('button', { name: 'Revoke the feed of Room: Robotics Lab' })
  // from the keyboard: Enter opens the question, Escape closes it, and focus is back on the button
  await revoke.focus()
  await op.keyboard.press('Enter')
  await expect(op.getByRole('dialog', { name: 'Revoke this feed?' })).toBeVisible()
  await op.keyboard.press('Escape')
  await expect(op.locator('crm-dialog[open]')).toHaveCount(0)
  await expect(revoke).toBeFocused()
  await revoke.click()
  await op.locator('crm-dialog[open]').getByRole('button', { name: 'Revoke', exact: true }).click()
  await expect(op.getByText('Feed revoked.')).toBeVisible()
  expect((await op.request.get(new URL(url).pathname)).status()).toBe(404)
  await op.getByLabel('Show revoked feeds').check()
  await expect(op.locator('crm-data-table tbody tr[data-state="revoked"]').first()).toContainText('Revoked')
  await owner.close()
})

test('a teacher lists the feeds of her own lessons and revokes one from the keyboard; its link stops working', async ({
  page,
}) => {
  await signInFast(page, 'teacher2', '/calendar-feeds')
  const me = ((await (await page.request.get('/api/auth/me')).json()) as { user: { name: string } }).user
  await expect(page.getByRole('heading', { level: 2, name: 'My feeds' })).toBeVisible()
  await page.getByRole('button', { name: 'Create feed' }).click()
  const url = await page.getByLabel('Feed link').inputValue()
  expect((await page.request.get(new URL(url).pathname)).status()).toBe(200)
  // a teacher makes no feed of a room or a branch
  const anywhere = '00000000-0000-4000-8000-000000000000'
  for (const kind of ['room', 'branch'])
    expect((await page.request.post('/api/calendar-feeds', { data: { kind, subjectId: anywhere } })).status()).toBe(403)
  const rows = page.locator('crm-data-table tbody tr[data-state="active"]', { hasText: `Teacher: ${me.name}` })
  await expect(rows.first()).toBeVisible()
  const count = await rows.count()
  const revoke = rows.first().getByRole('button', { name: `Revoke the feed of Teacher: ${me.name}` })
  await revoke.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog', { name: 'Revoke this feed?' })).toBeVisible()
  await page.locator('crm-dialog[open]').getByRole('button', { name: 'Revoke', exact: true }).click()
  await expect(page.getByText('Feed revoked.')).toBeVisible()
  await expect(rows).toHaveCount(count - 1)
  // every feed made here is revoked by now or still listed: the one made above, if still listed, goes too
  const left = await page.request.get('/api/calendar-feeds')
  const mine = ((await left.json()) as { items: Array<{ id: string; revokedAt: string | null }> }).items
  expect(mine.length).toBeGreaterThan(0)
  for (const f of mine.filter((x) => !x.revokedAt))
    expect((await page.request.delete(`/api/calendar-feeds/${f.id}`)).status()).toBe(204)
  expect((await page.request.get(new URL(url).pathname)).status()).toBe(404)
  await page.getByLabel('Show revoked feeds').check()
  await expect(page.locator('crm-data-table tbody tr[data-state="revoked"]').first()).toContainText('Revoked')
  await page.screenshot({ path: 'docs/screenshots/calendar-feeds-teacher-list-en.png', fullPage: true })
})

test('a manager makes the feed of a whole branch', async ({ page }) => {
  await signInFast(page, 'manager', '/calendar-feeds')
  await page.getByLabel('Lessons of').selectOption({ label: 'A whole branch' })
  // the branch is what the feed follows: no separate branch choice
  await expect(page.locator('crm-calendar-feeds-page select#branch')).toHaveCount(0)
  await page.getByLabel('Branch', { exact: true }).selectOption({ label: 'Riverside' })
  await page.getByRole('button', { name: 'Create feed' }).click()
  const url = await page.getByLabel('Feed link').inputValue()
  const ics = await page.request.get(new URL(url).pathname)
  expect(ics.status()).toBe(200)
  expect(await ics.text()).toContain('BEGIN:VEVENT')
  await expect(page.locator('crm-data-table tbody tr', { hasText: 'Branch: Riverside' }).first()).toContainText('Active')
})

test('Registration settings and Calendar feeds in Armenian, Russian and English', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 })
  await signInWithTabLanguage(page, 'owner')
  for (const [path, name, title] of [
    ['/registration-settings', 'registration-settings', 'settings.registration.title'],
    ['/calendar-feeds', 'calendar-feeds', 'settings.feeds.title'],
  ] as const) {
    await page.goto(path)
    for (const lang of LANGS) {
      const t = translatorFor(lang).t
      await picker(page).selectOption(lang)
      await expect(page.getByRole('heading', { level: 1, name: t(title) })).toBeVisible()
      if (name === 'registration-settings')
        await expect(page.getByRole('heading', { level: 2, name: t('settings.registration.matrix.title') })).toBeVisible()
      else await expect(page.locator('crm-data-table, p.empty').first()).toBeVisible()
      const tag = name === 'registration-settings' ? 'crm-registration-settings-page' : 'crm-calendar-feeds-page'
      expect(await shownText(page, tag)).not.toMatch(RAW_ID)
      expect(await overflowing(page, OVERFLOW), `overflow on ${name} in ${lang}`).toEqual([])
      await page.screenshot({ path: `docs/screenshots/${name}-${lang}.png`, fullPage: true })
    }
    await picker(page).selectOption('en')
  }
})
