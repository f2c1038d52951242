import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { BENCH_NICE, pin } from './proc'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface ServerProc {
  name: string
  pid: number
  port: number
  /** http://127.0.0.1:PORT */
  url: string
  /** Last lines of its stdout/stderr (for failures). */
  log(): string
  /** SIGTERM, SIGKILL after 15 s; resolves when it exited. */
  stop(): Promise<void>
  /** SIGKILL at once (a server whose event loop is blocked cannot shut down). */
  kill(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function spawnPinned(
  name: string,
  cpu: number | null,
  argv: string[],
  env: Record<string, string>,
  cwd = ROOT,
): { child: ChildProcess; log: () => string } {
  const cmd = [...(cpu === null ? (BENCH_NICE ? ['nice', '-n', String(BENCH_NICE)] : []) : pin(cpu)), ...argv]
  const child = spawn(cmd[0], cmd.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let tail = ''
  const keep = (b: Buffer) => {
    tail = (tail + b.toString()).slice(-8000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  return { child, log: () => `[${name}] ${tail}` }
}

async function waitHttp(url: string, child: ChildProcess, ms: number, log: () => string) {
  const end = Date.now() + ms
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${log()}`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
      if (res.ok) return
    } catch {
      /* not yet */
    }
    if (Date.now() > end) throw new Error(`server did not answer ${url} in ${ms} ms: ${log()}`)
    await sleep(100)
  }
}

function stopper(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((r) => child.once('exit', () => r()))
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  }
}

/**
 * Clubroom as a separate process run from its sources (`node --import tsx server/main.ts`; what is
 * deployed is the same code bundled, dist/server/main.js: bench/start measures that one), on a
 * PostgreSQL database, optionally pinned to one CPU. `nodeArgs` e.g. ['--cpu-prof'].
 */
export async function startClubroom(opts: {
  databaseUrl: string
  cpu: number | null
  nodeArgs?: string[]
  env?: Record<string, string>
  /** Another checkout of Clubroom to run (a benchmark's "before" side); default this one. */
  cwd?: string
}): Promise<ServerProc> {
  const port = await freePort()
  const { child, log } = spawnPinned(
    'clubroom',
    opts.cpu,
    [process.execPath, ...(opts.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'],
    {
      DATABASE_URL: opts.databaseUrl,
      SEED_DEMO: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...(opts.env ?? {}),
    },
    opts.cwd,
  )
  const url = `http://127.0.0.1:${port}`
  try {
    await waitHttp(`${url}/healthz`, child, 120_000, log)
  } catch (err) {
    child.kill('SIGKILL')
    throw err
  }
  return { name: 'clubroom', pid: child.pid!, port, url, log, stop: stopper(child), kill: stopper(child, 'SIGKILL') }
}

/** The in-memory reference server `@y/websocket-server` 0.1.1 (its own bin), optionally pinned. */
export async function startReference(opts: { cpu: number | null; nodeArgs?: string[] }): Promise<ServerProc> {
  const port = await freePort()
  const { child, log } = spawnPinned(
    'reference',
    opts.cpu,
    [
      process.execPath,
      // profiled: SIGTERM must exit normally for the profile to be written
      ...(opts.nodeArgs?.length ? [...opts.nodeArgs, '--import', './bench/lib/reference-exit.mjs'] : []),
      'node_modules/@y/websocket-server/src/server.js',
    ],
    { HOST: '127.0.0.1', PORT: String(port) },
  )
  const url = `http://127.0.0.1:${port}`
  try {
    await waitHttp(url, child, 30_000, log)
  } catch (err) {
    child.kill('SIGKILL')
    throw err
  }
  return { name: 'reference', pid: child.pid!, port, url, log, stop: stopper(child), kill: stopper(child, 'SIGKILL') }
}

/** Signs in through POST /api/auth/login; returns the session cookie (`name=value`). */
export async function login(baseUrl: string, user: string, password = 'clubroom'): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ login: user, password }),
  })
  if (res.status !== 200) throw new Error(`login ${user}: ${res.status} ${await res.text()}`)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]
}

export async function whoAmI(baseUrl: string, cookie: string): Promise<{ id: string; login: string }> {
  const res = await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie } })
  if (res.status !== 200) throw new Error(`me: ${res.status} ${await res.text()}`)
  const body = (await res.json()) as { user: { id: string; login: string } }
  return body.user
}

/** Runs a node script (tsx) as a separate process, optionally pinned; resolves with its stdout. */
export async function runNode(opts: {
  script: string
  args: string[]
  cpu: number | null
  nodeArgs?: string[]
  timeoutMs: number
  env?: Record<string, string>
}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const argv = [
    ...(opts.cpu === null ? [] : pin(opts.cpu)),
    process.execPath,
    ...(opts.nodeArgs ?? []),
    '--import',
    'tsx',
    opts.script,
    ...opts.args,
  ]
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd: ROOT,
      env: { ...process.env, ...(opts.env ?? {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
    child.stderr.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString()).slice(-20000)
      if (process.env.BENCH_VERBOSE) process.stderr.write(b)
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}
