import { expect, test } from './fixtures'
import { NAMES, PASSWORD, openDialog, shot, sidebar, signInFast } from './support'
import { navLabels } from './nav-support'

test('a receptionist signs in, sees only her areas and the workspace, and signs out', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('heading', { name: 'Clubroom' })).toBeVisible()
  await shot(page, 'login')

  // keyboard only: type and press Enter
  await page.getByLabel('Login').fill('reception')
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByLabel('Password').press('Enter')

  await expect(page).toHaveURL(/\/workspace$/)
  const header = page.getByTestId('current-user')
  await expect(header).toContainText(NAMES.reception)
  await expect(header).toContainText('Receptionist')
  const nav = sidebar(page)
  await expect(nav.getByRole('link')).toHaveText(navLabels(['receptionist']))
  // areas still to come are not in the menu at all
  await expect(nav.getByRole('link', { name: 'Stock & sales' })).toHaveCount(0)
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0)
  await expect(nav.getByRole('link', { name: 'Audit' })).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Anna')
  await expect(page.getByTestId('today')).toHaveText(/\d{4}/)
  await shot(page, 'workspace-reception')

  // plain links navigate inside the app (no reload) and mark the current area
  await nav.getByRole('link', { name: 'Clients' }).click()
  await expect(page).toHaveURL(/\/clients(\?|$)/)
  await expect(nav.getByRole('link', { name: 'Clients' })).toHaveAttribute('aria-current', 'page')
  await expect(nav.getByRole('link', { name: 'My workspace' })).not.toHaveAttribute('aria-current', 'page')

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByLabel('Login')).toBeVisible()
  // the session is really gone server-side
  const me = await page.request.get('/api/auth/me')
  expect(me.status()).toBe(401)
  await page.goto('/workspace')
  await expect(page).toHaveURL(/\/login\?next=%2Fworkspace$/)
})

test('a wrong password shows a clear error and keeps the login', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Login').fill('teacher')
  await page.getByLabel('Password').fill('not-the-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toHaveText('Wrong login or password')
  await expect(page.getByLabel('Login')).toHaveValue('teacher')
  await expect(page.getByLabel('Password')).toBeFocused()
  await shot(page, 'login-wrong-password')

  // empty fields: the server's field errors show beside each field
  await page.getByLabel('Password').fill('')
  await page.getByLabel('Login').fill('')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Enter your login')).toBeVisible()
  await expect(page.getByText('Enter your password')).toBeVisible()
})

test('repeated failures are throttled with the wait time', async ({ page }) => {
  await page.goto('/login')
  // a login nobody has: the limit is per login, so no real account gets locked for other tests
  await page.getByLabel('Login').fill('no.such.person')
  for (let i = 0; i < 6; i++) {
    await page.getByLabel('Password').fill(`wrong-${i}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled()
  }
  // said the way a person would: "in about 10 minutes", never a count of seconds
  await expect(page.getByRole('alert')).toHaveText(/^Too many attempts. Try again in about \d+ minutes.$/)
})

test('the owner creates a user (field errors by the field) and changes her roles', async ({ page, request }) => {
  await signInFast(page, 'owner')
  const nav = sidebar(page)
  await expect(nav.getByRole('link')).toHaveText(navLabels(['owner']))
  await expect(nav.getByRole('link', { name: 'Users' })).toBeVisible()
  await nav.getByRole('link', { name: 'Users' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible()
  await expect(page.locator('tr[data-login="reception"]')).toContainText('Anna Petrova')
  await shot(page, 'users')
  await page.screenshot({ path: 'test-results/screens/users-owner.png', fullPage: true })

  await page.getByRole('button', { name: 'New user' }).click()
  await expect(page.getByRole('dialog', { name: 'New user' })).toBeVisible()
  const dialog = openDialog(page)
  await dialog.getByLabel('Full name').fill('Olga Berg')
  await dialog.getByLabel('Login').fill('olga.berg')
  await dialog.getByLabel('Password', { exact: true }).fill('short')
  await dialog.getByLabel('Receptionist').check()
  await dialog.getByRole('button', { name: 'Create user' }).click()
  await expect(dialog.getByText('At least 8 characters')).toBeVisible()
  await shot(page, 'users-create-error')
  await dialog.getByLabel('Password', { exact: true }).fill('olga-secret-1')
  await dialog.getByRole('button', { name: 'Create user' }).click()
  // a receptionist works in a branch: the form says so until one is ticked
  await expect(dialog.getByText('Choose at least one branch')).toBeVisible()
  await dialog.getByLabel('Central', { exact: true }).check()
  await dialog.getByRole('button', { name: 'Create user' }).click()
  await expect(page.getByRole('dialog')).toBeHidden()
  const row = page.locator('tr[data-login="olga.berg"]')
  await expect(row).toContainText('Olga Berg')
  await expect(row).toContainText('Receptionist')
  await expect(row).toContainText('Central')
  await expect(row).toContainText('Active')
  // she can sign in with it
  const res = await request.post('/api/auth/login', { data: { login: 'olga.berg', password: 'olga-secret-1' } })
  expect(res.status()).toBe(200)

  await row.getByRole('button', { name: 'Edit Olga Berg' }).click()
  await expect(page.getByRole('dialog', { name: 'Edit Olga Berg' })).toBeVisible()
  const edit = openDialog(page)
  await edit.getByLabel('Teacher').check()
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('dialog')).toBeHidden()
  await expect(row).toContainText('Teacher')
  // the owner is not offered deactivating herself, nor (in her own dialog) a new password, roles or branches
  const me = page.locator('tr[data-login="owner"]')
  await expect(me.getByRole('button', { name: /Deactivate/ })).toHaveCount(0)
  await me.getByRole('button', { name: /^Edit / }).click()
  const mine = openDialog(page)
  await expect(mine.getByLabel('Full name')).toBeVisible()
  await expect(mine.getByLabel(/password/i)).toHaveCount(0)
  await expect(mine.getByRole('checkbox')).toHaveCount(0)
  await mine.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('dialog')).toBeHidden()
})

test('a manager is not offered the owner: no buttons on her row, and only the roles below his own', async ({ page }) => {
  // the server's refusal (403 "Only an owner may change an owner account") is tested through the API:
  // test/integration/users/account-actions and foundation/users-escalation
  await signInFast(page, 'manager', '/users')
  const owner = page.locator('tr[data-login="owner"]')
  await expect(owner).toContainText(NAMES.owner)
  await expect(owner).toContainText('Active')
  await expect(owner.getByRole('button')).toHaveCount(0)
  const teacher = page.locator('tr[data-login="teacher"]')
  await expect(teacher.getByRole('button', { name: `Edit ${NAMES.teacher}` })).toBeVisible()
  await expect(teacher.getByRole('button', { name: `Deactivate ${NAMES.teacher}` })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/users-manager.png', fullPage: true })

  await teacher.getByRole('button', { name: `Edit ${NAMES.teacher}` }).click()
  const dialog = openDialog(page)
  await expect(dialog.getByLabel('Teacher')).toBeChecked()
  await expect(dialog.getByLabel('Receptionist')).toBeVisible()
  await expect(dialog.getByLabel('Owner')).toHaveCount(0)
  await expect(dialog.getByLabel('Manager')).toHaveCount(0)
  await expect(dialog.getByLabel('New password (optional)')).toBeVisible()
})

test('deactivating a user ends his open session at once', async ({ page, browser, request }) => {
  // the owner creates Tom through the API; Tom signs in and keeps his workspace open
  expect((await request.post('/api/auth/login', { data: { login: 'owner', password: PASSWORD } })).status()).toBe(200)
  const branches = ((await (await request.get('/api/branches')).json()) as { items: Array<{ id: string }> }).items
  const created = await request.post('/api/users', {
    data: { login: 'tom.gray', name: 'Tom Gray', password: 'tom-secret-1', roles: ['teacher'], branchIds: [branches[0].id] },
  })
  expect(created.status(), await created.text()).toBe(201)
  const tomCtx = await browser.newContext()
  const tom = await tomCtx.newPage()
  await signInFast(tom, 'tom.gray', '/workspace', 'tom-secret-1')
  await expect(tom.getByTestId('save-state')).toHaveText('All changes saved')

  await signInFast(page, 'owner', '/users')
  const row = page.locator('tr[data-login="tom.gray"]')
  await row.getByRole('button', { name: 'Deactivate Tom Gray' }).click()
  await expect(row).toContainText('Inactive')
  // his tab is told (Socket.IO session.ended / document close 4001) and shows the login page
  await expect(tom.getByText('Your session has ended. Sign in again.')).toBeVisible()
  await expect(tom.getByLabel('Login')).toBeVisible()
  expect((await tom.request.get('/api/auth/me')).status()).toBe(401)
  await tomCtx.close()
})

test('unknown and forbidden paths show the 404 page in the shell; signed out they go to login', async ({ page }) => {
  await page.goto('/users')
  await expect(page).toHaveURL(/\/login\?next=%2Fusers$/)
  await page.getByLabel('Login').fill('reception')
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // a receptionist may not see Users: 404 inside the shell
  await expect(page).toHaveURL(/\/users$/)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
  await page.goto('/no/such/page')
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await shot(page, 'not-found')
  await page.getByRole('link', { name: 'Go to my workspace' }).click()
  await expect(page).toHaveURL(/\/workspace$/)
})

test('the auditor reads the audit, filters it in the URL and loads more', async ({ page }) => {
  await signInFast(page, 'auditor')
  await expect(sidebar(page).getByRole('link')).toHaveText(navLabels(['auditor']))
  await sidebar(page).getByRole('link', { name: 'Audit' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible()
  // every change since the beginning; other tests run in parallel, so look at our own sign-ins
  await page.goto('/audit?since=start')
  await page.getByLabel('Area').selectOption({ label: 'Users and access' })
  await page.getByLabel('Author (login)').fill('auditor')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/since=start&area=access&actor=auditor/)
  const first = page.getByTestId('audit-list').locator('li').first()
  await expect(first).toContainText('auditor')
  await expect(first).toContainText('Users and access')
  await shot(page, 'audit')
  // from a day, typed the English way (day first), whatever the machine's language
  await page.getByLabel('From', { exact: true }).fill('1/2/2020')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/since=2020-0(1-31|2-01)T/)
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('01/02/2020')
  await expect(page.getByTestId('audit-window')).toContainText('Changes since 1 Feb 2020')
  await page.getByRole('button', { name: 'Clear' }).click()
  await expect(page).toHaveURL(/\/audit$/)

  // paging: two at a time, oldest first, "Load more" appends the next page
  await page.goto('/audit?since=start&limit=2')
  const rows = page.getByTestId('audit-list').locator('li')
  await expect(rows).toHaveCount(2)
  await page.getByRole('button', { name: 'Load more' }).click()
  await expect(rows).toHaveCount(4)
  const ids = await rows.evaluateAll((els) => els.map((r) => Number(r.getAttribute('data-id'))))
  expect(ids).toEqual([...ids].sort((x, y) => x - y))
})

test('the manager edits branches and rooms', async ({ page }) => {
  await signInFast(page, 'manager', '/branches')
  const central = page.getByRole('region', { name: 'Central' })
  await expect(central).toContainText('Robotics Lab')
  await expect(page.getByRole('region', { name: 'Riverside' })).toContainText('Pool')
  await shot(page, 'branches')

  await central.getByRole('button', { name: 'Add a room to Central' }).click()
  await expect(page.getByRole('dialog', { name: 'New room in Central' })).toBeVisible()
  const dialog = openDialog(page)
  await dialog.getByLabel('Name').fill('Chess Corner')
  await dialog.getByLabel('Capacity').fill('8')
  await dialog.getByLabel('Cost per hour').fill('12.5')
  await dialog.getByLabel('Equipment').fill('boards, clocks')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  await expect(central.getByRole('row', { name: /Chess Corner/ })).toContainText('boards, clocks')
})

test('on a tablet the sidebar collapses behind a menu button', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 1100 })
  await signInFast(page, 'manager')
  const menu = page.getByRole('button', { name: 'Menu' })
  await expect(menu).toBeVisible()
  await expect(sidebar(page)).not.toBeInViewport()
  await shot(page, 'tablet-closed')
  await menu.click()
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  await expect(sidebar(page)).toBeInViewport()
  await shot(page, 'tablet-menu')
  await sidebar(page).getByRole('link', { name: 'Users' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible()
  await expect(sidebar(page)).not.toBeInViewport()
})
