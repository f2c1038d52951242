/**
 * The JavaScript a live-document server spends per edit, without the network: N editors' updates
 * fed straight into Clubroom's Room (through the hub's group commit to a real PostgreSQL, as served)
 * and into the reference's message listener (@y/websocket-server's utils), every socket a stub
 * that only counts what it is given. What it leaves out on both sides: socket reads and writes (the
 * kernel) and ws' framing. So it shows where the server's own code goes, not the whole cost.
 *
 * Usage: node --import tsx bench/collab/inproc.ts [--reference] [N=50] [edits=2000] [perCommit=1]
 * (`--cpu-prof` on the node command line for a profile: nothing else runs in the process.)
 */
import { EventEmitter } from 'node:events'
import { openDatabase } from '../../db/client'
import { users } from '../../db/schema/index'
import { EventBus } from '../../server/events/bus'
import { createLogger } from '../../server/logger'
import { workspaceDoc } from '../../server/modules/workspace/docs'
import { Connection } from '../../server/realtime/collab/connection'
import { DocTypes } from '../../server/realtime/collab/doc-registry'
import { Hub } from '../../server/realtime/collab/hub'
import { decodeClientMessage, encodeUpdateMessage } from '../../server/realtime/collab/protocol'
import { DEFAULT_COLLAB_SETTINGS } from '../../server/realtime/collab/server'
import { createDatabase, dropDatabase, urlFor } from '../lib/pg'
import { makeUpdates, stubWs } from './inproc-load'

const args = process.argv.slice(2)
const reference = args.includes('--reference')
const [n = 50, edits = 2000, perCommit = 1] = args.filter((a) => !a.startsWith('--')).map(Number)

function report(side: string, t0: { cpu: NodeJS.CpuUsage; at: number; hr: bigint }, writes: number) {
  const cpu = process.cpuUsage(t0.cpu)
  const wall = performance.now() - t0.at
  const hr1 = process.hrtime.bigint()
  console.log(
    JSON.stringify({
      side,
      n,
      edits,
      perCommit,
      cpu_us_per_edit: Math.round((cpu.user + cpu.system) / edits),
      user_us_per_edit: Math.round(cpu.user / edits),
      wall_ms: Math.round(wall),
      writes_per_edit: +(writes / edits).toFixed(2),
      // CLOCK_MONOTONIC µs, the clock of a --cpu-prof profile: cut it to the edits with these
      window_us: [Number(t0.hr / 1000n), Number(hr1 / 1000n)],
    }),
  )
}

async function runReference(messages: Uint8Array[]) {
  const { setupWSConnection } = (await import('@y/websocket-server/utils')) as {
    setupWSConnection: (conn: unknown, req: unknown, opts: { docName: string }) => void
  }
  const counter = { writes: 0 }
  const conns = Array.from({ length: n }, () => {
    // what setupWSConnection uses of a ws socket: events, readyState, send(message, options, callback), ping
    const conn = Object.assign(new EventEmitter(), {
      readyState: 1,
      binaryType: 'arraybuffer',
      send: (_m: unknown, _o: unknown, cb?: (err?: Error) => void) => {
        counter.writes++
        cb?.()
      },
      ping() {},
      close() {},
    })
    setupWSConnection(conn, { url: '/bench' }, { docName: 'bench' })
    return conn
  })
  counter.writes = 0
  const t0 = { cpu: process.cpuUsage(), at: performance.now(), hr: process.hrtime.bigint() }
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]
    conns[i % n].emit('message', m.buffer.slice(m.byteOffset, m.byteOffset + m.byteLength))
    if ((i + 1) % perCommit === 0) await new Promise((r) => setImmediate(r))
  }
  report('reference', t0, counter.writes)
  process.exit(0)
}

async function runClubroom(messages: Uint8Array[]) {
  const dbName = await createDatabase('inproc')
  const database = await openDatabase({ url: urlFor(dbName), max: 4 })
  try {
    await database.migrate()
    const [owner] = await database.db
      .insert(users)
      .values({ login: 'owner', name: 'Owner', passwordHash: 'x', roles: ['owner'] })
      .returning()
    const actor = { id: owner.id, login: 'owner', name: 'Owner', roles: ['owner' as const], branchIds: [] }
    const docTypes = new DocTypes([workspaceDoc])
    const hub = new Hub(database.db, new EventBus(), createLogger('silent'), { ...DEFAULT_COLLAB_SETTINGS }, null, docTypes)
    const resolved = docTypes.resolve(`workspace:${owner.id}`)
    if (!resolved.ok) throw new Error(resolved.reason)
    const room = await hub.open(resolved.doc)
    const counter = { writes: 0 }
    const limits = { messagesPerSecond: 1e9, updateBytesPerSecond: 1e12, updateBurstBytes: 1e12 }
    const conns = Array.from({ length: n }, (_, i) => {
      const conn = new Connection(stubWs(counter) as never, actor, `token-${i}`, false, limits)
      conn.queue = null
      room.addConn(conn)
      return conn
    })
    counter.writes = 0
    const t0 = { cpu: process.cpuUsage(), at: performance.now(), hr: process.hrtime.bigint() }
    for (let i = 0; i < messages.length; i++) {
      // what the document server's message handler does with an update
      const conn = conns[i % n]
      conn.pacer.note()
      const message = decodeClientMessage(messages[i])
      if (message.type !== 'update') throw new Error('not an update')
      conn.updateBudget.take(message.update.byteLength)
      conn.used = true
      room.receiveUpdate(conn, message.update)
      if ((i + 1) % perCommit === 0) await hub.drain()
    }
    await hub.drain()
    report('clubroom', t0, counter.writes)
    room.destroy()
  } finally {
    await database.close()
    await dropDatabase(dbName)
  }
  process.exit(0)
}

const messages = makeUpdates(n, edits).map(encodeUpdateMessage)
await (reference ? runReference(messages) : runClubroom(messages))
