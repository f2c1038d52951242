import { defineConfig } from '@playwright/test'
import e2e from '../../test/e2e/playwright.config'

/**
 * The timetable render benchmark's browser part (bench/timetable/render.ts): the spec
 * timetable-render.spec.ts beside it, against the e2e server (built client, fresh embedded
 * database) in the system Chromium, as the end-to-end suite runs (its config, this folder's spec).
 * E2E_PORT as there; never downloads a browser.
 */
export default defineConfig({
  ...e2e,
  testDir: '.',
  testMatch: 'timetable-render.spec.ts',
  testIgnore: [],
  outputDir: '../../test-results/bench-timetable-render',
  workers: 1,
})
