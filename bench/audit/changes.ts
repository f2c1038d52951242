import { sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { openDatabase, queryRows } from '../../db/client'
import type { BenchContext, Target } from '../lib/context'
import { login, startClubroom } from '../lib/servers'
import { round, summarize } from '../lib/stats'
import { clubroomTemplate } from '../lib/template'

/**
 * The audit (issue #16) over HTTP: 1,000,000 command rows (`audit_log`) and 1,000,000 document
 * updates (`doc_updates`) over the last year (a tenth with --quick), interleaved in one trail order,
 * with a checkpoint a month back and ~20,000 changes after it. Documents: the 52 timetable weeks of
 * every branch (40% of the updates: thousands each) and 5,000 client files (60%). Each update is one
 * of a chain of 500 real Yjs updates (made once, reused by seq), so time travel really replays them;
 * snapshots every 500 updates as the document server writes them (snapshotEvery), except on one
 * timetable week kept without any (the worst case). Clubroom runs as its own process; the demo
 * auditor asks over HTTP, sequentially; `/api/auth/me` between requests is the floor.
 */

const CHAIN = 500
const CLIENT_DOCS = 5_000

function yChain(): { updates: Buffer[]; full: Buffer } {
  const doc = new Y.Doc()
  doc.clientID = 424242
  const updates: Buffer[] = []
  doc.on('update', (u: Uint8Array) => updates.push(Buffer.from(u)))
  const lessons = doc.getMap('lessons')
  for (let i = 0; i < CHAIN; i++) {
    const k = `l${i % 60}`
    doc.transact(() => lessons.set(k, { roomId: `r${i % 7}`, start: `${8 + (i % 12)}:00`, note: `edit ${i}` }))
  }
  return { updates, full: Buffer.from(Y.encodeStateAsUpdate(doc)) }
}

interface Planted {
  checkpoint: number
  timetableDocs: string[]
  noSnapshotDoc: string
  after: number
}

async function plant(url: string, quick: boolean): Promise<Planted> {
  const database = await openDatabase({ url, max: 1, appRole: false })
  const total = quick ? 100_000 : 1_000_000
  const afterEach = quick ? 2_000 : 10_000
  const before = total - afterEach
  try {
    const db = database.db
    const users = (await queryRows<{ id: string }>(db, sql`select id from users where login <> 'auditor' order by login`)).map(
      (u) => u.id,
    )
    const branches = (await queryRows<{ id: string }>(db, sql`select id from branches order by name`)).map((b) => b.id)
    const { updates, full } = yChain()
    await db.execute(sql`create table bench_chain (k int primary key, u bytea not null)`)
    await db.execute(
      sql.raw(
        `insert into bench_chain (k, u) values ${updates.map((u, i) => `(${i}, decode('${u.toString('hex')}', 'hex'))`).join(',')}`,
      ),
    )
    // documents: the 52 weeks of each branch's timetable, then 5,000 client files
    await db.execute(
      sql`create table bench_docs (kind int, i int, name text, base int not null default 0, primary key (kind, i))`,
    )
    await db.execute(sql`
      insert into bench_docs
      select 0, (row_number() over (order by b.ord, w) - 1)::int,
             'timetable:' || b.id || ':' || to_char(current_date - 7 * w, 'IYYY-"W"IW')
      from unnest(${`{${branches.join(',')}}`}::uuid[]) with ordinality b(id, ord) cross join generate_series(0, 51) w`)
    await db.execute(sql`
      insert into bench_docs
      select 1, i - 1, 'client:' || md5('bench-client-' || i)::uuid from generate_series(1, ${CLIENT_DOCS}::int) i`)
    // the demo's own weeks go on from their last update (and get no planted snapshots: theirs would differ)
    await db.execute(
      sql`update bench_docs d set base = m.seq from (select doc, max(seq)::int as seq from doc_updates group by doc) m where m.doc = d.name`,
    )
    const T = branches.length * 52
    const usersLit = `{${users.join(',')}}`
    const Tn = sql.raw(String(T))
    const Cn = sql.raw(String(CLIENT_DOCS))
    const Un = sql.raw(String(users.length))
    const Kn = sql.raw(String(CHAIN))
    const [{ base }] = await queryRows<{ base: string }>(db, sql`select last_value as base from clubroom_trail_seq`)
    // rows g in [from, to]: at spread over [now - 365 d, now - 30 d] (before) or the last 30 days
    const range = async (from: number, to: number, t0: string, t1: string) => {
      const span = to - from + 1
      const at = sql.raw(`(now() - interval '${t0}') + (g - ${from}) * ((interval '${t0}' - interval '${t1}') / ${span})`)
      await db.execute(sql`
        insert into audit_log (at, actor_id, action, entity, entity_id, before, after, request_id, trail_seq)
        select ${at}, (${usersLit}::uuid[])[1 + g % ${Un}],
               (array['clients.update','passes.sell','payments.record','lessons.mark','clients.register','invoices.issue'])[1 + g % 6],
               (array['client','pass','payment','lesson','client','invoice'])[1 + g % 6],
               md5('e' || (g % 50000))::uuid::text,
               case when g % 6 in (0, 3) then jsonb_build_object('phone', '+374 10 ' || (g % 900000), 'status', 'active') end,
               jsonb_build_object('phone', '+374 10 ' || ((g + 1) % 900000), 'status', 'active', 'amount', 1000 * (g % 50)),
               'bench-' || g, ${Number(base)}::bigint + 2 * g - 1
        from generate_series(${from}::int, ${to}::int) g`)
      // doc j = g - 1: j % 5 < 2 goes to the timetable weeks (round robin), else to the client files
      await db.execute(sql`
        with r as (
          select g, ${at} as at,
                 case when (g - 1) % 5 < 2 then 0 else 1 end as kind,
                 case when (g - 1) % 5 < 2 then ((g - 1) / 5) * 2 + (g - 1) % 5 else ((g - 1) / 5) * 3 + (g - 1) % 5 - 2 end as n
          from generate_series(${from}::int, ${to}::int) g)
        insert into doc_updates (doc, seq, user_id, at, update, changes, trail_seq)
        select d.name, d.base + r.n / (case r.kind when 0 then ${Tn} else ${Cn} end) + 1,
               (${usersLit}::uuid[])[1 + r.g % ${Un}], r.at, c.u,
               case r.kind when 0 then jsonb_build_array(jsonb_build_object('path', 'lessons.' || md5('l' || r.g % 60)::uuid || '.roomId', 'kind', 'update',
                                                         'before', md5('r' || r.g % 7)::uuid, 'after', md5('r' || (r.g + 1) % 7)::uuid))
                           else jsonb_build_array(jsonb_build_object('path', 'notes.' || md5('n' || r.g)::uuid, 'kind', 'add', 'before', null,
                                                         'after', jsonb_build_object('text', 'Called the parent', 'at', r.at))) end,
               ${Number(base)}::bigint + 2 * r.g
        from r
        join bench_docs d on d.kind = r.kind and d.i = r.n % (case r.kind when 0 then ${Tn} else ${Cn} end)
        join bench_chain c on c.k = (r.n / (case r.kind when 0 then ${Tn} else ${Cn} end)) % ${Kn}`)
      await db.execute(sql`select setval('clubroom_trail_seq', ${Number(base) + 2 * to}, true)`)
    }
    await range(1, before, '365 days', '30 days')
    // the checkpoint a month back, as the checkpoint command writes it (its cut taken after every row before it committed)
    const [auditor] = await queryRows<{ id: string }>(db, sql`select id from users where login = 'auditor'`)
    const [cp] = await queryRows<{ id: string }>(
      db,
      sql`insert into audit_checkpoints (closed_at, closed_by, note, snap, trail_max, xid_hi, summary)
          select now() - interval '30 days', ${auditor.id}::uuid, 'bench', pg_current_snapshot(),
                 (select last_value from clubroom_trail_seq), pg_current_xact_id(), '{}'::jsonb
          returning id`,
    )
    await range(before + 1, total, '30 days', '0 days')
    // snapshots every 500 updates (the chain repeats: the state after 500 or more is the chain's full state)
    const noSnapshotDoc = (
      await queryRows<{ name: string }>(db, sql`select name from bench_docs where kind = 0 and base = 0 order by i limit 1`)
    )[0].name
    await db.execute(sql`
      insert into doc_snapshots (doc, seq, state, at)
      select u.doc, u.seq, ${full}, u.at from doc_updates u
      where u.seq % ${sql.raw(String(CHAIN))} = 0 and u.doc in (select name from bench_docs where base = 0) and u.doc <> ${noSnapshotDoc}`)
    const timetableDocs = (
      await queryRows<{ name: string }>(
        db,
        sql`select name from bench_docs where kind = 0 and base = 0 and name <> ${noSnapshotDoc} order by i`,
      )
    ).map((d) => d.name)
    await db.execute(sql`drop table bench_chain`)
    await db.execute(sql`drop table bench_docs`)
    await db.execute(sql`vacuum analyze audit_log`)
    await db.execute(sql`vacuum analyze doc_updates`)
    await db.execute(sql`vacuum analyze doc_snapshots`)
    return { checkpoint: Number(cp.id), timetableDocs, noSnapshotDoc, after: afterEach * 2 }
  } finally {
    await database.close()
  }
}

export async function runAuditChanges(ctx: BenchContext) {
  const requests = ctx.quick ? 40 : 300
  const tpl = await clubroomTemplate()
  const db = await tpl.clone('audit')
  try {
    ctx.log(`planting ${ctx.quick ? '100,000' : '1,000,000'} command rows and as many document updates`)
    const t0 = performance.now()
    const planted = await plant(db.url, ctx.quick)
    const plantS = Math.round((performance.now() - t0) / 100) / 10
    ctx.log(`planted in ${plantS} s`)
    const srv = await startClubroom({ databaseUrl: db.url, cpu: null })
    try {
      const cookie = await login(srv.url, 'auditor')
      const get = async (path: string) => {
        const s = performance.now()
        const res = await fetch(`${srv.url}${path}`, { headers: { cookie } })
        const body = await res.text()
        const ms = performance.now() - s
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}\n${srv.log().slice(-2000)}`)
        return { ms, body }
      }
      const floor: number[] = []
      const me = async () => floor.push((await get('/api/auth/me')).ms)
      const since = planted.checkpoint
      // (1) the first page since the checkpoint
      const firstPage = `/api/audit/changes?since=${since}`
      for (let i = 0; i < 10; i++) await get(firstPage)
      const page: number[] = []
      let items: { id: number }[] = []
      for (let i = 0; i < requests; i++) {
        const r = await get(firstPage)
        page.push(r.ms)
        items = (JSON.parse(r.body) as { items: { id: number }[] }).items
        await me()
      }
      // (2) stepping next then previous from the first change of the window
      const step: number[] = []
      let id: number | null = items[0]?.id ?? null
      let dir: 'next' | 'prev' = 'next'
      for (let i = 0; i < requests && id !== null; i++) {
        const r = await get(`/api/audit/changes/${id}?since=${since}`)
        step.push(r.ms)
        const b = JSON.parse(r.body) as { prev: number | null; next: number | null }
        if (i === Math.floor(requests / 2)) dir = 'prev'
        id = b[dir]
        await me()
      }
      // (3) a timetable week as of a random moment of the last year (seeded, so every run asks the same)
      let seed = 16
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
      const yearMs = 365 * 86_400_000
      const at: number[] = []
      const now = Date.now()
      for (let i = 0; i < requests; i++) {
        const doc = planted.timetableDocs[Math.floor(rand() * planted.timetableDocs.length)]
        const time = new Date(now - rand() * yearMs).toISOString()
        at.push((await get(`/api/docs/${encodeURIComponent(doc)}/at?time=${encodeURIComponent(time)}`)).ms)
        await me()
      }
      // the worst case: a week with no snapshot at all, as of now (every update replayed)
      const worst: number[] = []
      const worstPath = `/api/docs/${encodeURIComponent(planted.noSnapshotDoc)}/at?time=${encodeURIComponent(new Date().toISOString())}`
      for (let i = 0; i < (ctx.quick ? 5 : 20); i++) worst.push((await get(worstPath)).ms)
      const [{ n: worstUpdates }] = await (async () => {
        const d = await openDatabase({ url: db.url, max: 1 })
        try {
          return await queryRows<{ n: string }>(
            d.db,
            sql`select count(*) as n from doc_updates where doc = ${planted.noSnapshotDoc}`,
          )
        } finally {
          await d.close()
        }
      })()
      const s1 = summarize(page)
      const s2 = summarize(step)
      const s3 = summarize(at)
      const targets: Target[] = [
        {
          what: 'GET /api/audit/changes?since=<checkpoint>, first page (p95, over HTTP)',
          limit: '< 50 ms',
          measured: `${s1.p95} ms`,
          pass: s1.p95 !== null && s1.p95 < 50,
        },
        {
          what: 'GET /api/audit/changes/{id}, stepping next / previous (p95, over HTTP)',
          limit: '< 20 ms',
          measured: `${s2.p95} ms`,
          pass: s2.p95 !== null && s2.p95 < 20,
        },
        {
          what: 'GET /api/docs/{name}/at?time=, a timetable week at a random moment (p95, over HTTP)',
          limit: '< 150 ms',
          measured: `${s3.p95} ms`,
          pass: s3.p95 !== null && s3.p95 < 150,
        },
      ]
      return {
        planted: {
          audit_log: ctx.quick ? 100_000 : 1_000_000,
          doc_updates: ctx.quick ? 100_000 : 1_000_000,
          timetable_weeks: planted.timetableDocs.length + 1,
          client_files: CLIENT_DOCS,
          changes_after_checkpoint: planted.after,
          seconds: plantS,
        },
        requests,
        first_page_ms: s1,
        step_ms: s2,
        time_travel_ms: s3,
        /** A week with no snapshot, as of now: every one of its updates replayed (info, no target). */
        time_travel_no_snapshot: { updates: Number(worstUpdates), ms: summarize(worst) },
        /** GET /api/auth/me between the requests: what any request costs on the machine as it is. */
        baseline_me_ms: summarize(floor),
        p50_ms: round(s1.p50),
        targets,
      }
    } finally {
      await srv.stop()
    }
  } finally {
    await db.drop()
  }
}
