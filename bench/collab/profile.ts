/**
 * Where the collaboration server's CPU goes: one "Live documents" run (the load of bench/collab,
 * N editors on one document, acks measured) against Clubroom started with `node --cpu-prof`,
 * then the main thread's profile cut to the edit phase and summed by self time — per function
 * and per group (yjs, lib0, ws, postgres-js, drizzle, our collab server, GC, node internals…).
 * Server on CPU 0, load on CPU 1, a fresh database from the bench template.
 *
 * Usage: node --import tsx bench/collab/profile.ts [N=50] [rate=2] [m=40]   → markdown on stdout
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ADMIN_URL } from '../lib/pg'
import { login, runNode, startClubroom } from '../lib/servers'
import { clubroomTemplate } from '../lib/template'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}
interface Profile {
  nodes: Array<{ id: number; callFrame: CallFrame }>
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

/** The group a function belongs to, from its script URL. */
export function groupOf(frame: CallFrame): string {
  const u = frame.url
  if (!u) {
    if (frame.functionName === '(garbage collector)') return 'GC'
    if (frame.functionName === '(program)' || frame.functionName === '(idle)') return frame.functionName
    return 'V8 / native'
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)
  if (pkg) return pkg[1]
  if (u.startsWith('node:')) return 'node internals'
  const ours = /\/(server|db)\/(.+?)\/?[^/]*$/.exec(u)
  if (ours) return `${ours[1]}/${ours[2]}`
  return u.replace(/^file:\/\//, '')
}

/** Self time (µs) per function and per group, of the samples taken within [from, to] (µs, the profile's clock). */
export function selfTimes(p: Profile, from: number, to: number) {
  const byId = new Map(p.nodes.map((n) => [n.id, n.callFrame]))
  const fn = new Map<string, number>()
  const group = new Map<string, number>()
  let t = p.startTime
  let total = 0
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i]
    if (t < from || t > to) continue
    const dt = p.timeDeltas[i + 1] ?? 0
    const f = byId.get(p.samples[i])!
    if (f.functionName === '(idle)') continue
    const short = f.url ? f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|db)\//, '$1/') : ''
    const key = `${f.functionName || '(anonymous)'} ${short ? `(${short}:${f.lineNumber + 1})` : ''}`.trim()
    fn.set(key, (fn.get(key) ?? 0) + dt)
    const g = groupOf(f)
    group.set(g, (group.get(g) ?? 0) + dt)
    total += dt
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k)
  return { total, functions: top(fn, 30), groups: top(group, 20) }
}

async function main() {
  const [n = 50, rate = 2, m = 40] = process.argv.slice(2).map(Number)
  const dir = mkdtempSync(join(tmpdir(), 'clubroom-prof-'))
  const tpl = await clubroomTemplate()
  const db = await tpl.clone(`prof_n${n}`)
  try {
    const srv = await startClubroom({ databaseUrl: db.url, cpu: 0, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] })
    let out: Record<string, any>
    try {
      const cookie = await login(srv.url, 'owner')
      const room = `workspace:${tpl.ownerId}`
      const common = { n, m, rate, duration: Math.ceil((m / rate) * 2) + 10, settle: 30, connectTimeout: 90, seed: 1 }
      const r = await runNode({
        script: 'bench/collab/load.ts',
        args: [
          JSON.stringify({
            ...common,
            url: `ws://127.0.0.1:${srv.port}/yjs`,
            room,
            pid: srv.pid,
            cookie,
            origin: srv.url,
            acks: true,
            pgUrl: ADMIN_URL,
            pgDb: db.name,
          }),
        ],
        cpu: 1,
        nodeArgs: ['--max-semi-space-size=32'],
        timeoutMs: 600_000,
      })
      const line = r.stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop()
      if (!line) throw new Error(`load produced nothing: ${r.stderr.slice(-2000)}`)
      out = JSON.parse(line)
    } finally {
      await srv.stop() // SIGTERM: the server shuts down and V8 writes the profiles
    }
    // the main thread's profile is the largest (tsx's loader thread writes one too)
    const file = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(dir, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
    const [from, to] = out.edit_window_us as [number, number]
    const { total, functions, groups } = selfTimes(profile, from, to)
    const edits = out.total_edits as number
    const pct = (us: number) => ((100 * us) / total).toFixed(1)
    const lines = [
      `Profile: ${file}`,
      `N=${n}, ${edits} edits, edit phase ${((to - from) / 1e6).toFixed(1)} s, sampled CPU ${(total / 1000).toFixed(0)} ms = ${(total / Math.max(1, edits)).toFixed(0)} µs per edit (server CPU per edit from /proc: ${out.server_proc?.cpu_us_per_edit} µs; PostgreSQL: ${out.postgres?.cpu_us_per_edit} µs); converged: ${out.converged}`,
      '',
      '| group | self time % | µs per edit |',
      '|:---|---:|---:|',
      ...groups.map(([g, us]) => `| ${g} | ${pct(us)} | ${(us / edits).toFixed(0)} |`),
      '',
      '| function (self time) | % | µs per edit |',
      '|:---|---:|---:|',
      ...functions.map(([f, us]) => `| \`${f.replace(/\|/g, '\\|')}\` | ${pct(us)} | ${(us / edits).toFixed(0)} |`),
    ]
    console.log(lines.join('\n'))
  } finally {
    await db.drop()
  }
}

if (process.argv[1]?.endsWith('profile.ts')) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
