/**
 * Two versions of Clubroom's collaboration server in one process, fed the same edits in
 * alternating blocks (inproc.ts' load: N editors, stub sockets, a real PostgreSQL): on a shared,
 * busy machine the load from other work falls on both alike, so the two CPU figures compare.
 * The "before" side is another checkout (BENCH_BEFORE_DIR, e.g. from `git archive <commit>`).
 *
 * Usage: BENCH_BEFORE_DIR=/tmp/base node --import tsx bench/collab/ab-inproc.ts [N=50] [edits=4000] [perCommit=1] [block=200]
 */
import { createDatabase, dropDatabase, urlFor } from '../lib/pg'
import { makeUpdates, stubWs } from './inproc-load'

const [n = 50, edits = 4000, perCommit = 1, block = 200] = process.argv.slice(2).map(Number)
const beforeDir = process.env.BENCH_BEFORE_DIR
if (!beforeDir) throw new Error('BENCH_BEFORE_DIR is not set')

async function side(root: string, label: string) {
  const { openDatabase } = await import(`${root}/db/client.ts`)
  const { users } = await import(`${root}/db/schema/index.ts`)
  const { EventBus } = await import(`${root}/server/events/bus.ts`)
  const { createLogger } = await import(`${root}/server/logger.ts`)
  const { workspaceDoc } = await import(`${root}/server/modules/workspace/docs.ts`)
  const { Connection } = await import(`${root}/server/realtime/collab/connection.ts`)
  const { DocTypes } = await import(`${root}/server/realtime/collab/doc-registry.ts`)
  const { Hub } = await import(`${root}/server/realtime/collab/hub.ts`)
  const { decodeClientMessage, encodeUpdateMessage } = await import(`${root}/server/realtime/collab/protocol.ts`)
  const { DEFAULT_COLLAB_SETTINGS } = await import(`${root}/server/realtime/collab/server.ts`)
  const dbName = await createDatabase(`ab_${label}`)
  const database = await openDatabase({ url: urlFor(dbName), max: 4 })
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
    const conn = new Connection(stubWs(counter), actor, `token-${i}`, false, limits)
    conn.queue = null
    room.addConn(conn)
    return conn
  })
  let cpu = 0
  return {
    label,
    encode: encodeUpdateMessage as (u: Uint8Array) => Uint8Array,
    get cpu() {
      return cpu
    },
    async feed(messages: Uint8Array[], from: number, to: number) {
      const t0 = process.cpuUsage()
      for (let i = from; i < to; i++) {
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
      const d = process.cpuUsage(t0)
      cpu += d.user + d.system
    },
    async close() {
      room.destroy()
      await database.close()
      await dropDatabase(dbName)
    },
  }
}

const updates = makeUpdates(n, edits)
const before = await side(beforeDir, 'before')
const after = await side(process.cwd(), 'after')
const messages = updates.map(after.encode)
// a warm-up block each (JIT), not counted
await before.feed(messages, 0, block)
await after.feed(messages, 0, block)
const warm = { before: before.cpu, after: after.cpu }
const perBlock: Array<{ before: number; after: number }> = []
for (let from = block, r = 0; from < edits; from += block, r++) {
  const to = Math.min(edits, from + block)
  const b0 = before.cpu
  const a0 = after.cpu
  const order = r % 2 === 0 ? [before, after] : [after, before]
  for (const s of order) await s.feed(messages, from, to)
  perBlock.push({ before: (before.cpu - b0) / (to - from), after: (after.cpu - a0) / (to - from) })
}
const counted = edits - block
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(
  JSON.stringify({
    n,
    edits: counted,
    perCommit,
    before_us_per_edit: Math.round((before.cpu - warm.before) / counted),
    after_us_per_edit: Math.round((after.cpu - warm.after) / counted),
    block_median_before: Math.round(med(perBlock.map((b) => b.before))),
    block_median_after: Math.round(med(perBlock.map((b) => b.after))),
    after_lower_in_blocks: `${perBlock.filter((b) => b.after < b.before).length}/${perBlock.length}`,
  }),
)
await before.close()
await after.close()
process.exit(0)
