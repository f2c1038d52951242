/**
 * Where the serving process's memory goes at start: the built server (dist/server/main.js, built
 * first when stale) on PostgreSQL and on the embedded PGlite (demo center seeded, then started
 * again on the seeded data: a warm start), and the reference server, each idle after start. Reads
 * VmRSS from /proc, process.memoryUsage() and V8's heap spaces (bench/lib/memory-probe.mjs, on
 * SIGUSR2), and sums a heap snapshot by constructor. `npm run bench -- start` has the figures of
 * the whole process tree; this is the breakdown of the serving process.
 *
 * Usage: node --import tsx bench/collab/start-memory.ts   → markdown on stdout
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, dropDatabase, urlFor } from '../lib/pg'
import { ROOT, freePort, startReference } from '../lib/servers'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const MB = (b: number) => (b / 1048576).toFixed(1)
const PROBE = join(ROOT, 'bench/lib/memory-probe.mjs')

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) * 1024 : NaN
}

/** Summed self size by constructor / node name of a V8 heap snapshot (top k). */
function snapshotSummary(file: string, k = 12): Array<[string, number]> {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }
    nodes: number[]
    strings: string[]
  }
  const f = snap.snapshot.meta.node_fields
  const width = f.length
  const iType = f.indexOf('type')
  const iName = f.indexOf('name')
  const iSize = f.indexOf('self_size')
  const types = snap.snapshot.meta.node_types[0]
  const sums = new Map<string, number>()
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + iType]]
    const name = type === 'object' || type === 'native' ? snap.strings[snap.nodes[i + iName]] : `(${type})`
    sums.set(name, (sums.get(name) ?? 0) + snap.nodes[i + iSize])
  }
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, k)
}

async function probe(pid: number, log: () => string, snapshot: string) {
  await sleep(5000) // idle after start
  const rss = rssOf(pid)
  process.kill(pid, 'SIGUSR2')
  for (let i = 0; i < 600; i++) {
    const line = log()
      .split('\n')
      .reverse()
      .find((l) => l.includes('MEMORY {'))
    if (line) {
      const usage = JSON.parse(line.slice(line.indexOf('MEMORY ') + 7))
      return { rss, usage, top: snapshotSummary(snapshot) }
    }
    await sleep(100)
  }
  throw new Error('no MEMORY line: ' + log())
}

/** The built server with the memory probe, on `env`'s database; resolves once /healthz answers. */
async function startBuilt(env: Record<string, string>, snapshot: string) {
  const port = await freePort()
  const full: Record<string, string> = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (e): e is [string, string] => e[1] !== undefined && !['DATABASE_URL', 'REDIS_URL', 'DATA_DIR'].includes(e[0]),
      ),
    ),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    MEMORY_PROBE_SNAPSHOT: snapshot,
    ...env,
  }
  const child = spawn(process.execPath, ['--import', PROBE, 'dist/server/main.js'], {
    cwd: ROOT,
    env: full,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let tail = ''
  const keep = (b: Buffer) => (tail = (tail + b.toString()).slice(-20000))
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break
    } catch {
      /* not yet */
    }
    if (i > 2400 || child.exitCode !== null) throw new Error('the server did not start: ' + tail)
    await sleep(100)
  }
  return {
    pid: child.pid!,
    log: () => tail,
    stop: () => new Promise<void>((r) => (child.once('exit', () => r()), child.kill('SIGTERM'))),
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'clubroom-mem-'))
  const rows: string[] = []
  const tops: string[] = []
  const report = (name: string, r: Awaited<ReturnType<typeof probe>>) => {
    const u = r.usage
    const spaces = Object.entries(u.spaces as Record<string, number>)
      .filter(([, v]) => v > 1048576)
      .map(([k, v]) => `${k.replace('_space', '')} ${MB(v)}`)
      .join(', ')
    rows.push(
      `| ${name} | ${MB(r.rss)} | ${MB(u.heapUsed)} / ${MB(u.heapTotal)} | ${MB(u.external)} | ${MB(u.arrayBuffers)} | ${MB(r.rss - u.heapTotal - u.external)} | ${spaces} |`,
    )
    tops.push(`**${name}**, heap snapshot by constructor (self size, MB): ` + r.top.map(([k, v]) => `${k} ${MB(v)}`).join(', '))
  }
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) throw new Error('scripts/build.mjs failed')
  try {
    // PostgreSQL: a fresh database the server migrates and seeds, then a second start on it
    const name = await createDatabase('startmem')
    try {
      const env = { DATABASE_URL: urlFor(name), SEED_DEMO: '1' }
      await (await startBuilt(env, join(dir, 'seed.heapsnapshot'))).stop()
      const snap = join(dir, 'pg.heapsnapshot')
      const srv = await startBuilt(env, snap)
      try {
        report('Clubroom, PostgreSQL (demo seeded, warm start)', await probe(srv.pid, srv.log, snap))
      } finally {
        await srv.stop()
      }
    } finally {
      await dropDatabase(name)
    }
    // PGlite: the first start seeds the demo center, the second starts on the seeded data
    const data = join(dir, 'data')
    const cold = join(dir, 'pglite-cold.heapsnapshot')
    const first = await startBuilt({ DATA_DIR: data }, cold)
    try {
      report('Clubroom, PGlite (first start: migrations and demo seed)', await probe(first.pid, first.log, cold))
    } finally {
      await first.stop()
    }
    const snap = join(dir, 'pglite.heapsnapshot')
    const lite = await startBuilt({ DATA_DIR: data }, snap)
    try {
      report('Clubroom, PGlite (demo seeded, warm start)', await probe(lite.pid, lite.log, snap))
    } finally {
      await lite.stop()
    }
    const ref = await startReference({ cpu: null })
    try {
      await sleep(3000)
      rows.push(`| reference | ${MB(rssOf(ref.pid))} | | | | | |`)
    } finally {
      await ref.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(
    [
      '| server, 5 s after start | RSS MB | JS heap used / total MB | external MB | of which ArrayBuffers MB | RSS outside heap and external MB | V8 spaces over 1 MB |',
      '|:---|---:|---:|---:|---:|---:|:---|',
      ...rows,
      '',
      ...tops,
    ].join('\n'),
  )
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
