// Playwright's webServer: build the client if it changed, then run the real server on a fixed
// port with a fresh embedded database (seeded with the demo logins) that is removed on exit.
// E2E_PORT (3210), E2E_BUILD=always, E2E_SKIP_BUILD=1.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const port = process.env.E2E_PORT ?? '3210'

/** Newest modification time under a folder. */
function newest(dir) {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

// Build when the client (or the shared doc shapes it imports) changed since the last build.
// Never empty dist/client here: several people run the suite at once in one working tree, and a
// server that already sent index.html must still find the hashed assets it names.
const built = join(root, 'dist/client/index.html')
const stale = !existsSync(built) || Math.max(newest(join(root, 'client')), newest(join(root, 'domain'))) > statSync(built).mtimeMs
if (process.env.E2E_SKIP_BUILD !== '1' && (stale || process.env.E2E_BUILD === 'always')) {
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'client/vite.config.ts',
      '--emptyOutDir=false',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit' },
  )
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const dataDir = mkdtempSync(join(tmpdir(), 'clubroom-e2e-'))
const env = {
  ...process.env,
  PORT: port,
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  NODE_ENV: 'production',
}
// every document larger than 2 KiB reaches the browsers in slices, so the whole suite runs that path
// (not the render benchmark, which measures the default)
if (!process.env.E2E_BENCH && !env.COLLAB_SYNC_SLICE_BYTES) env.COLLAB_SYNC_SLICE_BYTES = '2048'
delete env.DATABASE_URL
delete env.REDIS_URL
delete env.SEED_DEMO
delete env.PUBLIC_URL

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], { cwd: root, stdio: 'inherit', env })
const cleanup = () => rmSync(dataDir, { recursive: true, force: true })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code, signal) => {
  cleanup()
  process.exit(code ?? (signal ? 1 : 0))
})
