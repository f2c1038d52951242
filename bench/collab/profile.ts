/**
 * Where the collaboration server's CPU goes: one "Live documents" run (the load of bench/collab,
 * N stock editors on one document, as in the side-by-side benchmark; PROFILE_ACKS=1 asks for
 * Clubroom's `saved` acks too) against Clubroom started with `node --cpu-prof`,
 * then the main thread's profile cut to the edit phase and summed by self time — per function
 * and per group (yjs, lib0, ws, postgres-js, drizzle, our collab server, GC, node internals…).
 * Server on CPU 0, load on CPU 1, a fresh database from the bench template.
 *
 * Usage: node --import tsx bench/collab/profile.ts [--reference] [--pinned] [N=50] [rate=2] [m=40]   → markdown on stdout
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { ADMIN_URL } from '../lib/pg'
import { login, runNode, startClubroom, startReference } from '../lib/servers'
import { clubroomTemplate, dropTemplate } from '../lib/template'

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

/** One load run against a server started with `--cpu-prof`; returns the load's result. */
async function loadRun(
  srv: { port: number; pid: number; url: string },
  target: Record<string, unknown>,
  common: Record<string, unknown>,
): Promise<Record<string, any>> {
  const r = await runNode({
    script: 'bench/collab/load.ts',
    args: [JSON.stringify({ ...common, pid: srv.pid, ...target })],
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
  return JSON.parse(line) as Record<string, any>
}

async function main() {
  const args = process.argv.slice(2)
  const reference = args.includes('--reference')
  // pinned to one CPU, V8's sampling thread competes with the main thread for it and samples mostly
  // where the main thread yields (inside socket writes): the profile is taken with the server free
  // to use both CPUs unless --pinned is given (its /proc figures then differ from the benchmark's)
  const cpu = args.includes('--pinned') ? 0 : null
  const [n = 50, rate = 2, m = 40] = args.filter((a) => !a.startsWith('--')).map(Number)
  const load0 = loadavg()
  const dir = mkdtempSync(join(tmpdir(), 'clubroom-prof-'))
  const prof = ['--cpu-prof', `--cpu-prof-dir=${dir}`]
  const common = { n, m, rate, duration: Math.ceil((m / rate) * 2) + 10, settle: 30, connectTimeout: 90, seed: 1 }
  let out: Record<string, any>
  if (reference) {
    const srv = await startReference({ cpu, nodeArgs: prof })
    try {
      out = await loadRun(srv, { url: `ws://127.0.0.1:${srv.port}`, room: `prof-${Date.now().toString(36)}` }, common)
    } finally {
      await srv.stop()
    }
  } else {
    const tpl = await clubroomTemplate()
    const db = await tpl.clone(`prof_n${n}`)
    try {
      const srv = await startClubroom({ databaseUrl: db.url, cpu, nodeArgs: prof })
      try {
        const cookie = await login(srv.url, 'owner')
        out = await loadRun(
          srv,
          {
            url: `ws://127.0.0.1:${srv.port}/yjs`,
            room: `workspace:${tpl.ownerId}`,
            cookie,
            origin: srv.url,
            acks: process.env.PROFILE_ACKS === '1',
            pgUrl: ADMIN_URL,
            pgDb: db.name,
            pgCpu: 0,
          },
          common,
        )
      } finally {
        await srv.stop() // SIGTERM: the server shuts down and V8 writes the profiles
      }
    } finally {
      await db.drop()
      await dropTemplate()
    }
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
  const sp = out.server_proc ?? {}
  const lines = [
    `Profile of ${reference ? 'the reference' : 'Clubroom'} (${cpu === null ? 'server not pinned' : 'server pinned to CPU 0'}): ${file} (load average before ${load0.map((x) => x.toFixed(2)).join(' / ')}; other processes during the edit phase ${out.machine?.others_pct_of_one_core} % of a core)`,
    `N=${n}, ${edits} edits, edit phase ${((to - from) / 1e6).toFixed(1)} s, sampled CPU ${(total / 1000).toFixed(0)} ms = ${(total / Math.max(1, edits)).toFixed(0)} µs per edit (server CPU per edit from /proc: ${sp.cpu_us_per_edit} µs, of which kernel ${sp.sys_us_per_edit} µs and main thread ${sp.main_thread_us_per_edit} µs; PostgreSQL: ${out.postgres?.cpu_us_per_edit ?? 'n/a'} µs); converged: ${out.converged}`,
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
}

if (process.argv[1]?.endsWith('profile.ts')) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
