import { test as base, expect, type Browser, type BrowserContext, type ConsoleMessage } from '@playwright/test'

/** Console text Chromium prints for a Content-Security-Policy violation. */
export const isCspViolation = (text: string) => /Content Security Policy/i.test(text)

/**
 * Collects the CSP violations reported in a browser context's pages (and in the pages of every
 * context made from `browser` while the watch lasts).
 */
export function watchCsp(context: BrowserContext): string[] {
  const seen: string[] = []
  context.on('console', (m: ConsoleMessage) => {
    if (isCspViolation(m.text())) seen.push(`${m.page()?.url() ?? ''}: ${m.text()}`)
  })
  return seen
}

/**
 * The test every spec uses: the same as Playwright's, and it fails when any page of the test, in
 * its own context or in one it made with `browser.newContext()`, reported a CSP violation.
 */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- Playwright's type for an automatic fixture that yields nothing
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ context, browser }, use) => {
      const seen = watchCsp(context)
      const restore = watchNewContexts(browser, seen)
      await use()
      restore()
      expect(seen, 'Content-Security-Policy violations in the console').toEqual([])
    },
    { auto: true },
  ],
})

function watchNewContexts(browser: Browser, seen: string[]): () => void {
  const original = browser.newContext.bind(browser)
  browser.newContext = async (...args) => {
    const ctx = await original(...args)
    ctx.on('console', (m: ConsoleMessage) => {
      if (isCspViolation(m.text())) seen.push(`${m.page()?.url() ?? ''}: ${m.text()}`)
    })
    return ctx
  }
  return () => {
    browser.newContext = original
  }
}

export { expect }
export type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test'
