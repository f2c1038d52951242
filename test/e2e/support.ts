import { type Page, expect } from '@playwright/test'

export const PASSWORD = 'clubroom'

/** Demo names (db/seed.ts). */
export const NAMES: Record<string, string> = {
  owner: 'Elena Sokolova',
  manager: 'Mark Davies',
  reception: 'Anna Petrova',
  teacher: 'Karen Miller',
  auditor: 'Helen Brooks',
  storekeeper: 'Igor Pavlov',
  accountant: 'Sofia Rossi',
}

/** Signs in through the login form and waits for the shell. */
export async function signIn(page: Page, login: string, password = PASSWORD, path = '/') {
  await page.goto(path)
  await page.getByLabel('Login').fill(login)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
}

/** Signs in through the API (faster; the context keeps the cookie), then opens `path`. */
export async function signInFast(page: Page, login: string, path = '/workspace', password = PASSWORD) {
  const res = await page.request.post('/api/auth/login', { data: { login, password } })
  expect(res.status(), await res.text()).toBe(200)
  await page.goto(path)
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
}

/** Screenshot for humans to look at (not a visual regression test). */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: false })
}

export const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Main' })

/**
 * The open crm-dialog. Its form is slotted (light DOM of crm-dialog), so it is not a DOM
 * descendant of the <dialog> role element; scope to the host instead.
 */
export const openDialog = (page: Page) => page.locator('crm-dialog[open]')
