/**
 * Graceful shutdown with two instances behind a proxy (REDIS_URL set): SIGTERM to the instance
 * serving a 50-editor storm of stock y-websocket clients. It writes every pending update, tells its
 * document clients to reconnect (1001) and its Socket.IO clients likewise, and exits 0; the
 * clients reconnect through the proxy to the other instance, no edit is lost (acknowledged or
 * not) and every client converges with the log.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import { io as connectSocket, type Socket } from 'socket.io-client'
import { addTodo, encodeWorkspaceDocName, todosOf } from '../../../domain/docs/workspace'
import { ALL_EXTENSIONS, EXTENSIONS_PARAM } from '../../../domain/docs/protocol'
import { ROOT } from '../../../scripts/build-server.mjs'
import { startProxy, type Proxy } from '../../../scripts/proxy.mjs'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildStaff } from '../../support/factories'
import { docFromLog, updateRows, waitFor, wsWithHeaders } from '../collab/helpers'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const EDITORS = 50
const SOCKETS = 5
/** Each editor adds a to-do this often (50 editors: 250 edits a second in all). */
const EDIT_EVERY_MS = 200

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

interface Instance {
  port: number
  child: ChildProcess
  output: () => string
  exit: Promise<{ code: number | null; signal: string | null; at: number }>
}

/** `node --import tsx server/main.ts`, as `npm run serve` runs it. */
async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort()
  const drop = new Set(['DATABASE_URL', 'REDIS_URL', 'PUBLIC_URL', 'SEED_DEMO', 'DATA_DIR', 'PORT', 'METRICS_TOKEN'])
  const base = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !drop.has(e[0])),
  )
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...base, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()))
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()))
  const exit = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  )
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`instance exited: ${out}`)
      return (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200
    },
    60_000,
    `instance on ${port}`,
  )
  return { port, child, output: () => out, exit }
}

interface Editor {
  doc: Y.Doc
  provider: WebsocketProvider
  saved: Map<number, number>
  closes: number[]
  keys: string[]
  /** When it was connected again after the signal. */
  backAt: number
}

describe('SIGTERM to an instance during a 50-editor storm, two instances behind a proxy', () => {
  let database: TestDatabase
  let proxy: Proxy
  const instances: Instance[] = []
  const editors: Editor[] = []
  const sockets: Socket[] = []
  let ownerId = ''

  beforeAll(async () => {
    database = await createTestDatabase()
    ownerId = (await buildStaff(database.db)).owner.id
  }, 120_000)

  afterAll(async () => {
    for (const e of editors) e.provider.destroy()
    for (const s of sockets) s.disconnect()
    for (const i of instances) if (i.child.exitCode === null) i.child.kill('SIGKILL')
    await proxy?.close()
    await database?.destroy()
  })

  it('exits 0 having written every update; the clients carry on through the other instance and converge, nothing lost', async () => {
    // two instances on one database and one Redis, behind the proxy (PUBLIC_URL: its address, what browsers use)
    const listen = await freePort()
    const env = { DATABASE_URL: database.url!, REDIS_URL, PUBLIC_URL: `http://127.0.0.1:${listen}` }
    instances.push(await startInstance(env), await startInstance(env))
    proxy = await startProxy({ listen, backends: instances.map((i) => `127.0.0.1:${i.port}`), healthMs: 200 })
    const url = `http://127.0.0.1:${proxy.port}`

    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ login: 'owner', password: 'clubroom' }),
    })
    expect(res.status).toBe(200)
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]
    const name = encodeWorkspaceDocName(ownerId)

    // 50 stock providers on the owner's workspace, asking for `saved` acknowledgements
    for (let i = 0; i < EDITORS; i++) {
      const doc = new Y.Doc()
      const provider = new WebsocketProvider(`ws://127.0.0.1:${proxy.port}/yjs`, name, doc, {
        WebSocketPolyfill: wsWithHeaders({ Origin: url, Cookie: cookie }) as never,
        disableBc: true,
        maxBackoffTime: 500,
        params: { [EXTENSIONS_PARAM]: ALL_EXTENSIONS },
      })
      const e: Editor = { doc, provider, saved: new Map(), closes: [], keys: [], backAt: 0 }
      provider.messageHandlers[100] = (_enc, dec) => {
        for (const [client, clock] of Y.decodeStateVector(decoding.readVarUint8Array(dec)))
          if ((e.saved.get(client) ?? 0) < clock) e.saved.set(client, clock)
      }
      provider.messageHandlers[101] = (_enc, dec) => void decoding.readVarString(dec)
      provider.on('connection-close', (event) => event && e.closes.push(event.code))
      provider.on('status', ({ status }) => {
        if (status === 'connected' && e.closes.length) e.backAt = Date.now()
      })
      editors.push(e)
    }
    await waitFor(() => editors.every((e) => e.provider.synced), 30_000, 'editors synced')
    for (let i = 0; i < SOCKETS; i++) {
      const s = connectSocket(url, {
        path: '/socket.io',
        transports: ['websocket'],
        forceNew: true,
        reconnectionDelay: 100,
        reconnectionDelayMax: 500,
        extraHeaders: { cookie, origin: url },
      })
      sockets.push(s)
    }
    await waitFor(() => sockets.every((s) => s.connected), 15_000, 'sockets connected')
    const socketDisconnects = sockets.map(() => 0)
    sockets.forEach((s, i) => s.on('disconnect', () => socketDisconnects[i]++))

    // which instance holds them (the proxy sends one client address to one instance)
    const connectionsOf = async (i: Instance) => {
      const text = await (await fetch(`http://127.0.0.1:${i.port}/metrics`)).text()
      return Number(/^clubroom_collab_connections (\d+)/m.exec(text)?.[1] ?? -1)
    }
    const counts = await Promise.all(instances.map(connectionsOf))
    expect(counts.sort()).toEqual([0, EDITORS])
    const victim = (await connectionsOf(instances[0])) === EDITORS ? instances[0] : instances[1]
    const survivor = victim === instances[0] ? instances[1] : instances[0]

    // the storm: every editor adds a to-do every EDIT_EVERY_MS, before, during and after the SIGTERM
    let n = 0
    const storm = setInterval(() => {
      n++
      editors.forEach((e, i) => {
        const key = `e${i}-${n}`
        e.keys.push(key)
        addTodo(e.doc, key, { text: `editor ${i}, edit ${n}`, order: n })
      })
    }, EDIT_EVERY_MS)
    await new Promise((r) => setTimeout(r, 1_500))
    // what each editor had acknowledged when the signal went
    const ackedAtSignal = editors.map((e) => e.saved.get(e.doc.clientID) ?? 0)
    const signalAt = Date.now()
    victim.child.kill('SIGTERM')
    const exited = await victim.exit
    await new Promise((r) => setTimeout(r, 1_500))
    clearInterval(storm)
    const editsMade = editors.reduce((k, e) => k + e.keys.length, 0)

    expect(exited.code, victim.output()).toBe(0)
    // every editor was told to reconnect with a code the stock provider reconnects from
    for (const e of editors) expect(e.closes).toContain(1001)
    // ... and did, through the proxy, to the other instance
    await waitFor(() => editors.every((e) => e.provider.wsconnected && e.provider.synced), 30_000, 'editors back')
    const back = editors.map((e) => e.backAt - signalAt).sort((x, y) => x - y)
    await waitFor(() => sockets.every((s) => s.connected), 15_000, 'sockets back')
    expect(socketDisconnects.every((d) => d >= 1)).toBe(true)
    expect(await connectionsOf(survivor)).toBe(EDITORS)

    // every edit is acknowledged, on every screen, and in the log, once
    await waitFor(
      () => editors.every((e) => Y.getState(e.doc.store, e.doc.clientID) <= (e.saved.get(e.doc.clientID) ?? 0)),
      30_000,
      'all saved',
    )
    const allKeys = editors.flatMap((e) => e.keys).sort()
    const keysOf = (doc: Y.Doc) => [...todosOf(doc).keys()].sort()
    await waitFor(() => editors.every((e) => keysOf(e.doc).length === allKeys.length), 30_000, 'convergence')
    for (const e of editors) expect(keysOf(e.doc)).toEqual(allKeys)
    const stored = await docFromLog(database.db, name)
    expect(keysOf(stored)).toEqual(allKeys)
    // what was acknowledged before the signal is in the log (the clock each editor had saved)
    const logState = Y.decodeStateVector(Y.encodeStateVector(stored))
    editors.forEach((e, i) => expect(logState.get(e.doc.clientID) ?? 0).toBeGreaterThanOrEqual(ackedAtSignal[i]))
    const seen = new Set<string>()
    for (const row of await updateRows(database.db, name))
      for (const s of Y.decodeUpdate(row.update).structs)
        for (let k = 0; k < s.length; k++) {
          const id = `${s.id.client}:${s.id.clock + k}`
          expect(seen.has(id)).toBe(false)
          seen.add(id)
        }

    console.info(
      `shutdown under load: ${editsMade} edits by ${EDITORS} editors; SIGTERM → exit ${exited.at - signalAt} ms; ` +
        `SIGTERM → editors connected to the other instance: first ${back[0]} ms, median ${back[EDITORS >> 1]} ms, last ${back[EDITORS - 1]} ms`,
    )
  }, 180_000)
})
