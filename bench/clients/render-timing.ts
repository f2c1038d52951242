import type { Page } from '@playwright/test'

/**
 * The client-file benchmark's timing hook, injected into the page before the app loads. The app
 * marks `client-file-rendered` (User Timing, see crm-client-file.ts) once the file's header and
 * live document are rendered into the DOM; the goal counts style and layout too, so the hook
 * makes the browser do them first and the mark is recorded after them. Nothing else changes.
 */
export async function timeClientFileRender(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance)
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      // style and layout of the whole document now, not after the mark
      if (name === 'client-file-rendered') document.documentElement.getBoundingClientRect()
      return mark(name, options)
    }
  })
}
