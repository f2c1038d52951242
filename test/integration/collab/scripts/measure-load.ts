/**
 * How long the hub takes to load a document with a long history.
 *   npx tsx test/integration/collab/scripts/measure-load.ts [updates=50000]
 * Builds a workspace document from N single-edit updates (typing, deleting, todos) with snapshots
 * where the hub would write them (every 500 updates; the worst case, 499 updates after the last
 * one), then times `open()` on a fresh hub: latest snapshot + later updates. Also times the same
 * load with no snapshot at all.
 */
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import * as Y from 'yjs'
import { docSnapshots, docUpdates } from '../../../../db/schema/index'
import { addTodo, encodeWorkspaceDocName, notesOf, todosOf } from '../../../../domain/docs/workspace'
import { EventBus } from '../../../../server/events/bus'
import { createLogger } from '../../../../server/logger'
import { testDocTypes } from '../../../support/app'
import { Hub } from '../../../../server/realtime/collab/hub'
import { DEFAULT_COLLAB_SETTINGS } from '../../../../server/realtime/collab/server'
import { scratchDatabase } from './scratch-db'

const docTypes = testDocTypes()
const resolveDocName = (name: string) => docTypes.resolve(name)

const N = Number(process.argv[2] ?? 50_000)
const EVERY = DEFAULT_COLLAB_SETTINGS.snapshotEvery

type Profile = 'typical' | 'heavy'

/**
 * typical: a person's workspace over months — typing runs in the notes with cursor jumps and
 * backspaces, todos added, ticked, renamed and cleared away (about a hundred alive at a time).
 * heavy: every keystroke at a random place and todos never removed (≈3,800 alive): a worst case.
 */
function edit(doc: Y.Doc, i: number, profile: Profile, next: () => number, cursor: { at: number }) {
  const notes = notesOf(doc)
  const todos = todosOf(doc)
  const r = next()
  if (profile === 'heavy') {
    if (r < 0.7) notes.insert(Math.floor(next() * (notes.length + 1)), 'abcdefghij'[i % 10])
    else if (r < 0.85 && notes.length > 0) notes.delete(Math.floor(next() * notes.length), 1)
    else if (r < 0.93 || todos.size === 0) addTodo(doc, `t${i}`, { text: `todo ${i}`, order: i })
    else todos.get([...todos.keys()][Math.floor(next() * todos.size)])?.set('done', next() < 0.5)
    return
  }
  if (next() < 0.03) cursor.at = Math.floor(next() * (notes.length + 1))
  cursor.at = Math.min(cursor.at, notes.length)
  if (r < 0.8) notes.insert(cursor.at++, 'abcdefghij '[i % 11])
  else if (r < 0.9 && cursor.at > 0) notes.delete(--cursor.at, 1)
  else if (r < 0.94 || todos.size === 0) addTodo(doc, `t${i}`, { text: `todo ${i}`, order: i })
  else if (r < 0.97) todos.get([...todos.keys()][Math.floor(next() * todos.size)])?.set('done', true)
  else if (r < 0.98) todos.get([...todos.keys()][Math.floor(next() * todos.size)])?.set('text', `renamed ${i}`)
  else for (const [id, t] of [...todos]) if (t.get('done') === true || todos.size > 120) todos.delete(id)
}

async function measure(profile: Profile) {
  const database = await scratchDatabase()
  try {
    const name = encodeWorkspaceDocName(randomUUID())
    const doc = new Y.Doc()
    let pending: Array<typeof docUpdates.$inferInsert> = []
    let seq = 0
    let bytes = 0
    let rand = 7
    const next = () => (rand = (rand * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
    const cursor = { at: 0 }
    doc.on('update', (u: Uint8Array) => {
      seq++
      bytes += u.length
      pending.push({ doc: name, seq, userId: null, update: u, changes: [] })
    })
    for (let i = 0; i < N; i++) {
      edit(doc, i, profile, next, cursor)
      if (seq % EVERY === 1 && seq > 1)
        await database.db.insert(docSnapshots).values({ doc: name, seq, state: Y.encodeStateAsUpdate(doc) })
      if (pending.length >= 2000) {
        await database.db.insert(docUpdates).values(pending)
        pending = []
      }
    }
    if (pending.length) await database.db.insert(docUpdates).values(pending)
    const structs = [...doc.store.clients.values()].reduce((n, s) => n + s.length, 0)
    console.log(
      `\n[${profile}] ${seq} updates (${(bytes / 1024).toFixed(0)} KB logged); state ${(Y.encodeStateAsUpdate(doc).length / 1024).toFixed(0)} KB, ${structs} structs, notes ${notesOf(doc).length} chars, ${todosOf(doc).size} todos`,
    )

    const resolved = resolveDocName(name)
    if (!resolved.ok) throw new Error(resolved.reason)
    const time = async () => {
      const hub = new Hub(
        database.db,
        new EventBus(),
        createLogger('silent'),
        { ...DEFAULT_COLLAB_SETTINGS, snapshotEvery: Number.MAX_SAFE_INTEGER, snapshotBytes: Number.MAX_SAFE_INTEGER },
        null,
        docTypes,
      )
      const cpu0 = process.cpuUsage()
      const started = performance.now()
      const room = await hub.open(resolved.doc)
      const ms = performance.now() - started
      const cpu = process.cpuUsage(cpu0)
      if (notesOf(room.doc).toString() !== notesOf(doc).toString()) throw new Error('loaded document differs')
      room.destroy()
      return { ms, cpu: (cpu.user + cpu.system) / 1000 }
    }
    const report = async (label: string, times: number) => {
      await time() // warm-up (JIT, connection pool)
      const runs: Array<{ ms: number; cpu: number }> = []
      for (let i = 0; i < times; i++) runs.push(await time())
      runs.sort((a, b) => a.ms - b.ms)
      const cpu = runs.map((r) => r.cpu).sort((a, b) => a - b)
      const mid = Math.floor(times / 2)
      console.log(
        `  ${label}: wall median ${runs[mid].ms.toFixed(1)} ms (min ${runs[0].ms.toFixed(1)}, max ${runs[times - 1].ms.toFixed(1)}); this process's CPU median ${cpu[mid].toFixed(1)} ms; load average ${os.loadavg()[0].toFixed(1)}`,
      )
    }
    const last = Math.floor((seq - 1) / EVERY) * EVERY + 1
    await report(`latest snapshot (seq ${last}) + ${seq - last} later updates`, 7)
    await database.db.delete(docSnapshots)
    await report(`no snapshot, all ${seq} updates`, 3)
  } finally {
    await database.destroy()
  }
}

async function main() {
  await measure('typical')
  await measure('heavy')
}

void main().then(
  () => process.exit(0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
