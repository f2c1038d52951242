import type { Locator } from '@playwright/test'
import { type APIRequestContext, expect, test } from './fixtures'
import { NAMES, PASSWORD, shot, signInFast } from './support'

/** reception2 is not in support.ts's NAMES (db/seed.ts: Lucy Chen, receptionist at Riverside). */
const RECEPTION2 = 'Lucy Chen'

/** A name no seeded or parallel test client has, so duplicate checks never interfere. */
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`
/** A phone number nobody else uses (7 random digits). */
const phone = () => `+49 170 ${String(Math.floor(1e6 + Math.random() * 8.9e6))}`

/** YYYY-MM-DD `years` ago (today's month and day). */
function yearsAgo(years: number): string {
  const d = new Date()
  d.setFullYear(d.getFullYear() - years)
  return d.toISOString().slice(0, 10)
}

/** Registers an adult client through the API as `login`; returns its id. */
async function registerViaApi(request: APIRequestContext, login: string, client: Record<string, unknown>): Promise<string> {
  const signIn = await request.post('/api/auth/login', { data: { login, password: PASSWORD } })
  expect(signIn.status()).toBe(200)
  const res = await request.post('/api/clients', {
    data: { consent: true, source: 'walk_in', guardians: [], confirmNotDuplicate: true, ...client },
  })
  expect(res.status(), await res.text()).toBe(201)
  return ((await res.json()) as { id: string }).id
}

test('a receptionist registers a minor: without a guardian the guardians section says why, with one the new file opens', async ({
  page,
}) => {
  const lastName = unique('Kern')
  await signInFast(page, 'reception', '/clients')
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('row').nth(1)).toBeVisible()
  await shot(page, 'clients-list')

  await page.getByRole('link', { name: 'Register client' }).click()
  await expect(page).toHaveURL(/\/clients\/new$/)
  await page.getByLabel('First name').fill('Mia')
  await page.getByLabel('Last name').fill(lastName)
  await page.getByLabel('Birth date').fill(yearsAgo(8))
  await page.getByLabel('Consent to data processing').check()
  await page.getByRole('button', { name: 'Register client' }).click()

  // refused (by the registration rules, before sending): a minor needs a guardian; the message sits on the guardians section
  const guardians = page.getByTestId('guardians-section')
  await expect(guardians.getByRole('alert')).toHaveText('A client under 18 needs at least one guardian')
  await expect(page.getByLabel('First name')).toHaveValue('Mia') // nothing typed is lost
  await expect(page.getByLabel('Last name')).toHaveValue(lastName)
  await page.setViewportSize({ width: 1366, height: 900 })
  await shot(page, 'clients-register-errors')
  await page.setViewportSize({ width: 1366, height: 768 })

  await guardians.getByRole('button', { name: '+ Add guardian' }).click()
  const g = page.getByTestId('guardian-0')
  await g.getByLabel('Phone').fill(phone())
  await g.getByLabel('Name').fill(`Eva ${lastName}`)
  await g.getByLabel('Relation').fill('mother')
  await page.getByRole('button', { name: 'Register client' }).click()

  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Mia ${lastName}`)
  await expect(page.getByTestId('client-header')).toContainText('8 years')
  await expect(page.getByTestId('file-guardians').getByRole('heading', { name: `Eva ${lastName}` })).toBeVisible()
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved')
})

test('two receptionists edit the same client file live and see each other there', async ({ browser }) => {
  // two browsers on one (often busy) machine: more than the default time, still well under the suite budget
  test.setTimeout(90_000)
  const [a, b] = await Promise.all([browser.newContext(), browser.newContext()])
  try {
    const [pa, pb] = await Promise.all([a.newPage(), b.newPage()])
    const lastName = unique('Berg')
    // a.request shares context a's cookies: registering through it also signs pa in
    const [id] = await Promise.all([
      registerViaApi(a.request, 'reception', { firstName: 'Liam', lastName, birthDate: '1990-06-01', phone: phone() }),
      signInFast(pb, 'reception2', '/workspace'),
    ])
    await Promise.all([pa.goto(`/clients/${id}`), pb.goto(`/clients/${id}`)])

    // presence: each sees the other
    await expect(pa.getByTestId('presence-names')).toContainText(RECEPTION2)
    await expect(pb.getByTestId('presence-names')).toContainText(NAMES.reception)

    // a field of the traits map: typed in one browser, shown in the other
    const needs = 'Sits near the front; short breaks every 20 minutes'
    await pa.getByRole('textbox', { name: 'Needs', exact: true }).fill(needs)
    await expect(pb.getByRole('textbox', { name: 'Needs', exact: true })).toHaveValue(needs, { timeout: 3000 })
    // the field she is in carries her name and colour on the other screen
    await expect(pb.getByTestId('editing-traits.needs')).toHaveText(NAMES.reception)

    // the shared notes (Y.Text): one writes, the other adds to it, nobody's words are lost
    await pb.getByRole('textbox', { name: 'Notes', exact: true }).fill('Loves robots.')
    await expect(pa.getByRole('textbox', { name: 'Notes', exact: true })).toHaveValue('Loves robots.', { timeout: 3000 })
    await pa.getByRole('textbox', { name: 'Notes', exact: true }).press('End')
    await pa.keyboard.type(' Shy.')
    await expect(pb.getByRole('textbox', { name: 'Notes', exact: true })).toHaveValue('Loves robots. Shy.', { timeout: 3000 })

    await expect(pa.getByTestId('save-state')).toHaveText('All changes saved')
    await expect(pb.getByTestId('save-state')).toHaveText('All changes saved')
    // and the other way round, at the top of the file
    await pb.getByLabel('First name').focus()
    await pa.evaluate(() => window.scrollTo(0, 0))
    await expect(pa.getByTestId('editing-profile.firstName')).toHaveText(RECEPTION2)
    await shot(pa, 'client-file-two-users')
  } finally {
    await a.close()
    await b.close()
  }
})

test('a teacher adds an observation to a client file and it appears with her name', async ({ page, request }) => {
  const id = await registerViaApi(request, 'reception', {
    firstName: 'Ivy',
    lastName: unique('Stone'),
    birthDate: '2000-01-01',
    phone: phone(),
  })
  await signInFast(page, 'teacher', `/clients/${id}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ivy')
  // teachers read the file but do not edit it
  await expect(page.getByTestId('doc-state')).toHaveText('Read only')
  await expect(page.getByLabel('First name')).toHaveJSProperty('readOnly', true)
  // the birth date too: shown, not typed into, and its calendar does not open
  await expect(page.getByLabel('Birth date')).toHaveJSProperty('readOnly', true)
  await expect(page.getByRole('button', { name: 'Choose on a calendar' })).toBeDisabled()
  await expect(page.getByRole('button', { name: 'Change status' })).toHaveCount(0)

  await page.getByLabel('Add observation').fill('Focused well on the new gearbox task')
  await page.getByLabel('Activity').fill('Robotics')
  await page.getByRole('button', { name: 'Add observation' }).click()
  const newest = page.getByTestId('observations').getByRole('listitem').first()
  await expect(newest).toContainText(NAMES.teacher)
  await expect(newest).toContainText('Focused well on the new gearbox task')
  await expect(newest).toContainText('Robotics')
  await expect(page.getByLabel('Add observation')).toHaveValue('')
})

test('the list filters by activity, group, teacher and debt, and keeps them in the URL', async ({ page }) => {
  await signInFast(page, 'reception', '/clients')
  const rows = page.locator('crm-client-table [data-testid^="client-row-"]')
  await expect(rows.first()).toBeVisible()

  // the demo's Robotics groups (Juniors and Advanced, both Karen Miller's)
  await page.getByLabel('Activity').selectOption({ label: 'Robotics' })
  await expect(page).toHaveURL(/[?&]activity=[0-9a-f-]{36}/)
  const group = page.getByLabel('Group')
  await expect(group.locator('option')).toHaveText([
    'All groups',
    `Robotics Advanced (${NAMES.teacher})`,
    `Robotics Juniors (${NAMES.teacher})`,
  ])
  await expect(rows.first()).toBeVisible()
  const inActivity = await rows.count()
  expect(inActivity).toBeGreaterThan(5)

  await group.selectOption({ label: `Robotics Advanced (${NAMES.teacher})` })
  await expect(page).toHaveURL(/[?&]group=[0-9a-f-]{36}/)
  await expect.poll(() => rows.count()).toBeLessThan(inActivity)
  await expect(rows.first()).toBeVisible()

  // the teacher of that group: the group stays chosen (another teacher's name would drop it)
  await page.getByLabel('Teacher').selectOption({ label: NAMES.teacher })
  await expect(page).toHaveURL(/[?&]teacher=/)
  await expect(page).toHaveURL(/[?&]group=/)
  await expect(page.getByText('Loading…')).toHaveCount(0)
  await expect(rows.first()).toBeVisible()
  await shot(page, 'clients-list-filters')

  // the debt filter: of the group, the teacher's clients who owe (the demo's passes leave debts and
  // owed visits); when none of them owes, the list says so plainly
  const url = new URL(page.url()).searchParams
  const chosen = `activityId=${url.get('activity')}&groupId=${url.get('group')}&teacherId=${url.get('teacher')}`
  await page.getByLabel('Owing').check()
  await expect(page).toHaveURL(/[?&]owing=1/)
  await expect(page.getByText('Loading…')).toHaveCount(0)
  const owingHere = await owingIds(page.request, chosen)
  if (owingHere.length === 0) await expect(page.getByText('No client matches these filters.')).toBeVisible()
  else await expect(rows.first()).toHaveAttribute('data-testid', `client-row-${owingHere[0]}`)
  for (const id of await shownIds(rows)) expect(owingHere).toContain(id)

  // the filters survive a reload, and clear in one go
  await page.reload()
  await expect(page.getByLabel('Owing')).toBeChecked()
  await expect(page.getByLabel('Group')).toHaveValue(/[0-9a-f-]{36}/)
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page).toHaveURL(/\/clients$/)
  await expect(page.getByLabel('Activity')).toHaveValue('')
  await expect(rows.first()).toBeVisible()

  // the debt filter alone: the demo's debtors, in name order, and nobody who doesn't owe
  await page.getByLabel('Owing').check()
  await expect(page).toHaveURL(/\/clients\?owing=1$/)
  await expect(page.getByText('Loading…')).toHaveCount(0)
  const owing = await owingIds(page.request, '')
  expect(owing.length).toBeGreaterThan(0)
  await expect(rows.first()).toHaveAttribute('data-testid', `client-row-${owing[0]}`)
  for (const id of await shownIds(rows)) expect(owing).toContain(id)
})

/** The ids of the clients who owe under a list filter (query string), as the server says, in the list's order. */
async function owingIds(request: APIRequestContext, filter: string): Promise<string[]> {
  const res = await request.get(`/api/clients?limit=200&owing=true${filter ? `&${filter}` : ''}`)
  expect(res.status()).toBe(200)
  return ((await res.json()) as { items: Array<{ id: string }> }).items.map((c) => c.id)
}

/** The client ids of the rows the (virtualised) list has rendered. */
async function shownIds(rows: Locator): Promise<string[]> {
  return (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).map((t) =>
    t.replace('client-row-', ''),
  )
}
