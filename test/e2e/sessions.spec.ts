import { expect, test } from './fixtures'
import { PASSWORD, sidebar, signInFast } from './support'

/** Issue #11, point 4, as a browser sees it: live connections follow the session and the roles. */

test('a role change reaches the open tab: it reconnects and shows the new areas without a reload', async ({ page, browser }) => {
  expect((await page.request.post('/api/auth/login', { data: { login: 'owner', password: PASSWORD } })).status()).toBe(200)
  const branches = await (await page.request.get('/api/branches')).json()
  const created = await page.request.post('/api/users', {
    data: {
      login: 'rita.role',
      name: 'Rita Role',
      password: 'rita-secret-1',
      roles: ['teacher'],
      branchIds: [branches.items[0].id],
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const ritaId = (await created.json()).user.id

  const ritaCtx = await browser.newContext()
  const rita = await ritaCtx.newPage()
  await signInFast(rita, 'rita.role', '/workspace', 'rita-secret-1')
  await expect(rita.getByTestId('save-state')).toHaveText('All changes saved')
  await expect(sidebar(rita).getByRole('link', { name: 'Audit' })).toHaveCount(0)
  await rita.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))

  const res = await page.request.patch(`/api/users/${ritaId}`, { data: { roles: ['auditor'], branchIds: [] } })
  expect(res.status(), await res.text()).toBe(200)
  // her connections were closed and came back with the new access: the auditor's areas appear
  await expect(sidebar(rita).getByRole('link', { name: 'Audit' })).toBeVisible()
  await expect(rita.getByTestId('current-user')).toContainText('Auditor')
  await expect(rita.getByTestId('save-state')).toHaveText('All changes saved')
  expect(await rita.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
  await ritaCtx.close()
})

test("changing one's password signs out one's other tabs, not this one", async ({ browser }) => {
  const adminCtx = await browser.newContext()
  const admin = adminCtx.request
  expect((await admin.post('/api/auth/login', { data: { login: 'owner', password: PASSWORD } })).status()).toBe(200)
  const created = await admin.post('/api/users', {
    data: { login: 'paul.pass', name: 'Paul Pass', password: 'paul-secret-1', roles: ['auditor'] },
  })
  expect(created.status(), await created.text()).toBe(201)
  await adminCtx.close()

  const homeCtx = await browser.newContext()
  const home = await homeCtx.newPage()
  await signInFast(home, 'paul.pass', '/workspace', 'paul-secret-1')
  const workCtx = await browser.newContext()
  const work = await workCtx.newPage()
  await signInFast(work, 'paul.pass', '/workspace', 'paul-secret-1')
  await expect(home.getByTestId('save-state')).toHaveText('All changes saved')
  await expect(work.getByTestId('save-state')).toHaveText('All changes saved')

  const res = await work.request.post('/api/auth/password', {
    data: { currentPassword: 'paul-secret-1', newPassword: 'paul-secret-2' },
  })
  expect(res.status(), await res.text()).toBe(204)
  await expect(home.getByText('Your session has ended. Sign in again.')).toBeVisible()
  await expect(home.getByLabel('Login')).toBeVisible()
  // the tab that changed it stays signed in and live
  await expect(work.getByRole('button', { name: 'Sign out' })).toBeVisible()
  await expect(work.getByTestId('save-state')).toHaveText('All changes saved')
  await homeCtx.close()
  await workCtx.close()
})
