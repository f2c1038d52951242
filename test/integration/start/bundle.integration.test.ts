/**
 * The built server (scripts/build-server.mjs): the bundle starts as one plain `node main.js`
 * process on a fresh embedded database, migrates, answers /healthz, serves the API reference's
 * assets and the client from where it lives; and the packages it defers load at first use.
 * The bundle is built into a folder of its own under dist/, never over dist/server.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, buildServer, deferPlugin } from '../../../scripts/build-server.mjs'

const OUT = join(ROOT, 'dist', `.test-bundle-${process.pid}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

afterAll(() => rmSync(OUT, { recursive: true, force: true }))

function run(file: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const drop = new Set(['DATABASE_URL', 'REDIS_URL', 'PUBLIC_URL', 'SEED_DEMO', 'DATA_DIR', 'PORT'])
  const base = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !drop.has(e[0])),
  )
  const child = spawn(process.execPath, [file], { cwd: tmpdir(), env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()))
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()))
  return { child, output: () => out }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())))

describe('the built server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clubroom-bundle-'))
  let server: ReturnType<typeof run> | null = null
  let base = ''

  beforeAll(async () => {
    await buildServer(join(OUT, 'server'))
    // started from another working directory: it finds its files from where the bundle lives
    server = run(join(OUT, 'server', 'main.js'), {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: '0',
      OWNER_LOGIN: 'bundle-owner',
      OWNER_PASSWORD: 'a long bundle password',
      LOG_LEVEL: 'warn',
    })
    for (let i = 0; i < 1800 && !base; i++) {
      const m = /running on (http:\/\/localhost:\d+)/.exec(server.output())
      if (m) base = m[1].replace('localhost', '127.0.0.1')
      else if (server.child.exitCode !== null) throw new Error(`the bundle exited: ${server.output()}`)
      else await sleep(100)
    }
    if (!base) throw new Error(`the bundle did not start: ${server.output()}`)
  }, 240_000)

  afterAll(async () => {
    if (server) {
      server.child.kill('SIGTERM')
      await exited(server.child)
    }
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('answers /healthz on its migrated embedded database, and the owner it bootstrapped signs in', async () => {
    const health = await fetch(`${base}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok' })
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ login: 'bundle-owner', password: 'a long bundle password' }),
    })
    expect(login.status).toBe(200)
  })

  it("serves swagger-ui-dist's assets and the built client (or says it is not built) from where the bundle lives", async () => {
    const css = await fetch(`${base}/api/docs/assets/swagger-ui.css`)
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toMatch(/text\/css/)
    const page = await fetch(`${base}/`)
    expect(page.status).toBe(existsSync(join(ROOT, 'dist', 'client', 'index.html')) ? 200 : 503)
  })

  it('is one process: it starts no other', () => {
    const pid = server?.child.pid ?? 0
    const children = readdirSync(`/proc/${pid}/task`).flatMap((t) =>
      readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(/\s+/).filter(Boolean),
    )
    expect(children).toEqual([])
  })
})

describe('deferred packages in the bundle', () => {
  it('load on first use, and then behave as the packages themselves', async () => {
    const { build } = await import('esbuild')
    const dir = join(OUT, 'defer')
    const entry = join(dir, 'entry.ts')
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      entry,
      [
        "import PDFDocument from 'pdfkit'",
        "import { Redis } from 'ioredis'",
        "import { createRequire } from 'node:module'",
        'const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => /node_modules\\/(pdfkit|ioredis)\\//.test(k)).length',
        'const before = loaded()',
        "const pdf = new PDFDocument({ size: 'A4' })",
        'const chunks: Buffer[] = []',
        "pdf.on('data', (c: Buffer) => chunks.push(c))",
        "await new Promise((r) => { pdf.on('end', r); pdf.text('hello').end() })",
        "const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true })",
        'console.log(JSON.stringify({ before, after: loaded() > 0, pdf: Buffer.concat(chunks).subarray(0, 5).toString(), isRedis: redis instanceof Redis, status: redis.status, isPdf: pdf instanceof PDFDocument }))',
        'redis.disconnect()',
      ].join('\n'),
    )
    await build({
      entryPoints: [entry],
      outfile: join(dir, 'out.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      plugins: [deferPlugin],
      logLevel: 'error',
    })
    const { child, output } = run(join(dir, 'out.mjs'), {})
    await exited(child)
    expect(child.exitCode, output()).toBe(0)
    expect(JSON.parse(output().trim().split('\n').at(-1) ?? '{}')).toEqual({
      before: 0,
      after: true,
      pdf: '%PDF-',
      isRedis: true,
      status: 'wait',
      isPdf: true,
    })
  }, 60_000)
})
