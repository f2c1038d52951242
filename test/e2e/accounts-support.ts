import type { APIRequestContext, Browser } from '@playwright/test'
import type { Locale } from '../../domain/i18n/locales'
import { expect } from './fixtures'
import { PASSWORD as DEMO_PASSWORD } from './support'

/** An API call that must succeed (2xx); its JSON answer. */
export async function api(request: APIRequestContext, method: 'get' | 'post', url: string, data?: unknown) {
  const res = await request[method](url, data === undefined ? undefined : { data })
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300)
  return (await res.json()) as Record<string, any>
}

/** A spec's own account, made by the demo's owner (`branchIds` empty: every branch). */
export async function createAccount(
  request: APIRequestContext,
  who: { login: string; name: string; roles: string[] },
  password: string,
  branchIds: string[] = [],
) {
  await api(request, 'post', '/api/auth/login', { login: 'owner', password: DEMO_PASSWORD })
  await api(request, 'post', '/api/users', { ...who, password, branchIds })
}

/** A browser of its own, signed in as `login` and reading `lang`, that accepts downloads. */
export async function signedInAs(browser: Browser, login: string, password: string, lang: Locale = 'en') {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true })
  const page = await context.newPage()
  expect((await page.request.post('/api/auth/login', { data: { login, password } })).status()).toBe(200)
  expect((await page.request.patch('/api/auth/me', { data: { locale: lang } })).status()).toBe(200)
  return { context, page }
}
