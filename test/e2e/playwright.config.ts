import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'

/**
 * End-to-end tests against the real server (built client, fresh embedded database with the
 * demo logins) in the system Chromium. Never downloads a browser: a missing executable fails.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(executablePath)) {
  throw new Error(
    `Chromium not found at ${executablePath}. Install Debian's chromium package or set CHROMIUM_PATH to a Chromium/Chrome executable. (Playwright must not download its own browser here.)`,
  )
}

const PORT = Number(process.env.E2E_PORT ?? 3210)
export const BASE_URL = `http://127.0.0.1:${PORT}`

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // speed measurements are benchmarks (npm run bench sets E2E_BENCH=1), never timed assertions in npm test
  testIgnore: process.env.E2E_BENCH ? [] : ['**/*-render.spec.ts'],
  outputDir: '../../test-results/e2e',
  fullyParallel: true,
  workers: 2,
  // drag-and-drop timing on a busy 2-core machine can be flaky; a real failure fails twice
  retries: process.env.CI ? 1 : 0,
  // generous: the machine running this may be busy; a passing run takes a few seconds per test
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: BASE_URL,
    locale: 'en-US',
    viewport: { width: 1366, height: 768 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 }, channel: undefined } },
  ],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    cwd: '../..',
    url: `${BASE_URL}/healthz`,
    // the existing specs read English: the e2e demo center is an English one (its users follow its
    // default), and the browser asks for English before sign-in; languages.spec.ts switches languages itself
    env: { E2E_PORT: String(PORT), SEED_LOCALE: 'en' },
    // it builds the client and seeds the demo first (a minute or two on a busy 2-core machine)
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
