import { io as connect, type Socket } from 'socket.io-client'
import type { BenchContext, Target } from '../lib/context'
import { login, startClubroom } from '../lib/servers'
import { round, summarize } from '../lib/stats'
import { clubroomTemplate } from '../lib/template'

/**
 * "From the committing write to 100 connected walls, p99 under 150 ms" (issue #15). A fresh copy of
 * the demo-seeded database; Clubroom as its own process; 100 wall screens connect to the `/wall`
 * namespace with one wall token of Central and watch it. A manager then sells passes one after
 * another (POST /api/clients/{id}/passes: one transaction, its invoice and pass events after
 * commit); each sale's `wall.update` (the passes running out and the day's figures, computed once
 * on the server for every wall) is timed at every wall from the moment the request was sent (the
 * commit is inside it) and from the moment its response arrived.
 */

interface Json {
  [k: string]: any
}

async function call(url: string, cookie: string, method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(url + path, {
    method,
    headers: { cookie, origin: url, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`)
  return text ? (JSON.parse(text) as Json) : {}
}

export async function runWallFanout(ctx: BenchContext, opts: { walls?: number; sales?: number } = {}) {
  const walls = opts.walls ?? 100
  const sales = opts.sales ?? (ctx.quick ? 15 : 60)
  const tpl = await clubroomTemplate()
  const db = await tpl.clone('wallfanout')
  const sockets: Socket[] = []
  try {
    const srv = await startClubroom({ databaseUrl: db.url, cpu: null })
    try {
      const cookie = await login(srv.url, 'manager')
      const branches = (await call(srv.url, cookie, 'GET', '/api/branches')).items as Array<{ id: string; name: string }>
      const central = branches[0]
      const groups = (await call(srv.url, cookie, 'GET', `/api/groups?branchId=${central.id}`)).items as Array<{
        id: string
        activityId: string
      }>
      let clientId = ''
      let activityId = ''
      for (const g of groups) {
        const { group } = await call(srv.url, cookie, 'GET', `/api/groups/${g.id}`)
        if (group.members.length) {
          clientId = group.members[0].clientId
          activityId = g.activityId
          break
        }
      }
      if (!clientId) throw new Error('no group with members in the demo')
      const { plan } = await call(srv.url, cookie, 'POST', '/api/pass-plans', {
        name: 'Bench wall',
        activityIds: [activityId],
        sessions: 2,
        validDays: 30,
        price: 1000,
      })
      const { token } = await call(srv.url, cookie, 'POST', '/api/wall-tokens', { name: 'Bench', branchId: central.id })

      ctx.log(`connecting ${walls} walls`)
      const arrivals: Array<(at: number) => void> = []
      for (let i = 0; i < walls; i++) {
        const s = connect(`${srv.url}/wall`, {
          path: '/socket.io',
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
          auth: { token },
          extraHeaders: { origin: srv.url },
        })
        sockets.push(s)
        await new Promise<void>((resolve, reject) => {
          s.once('connect', () => resolve())
          s.once('connect_error', reject)
        })
        const ack = (await s.emitWithAck('watch', { branchId: central.id })) as { ok: boolean }
        if (!ack.ok) throw new Error('watch refused')
        s.on('wall.update', (u: { parts: { runningOut?: unknown } }) => {
          if (u.parts.runningOut) arrivals[i]?.(performance.now())
        })
      }

      ctx.log(`${sales} sales`)
      const fromSend: number[] = []
      const fromResponse: number[] = []
      const lastWall: number[] = []
      for (let n = 0; n < sales; n++) {
        const got = Array.from(
          { length: walls },
          (_, i) =>
            new Promise<number>((resolve, reject) => {
              const timer = setTimeout(() => reject(new Error(`wall ${i} heard nothing of sale ${n}`)), 10_000)
              arrivals[i] = (at) => {
                clearTimeout(timer)
                arrivals[i] = () => {}
                resolve(at)
              }
            }),
        )
        const sent = performance.now()
        await call(srv.url, cookie, 'POST', `/api/clients/${clientId}/passes`, { planId: plan.id, branchId: central.id })
        const answered = performance.now()
        const times = await Promise.all(got)
        for (const at of times) {
          fromSend.push(at - sent)
          fromResponse.push(at - answered)
        }
        lastWall.push(Math.max(...times) - sent)
        await new Promise((r) => setTimeout(r, 150))
      }
      const s = summarize(fromSend)
      const targets: Target[] = [
        {
          what: `A committing write (a pass sold) to ${walls} connected walls, every wall's arrival from the request sent (p99)`,
          limit: '< 150 ms',
          measured: `${s.p99} ms`,
          pass: s.p99 !== null && s.p99 < 150,
        },
      ]
      return {
        walls,
        sales,
        arrival_from_request_ms: s,
        arrival_from_response_ms: summarize(fromResponse),
        last_wall_from_request_ms: summarize(lastWall),
        p99_ms: round(s.p99),
        targets,
      }
    } finally {
      for (const so of sockets) so.disconnect()
      await srv.stop()
    }
  } finally {
    await db.drop()
  }
}
