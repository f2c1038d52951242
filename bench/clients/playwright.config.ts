import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'

/**
 * The client-file open benchmark's browser part (bench/clients/client-file.ts): the spec
 * client-file-render.spec.ts beside it in the system Chromium against the benchmark's own Clubroom
 * on PostgreSQL (CLIENT_FILE_BASE_URL), not the e2e server. Never downloads a browser.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (set CHROMIUM_PATH)`)
const baseURL = process.env.CLIENT_FILE_BASE_URL
if (!baseURL) throw new Error('CLIENT_FILE_BASE_URL is not set (bench/clients/client-file.ts sets it)')

export default defineConfig({
  testDir: '.',
  testMatch: 'client-file-render.spec.ts',
  outputDir: '../../test-results/bench-client-file',
  workers: 1,
  retries: 0,
  timeout: 300_000,
  reporter: [['list']],
  use: {
    baseURL,
    viewport: { width: 1366, height: 768 },
    trace: 'off',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 }, channel: undefined } },
  ],
})
