// Playwright's webServer: build the client if it changed, then run the server from its sources
// (through tsx, as the other tests do) on a fixed port with a fresh embedded database (seeded with
// the demo logins) that is removed on exit. E2E_PORT (3210), E2E_BUILD=always, E2E_SKIP_BUILD=1.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './build-server.mjs'
import { buildClient, clientBuildStale } from './build.mjs'

const port = process.env.E2E_PORT ?? '3210'

// Build when the client (or the domain/ code it imports) changed since the last build. Never empty
// dist/client here: several people run the suite at once in one working tree, and a server that
// already sent index.html must still find the hashed assets it names.
if (process.env.E2E_SKIP_BUILD !== '1' && (process.env.E2E_BUILD === 'always' || clientBuildStale())) {
  const status = buildClient({ keepOld: true })
  if (status !== 0) process.exit(status)
}

const dataDir = mkdtempSync(join(tmpdir(), 'clubroom-e2e-'))
const env = {
  ...process.env,
  PORT: port,
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  NODE_ENV: 'production',
  // the specs read the English demo's names (Central, Robotics Lab, Karen Miller…); the default demo is Armenian
  SEED_LOCALE: 'en',
}
// every document larger than 2 KiB reaches the browsers in slices, so the whole suite runs that path
// (not the render benchmark, which measures the default)
if (!process.env.E2E_BENCH && !env.COLLAB_SYNC_SLICE_BYTES) env.COLLAB_SYNC_SLICE_BYTES = '2048'
delete env.DATABASE_URL
delete env.REDIS_URL
delete env.SEED_DEMO
delete env.PUBLIC_URL

const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], { cwd: ROOT, stdio: 'inherit', env })
const cleanup = () => rmSync(dataDir, { recursive: true, force: true })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code, signal) => {
  cleanup()
  process.exit(code ?? (signal ? 1 : 0))
})
