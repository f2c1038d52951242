/**
 * Memory of an idle loaded small document (no connection): Y.Doc, awareness, room bookkeeping.
 *   node --expose-gc --import tsx test/integration/collab/scripts/measure-memory.ts [docs=1000]
 * Each document: five todos (two ticked, one renamed) and a 300-character note, ~40 updates.
 */
import { randomUUID } from 'node:crypto'
import * as Y from 'yjs'
import { docUpdates } from '../../../../db/schema/index'
import { addTodo, encodeWorkspaceDocName, notesOf, todosOf } from '../../../../domain/docs/workspace'
import { EventBus } from '../../../../server/events/bus'
import { createLogger } from '../../../../server/logger'
import { testDocTypes } from '../../../support/app'
import { Hub } from '../../../../server/realtime/collab/hub'
import { DEFAULT_COLLAB_SETTINGS } from '../../../../server/realtime/collab/server'
import { scratchDatabase } from './scratch-db'

const docTypes = testDocTypes()
const resolveDocName = (name: string) => docTypes.resolve(name)

const K = Number(process.argv[2] ?? 1000)
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc')

function measureHeap() {
  for (let i = 0; i < 3; i++) gc!()
  return process.memoryUsage()
}

async function main() {
  const database = await scratchDatabase()
  try {
    const names: string[] = []
    let rows: Array<typeof docUpdates.$inferInsert> = []
    let stateBytes = 0
    for (let k = 0; k < K; k++) {
      const name = encodeWorkspaceDocName(randomUUID())
      names.push(name)
      const doc = new Y.Doc()
      let seq = 0
      doc.on('update', (u: Uint8Array) => rows.push({ doc: name, seq: ++seq, userId: null, update: u, changes: [] }))
      for (let i = 0; i < 5; i++) addTodo(doc, `todo-${i}`, { text: `Something to do #${i}`, order: i })
      todosOf(doc).get('todo-1')!.set('done', true)
      todosOf(doc).get('todo-3')!.set('done', true)
      todosOf(doc).get('todo-4')!.set('text', 'Renamed')
      for (let i = 0; i < 30; i++) notesOf(doc).insert(notesOf(doc).length, 'ten chars.')
      stateBytes += Y.encodeStateAsUpdate(doc).length
      doc.destroy()
      if (rows.length >= 3000) {
        await database.db.insert(docUpdates).values(rows)
        rows = []
      }
    }
    if (rows.length) await database.db.insert(docUpdates).values(rows)

    const hub = new Hub(
      database.db,
      new EventBus(),
      createLogger('silent'),
      { ...DEFAULT_COLLAB_SETTINGS, idleUnloadMs: 3_600_000 },
      null,
      docTypes,
    )
    const resolved = names.map((n) => {
      const r = resolveDocName(n)
      if (!r.ok) throw new Error(r.reason)
      return r.doc
    })
    // warm up code paths and the pool, then measure a clean before/after
    const warm = await hub.open(resolved[0])
    const before = measureHeap()
    for (let i = 1; i < resolved.length; i += 50) await Promise.all(resolved.slice(i, i + 50).map((r) => hub.open(r)))
    const after = measureHeap()
    const n = resolved.length - 1
    const kb = (b: number) => (b / 1024).toFixed(1)
    console.log(`${n} idle small documents loaded (state ≈ ${(stateBytes / K).toFixed(0)} bytes each, ~41 updates each)`)
    console.log(`  heap used: +${kb((after.heapUsed - before.heapUsed) / n)} KB per document`)
    console.log(
      `  heap + external + array buffers: +${kb((after.heapUsed + after.external - before.heapUsed - before.external) / n)} KB per document`,
    )
    console.log(`  RSS: +${kb((after.rss - before.rss) / n)} KB per document (RSS is coarse)`)
    console.log(`  open rooms: ${hub.rooms.size}`, warm.state)
  } finally {
    await database.destroy()
  }
}

void main().then(
  () => process.exit(0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
