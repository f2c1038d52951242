import { test as plain } from '@playwright/test'
import { expect, test, watchCsp } from './fixtures'
import { signInFast } from './support'

/**
 * The Content-Security-Policy holds in the browser: our pages run under it without a violation
 * (every spec's fixture checks that), and the guard really sees one when a script is injected.
 */
test('the app and the API reference run under the policy without a violation', async ({ page }) => {
  await signInFast(page, 'manager', '/clients')
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
  await page.goto('/api/docs')
  await expect(page.locator('.swagger-ui .info .title')).toContainText('Clubroom API')
})

plain('an injected inline script is refused, and the guard reports it', async ({ context, page }) => {
  const seen = watchCsp(context)
  await page.goto('/')
  const ran = await page.evaluate(() => {
    const w = window as unknown as { injected?: boolean }
    const s = document.createElement('script')
    s.textContent = 'window.injected = true'
    document.body.append(s)
    return w.injected === true
  })
  expect(ran).toBe(false)
  await expect.poll(() => seen.length).toBeGreaterThan(0)
  expect(seen.join('\n')).toMatch(/script-src/)
})
