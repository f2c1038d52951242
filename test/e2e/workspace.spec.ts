import { expect, test } from './fixtures'
import { shot, signInFast } from './support'

test('two tabs of one person edit the workspace live, see each other and the history', async ({ context }) => {
  const a = await context.newPage()
  const b = await context.newPage()
  await signInFast(a, 'reception', '/workspace')
  await b.goto('/workspace')

  // presence: each tab sees both connections
  for (const p of [a, b]) {
    await expect(p.getByTestId('presence').locator('li')).toHaveCount(2)
    await expect(p.getByTestId('presence')).toHaveAttribute('aria-label', /Anna Petrova \(you\), Anna Petrova \(another tab\)/)
  }

  // add in A → appears in B
  await a.getByLabel('New to-do').fill('Call the plumber')
  await a.getByLabel('New to-do').press('Enter')
  await expect(a.getByLabel('New to-do')).toHaveValue('')
  await expect(b.getByRole('textbox', { name: 'To-do text' })).toHaveValue('Call the plumber')
  await expect(a.getByTestId('save-state')).toHaveText('All changes saved')

  // tick in B → ticked in A
  await b.getByLabel('Done: Call the plumber').check()
  await expect(a.getByLabel('Done: Call the plumber')).toBeChecked()

  // notes typed in A appear in B
  const notesA = a.getByRole('textbox', { name: 'Notes of the day' })
  await notesA.click()
  await notesA.pressSequentially('Order chalk', { delay: 10 })
  await expect(b.getByRole('textbox', { name: 'Notes of the day' })).toHaveValue('Order chalk')
  await expect(a.getByTestId('save-state')).toHaveText('All changes saved')
  await expect(b.getByTestId('save-state')).toHaveText('All changes saved')

  // the history lists the changes with who made them
  const history = a.getByRole('list', { name: 'Changes, newest first' })
  await expect(history).toContainText('Added to-do “Call the plumber”')
  await expect(history).toContainText('Ticked “Call the plumber”')
  await expect(history).toContainText('Notes: wrote')
  await expect(history.locator('.who').first()).toHaveText('reception')
  await shot(a, 'workspace-live')

  // reload: everything was stored
  await b.reload()
  await expect(b.getByRole('textbox', { name: 'To-do text' })).toHaveValue('Call the plumber')
  await expect(b.getByLabel('Done: Call the plumber')).toBeChecked()
  await expect(b.getByRole('textbox', { name: 'Notes of the day' })).toHaveValue('Order chalk')

  // delete in B → gone in A
  await b.getByRole('button', { name: 'Delete: Call the plumber' }).click()
  await expect(a.getByRole('textbox', { name: 'To-do text' })).toHaveCount(0)
  await expect(history).toContainText('Deleted to-do “Call the plumber”')
})

test("the auditor reads someone else's workspace read-only, and is seen there", async ({ browser }) => {
  const ownerCtx = await browser.newContext()
  const keeper = await ownerCtx.newPage()
  await signInFast(keeper, 'storekeeper', '/workspace')
  await keeper.getByLabel('New to-do').fill('Count the paint pots')
  await keeper.getByRole('button', { name: 'Add' }).click()
  await expect(keeper.getByTestId('save-state')).toHaveText('All changes saved')
  const me = await (await keeper.request.get('/api/auth/me')).json()
  const keeperId: string = me.user.id

  const auditorCtx = await browser.newContext()
  const auditor = await auditorCtx.newPage()
  await signInFast(auditor, 'auditor', `/workspace/${keeperId}`)
  await expect(auditor.getByTestId('read-only')).toHaveText('Read-only: you can view but not change this document')
  await expect(auditor.getByRole('textbox', { name: 'To-do text' })).toHaveValue('Count the paint pots')
  await expect(auditor.getByLabel('New to-do')).toHaveCount(0)
  await expect(auditor.getByRole('textbox', { name: 'To-do text' })).not.toBeEditable()
  // the owner of the workspace sees the auditor arrive
  await expect(keeper.getByTestId('presence').locator('li')).toHaveCount(2)
  await expect(keeper.getByTestId('presence')).toHaveAttribute('aria-label', /Helen Brooks/)
  // and the auditor sees whose workspace it is, and its owner there
  await expect(auditor.getByTestId('presence').locator('li')).toHaveCount(2)
  await expect(auditor.getByRole('heading', { level: 1 })).toHaveText("Igor Pavlov's workspace")
  await shot(auditor, 'workspace-read-only')

  await Promise.all([ownerCtx.close(), auditorCtx.close()])
})

test("a teacher may not open someone else's workspace: the server refuses it", async ({ page }) => {
  await signInFast(page, 'teacher', '/workspace/00000000-0000-4000-8000-000000000000')
  await expect(page.getByRole('alert')).toHaveText('You may not open this document.')
  await expect(page.getByTestId('save-state')).toHaveCount(0)
})
