import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import WebSocket from 'ws'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { eq, sql } from 'drizzle-orm'
import { addTodo, encodeWorkspaceDocName, notesOf, todosOf, workspaceToJSON } from '../../../domain/docs/workspace'
import type { Tx } from '../../../db/client'
import { docSnapshots, docUpdates } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { writeSnapshot } from '../../../server/realtime/collab/persistence'
import { buildUser } from '../../support/factories'
import { countRows, docFromLog, originOf, stableJson, updateRows, useDocServer, waitFor, wsBase } from './helpers'

const ctx = useDocServer({ logins: ['owner', 'manager', 'storekeeper', 'teacher2'] })
const { cookies, open } = ctx

/**
 * Breaks or repairs the update log as an operator would: as the owning user, in a transaction
 * that sets the setting the append-only triggers honour (the app role may not at all).
 */
function repairTrail(fn: (tx: Tx) => Promise<unknown>) {
  return ctx.database.asOwner((db) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('clubroom.trail_redaction', 'on', true)`)
      await fn(tx)
    }),
  )
}

const ENTRY = fileURLToPath(new URL('./fixtures/server-entry.ts', import.meta.url))

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

function startChild(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      env: { ...process.env, DATABASE_URL: ctx.database.url, PORT: String(port), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const timer = setTimeout(() => reject(new Error(`child server did not start: ${out}`)), 45_000)
    child.stdout.on('data', (d) => {
      out += d
      if (out.includes('LISTENING')) {
        clearTimeout(timer)
        resolve(child)
      }
    })
    child.stderr.on('data', (d) => (out += d))
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (!out.includes('LISTENING')) reject(new Error(`child exited ${code}: ${out}`))
    })
  })
}

/** Raw message helpers for the tests that speak the protocol by hand. */
function syncMessage(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, sub)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

describe('durability', () => {
  it('keeps every acknowledged edit when the server is killed with SIGKILL', async () => {
    const port = await freePort()
    let child = await startChild(port)
    const fake = { port, url: `http://127.0.0.1:${port}` } as RunningServer
    try {
      // sessions live in the database: the cookie from the in-process server works here too
      const cookie = cookies.storekeeper
      const name = encodeWorkspaceDocName(ctx.staff.storekeeper.id)
      const c = open(fake, cookie, name)
      await c.synced()
      // edit continuously; kill once a good number of edits is acknowledged
      let i = 0
      const editing = setInterval(() => {
        i++
        if (i % 2) addTodo(c.doc, `t${i}`, { text: `todo ${i}`, order: i })
        else notesOf(c.doc).insert(notesOf(c.doc).length, `${i};`)
      }, 3)
      await waitFor(() => (c.saved.get(c.doc.clientID) ?? 0) > 60, 10_000, 'acks')
      const acked = c.saved.get(c.doc.clientID)!
      child.kill('SIGKILL')
      await new Promise((r) => child.once('exit', r))
      clearInterval(editing)
      const clockAtKill = Y.getState(c.doc.store, c.doc.clientID)

      // everything acknowledged is in the log, and the log is exactly a prefix of the client's edits
      const logged = await docFromLog(ctx.database.db, name)
      expect(Y.getState(logged.store, c.doc.clientID)).toBeGreaterThanOrEqual(acked)
      const rows = await updateRows(ctx.database.db, name)
      expect(rows.every((r) => r.userId === ctx.staff.storekeeper.id)).toBe(true)
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, k) => k + 1))

      // restart: the provider reconnects on its own and hands over what never got acknowledged
      child = await startChild(port)
      await waitFor(() => c.provider.synced && c.isSaved(), 10_000, 'resync after restart')
      expect(Y.getState(c.doc.store, c.doc.clientID)).toBe(clockAtKill)
      const fresh = open(fake, cookie, name, { doc: new Y.Doc() })
      await fresh.synced()
      expect(stableJson(workspaceToJSON(fresh.doc))).toBe(stableJson(workspaceToJSON(c.doc)))
      fresh.destroy()
      c.destroy()
    } finally {
      child.kill('SIGKILL')
    }
  }, 120_000)

  it('never serves a document whose history failed to load (4500, history untouched)', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.teacher2.id)
    const garbage = Uint8Array.from([9, 200, 1, 7, 3])
    expect(() => Y.applyUpdate(new Y.Doc(), garbage)).toThrow()
    await ctx.database.db
      .insert(docUpdates)
      .values({ doc: name, seq: 1, userId: ctx.staff.teacher2.id, update: garbage, changes: [] })
    const c = open(ctx.server, cookies.teacher2, name)
    await waitFor(() => c.closes.length >= 2, 5_000, 'two refusals')
    expect(c.closes.every((x) => x.code === 4500)).toBe(true)
    expect(c.closes[0].reason).toBe('collab.closed.unavailable')
    expect(c.provider.synced).toBe(false)
    expect(ctx.server.realtime.collab.isLoaded(name)).toBe(false)
    // nothing was written over the broken history
    const rows = await updateRows(ctx.database.db, name)
    expect(rows).toHaveLength(1)
    expect([...rows[0].update]).toEqual([...garbage])
    expect(await ctx.database.db.select().from(docSnapshots).where(eq(docSnapshots.doc, name))).toEqual([])
    // once the history is repaired (by the owner, explicitly: the log is append-only), the same provider gets in
    await repairTrail((tx) => tx.delete(docUpdates).where(eq(docUpdates.doc, name)))
    await waitFor(() => c.provider.synced, 5_000, 'sync after repair')
  })

  it('refuses an update whose dependencies it has not seen and asks the client to resync', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.manager.id)
    const ws = new WebSocket(`${wsBase(ctx.server)}/${name}?ext=saved,notice`, {
      headers: { Cookie: cookies.manager, Origin: originOf(ctx.server) },
    })
    const notices: unknown[] = []
    const step1s: Uint8Array[] = []
    ws.on('message', (d: Buffer) => {
      const dec = decoding.createDecoder(new Uint8Array(d))
      const type = decoding.readVarUint(dec)
      if (type === 101) notices.push(JSON.parse(decoding.readVarString(dec)))
      if (type === 0 && decoding.readVarUint(dec) === 0) step1s.push(decoding.readVarUint8Array(dec))
    })
    await new Promise((r) => ws.on('open', r))
    await waitFor(() => step1s.length === 1)

    const a = new Y.Doc()
    const updates: Uint8Array[] = []
    a.on('update', (u: Uint8Array) => updates.push(u))
    notesOf(a).insert(0, 'abc')
    const b = new Y.Doc()
    Y.applyUpdate(b, updates[0])
    const bUpdates: Uint8Array[] = []
    b.on('update', (u: Uint8Array) => bUpdates.push(u))
    notesOf(b).insert(1, 'X') // depends on a's 'abc', which the server never got
    ws.send(syncMessage(2, bUpdates[0]))
    await waitFor(() => notices.length === 1)
    expect(notices[0]).toEqual({ type: 'resync', messageId: 'collab.notice.resync' })
    await waitFor(() => step1s.length === 2)
    expect(await countRows(ctx.database.db, name)).toBe(0)

    // the client answers the server's step 1 with everything it lacks: stored whole, in one row
    Y.applyUpdate(a, bUpdates[0])
    ws.send(syncMessage(1, Y.encodeStateAsUpdate(a, step1s[1])))
    await waitFor(async () => (await countRows(ctx.database.db, name)) === 1)
    const logged = await docFromLog(ctx.database.db, name)
    expect(notesOf(logged).toString()).toBe('aXbc')
    expect(logged.store.pendingStructs).toBeNull()
    expect((await updateRows(ctx.database.db, name))[0].changes).toEqual([
      { path: 'notes', kind: 'insert', before: null, after: 'aXbc' },
    ])
    ws.close()
  })
})

describe('snapshots and unloading', () => {
  it('snapshots every N updates, loads snapshot + later updates, and unloads idle documents', async () => {
    const collab = ctx.server.realtime.collab
    const saved = {
      every: collab.settings.snapshotEvery,
      idle: collab.settings.idleUnloadMs,
      onUnload: collab.settings.snapshotOnUnload,
    }
    collab.settings.snapshotEvery = 10
    collab.settings.idleUnloadMs = 150
    collab.settings.snapshotOnUnload = 1_000
    try {
      const name = encodeWorkspaceDocName(ctx.staff.owner.id)
      const c = open(ctx.server, cookies.owner, name)
      await c.synced()
      for (let i = 1; i <= 25; i++) {
        notesOf(c.doc).insert(notesOf(c.doc).length, `${i},`)
        await waitFor(() => c.isSaved())
      }
      await waitFor(
        async () => (await ctx.database.db.select().from(docSnapshots).where(eq(docSnapshots.doc, name))).length === 2,
      )
      const snaps = await ctx.database.db.select().from(docSnapshots).where(eq(docSnapshots.doc, name)).orderBy(docSnapshots.seq)
      expect(snaps.map((s) => s.seq)).toEqual([10, 20])
      // an older snapshot never replaces a newer one
      expect(await writeSnapshot(ctx.database.db, name, 15, new Uint8Array([0, 0]))).toBe(false)

      c.provider.disconnect()
      await waitFor(() => !collab.isLoaded(name), 3_000, 'unload')
      // prove the load starts at the snapshot: an update inside it may be unreadable now
      await repairTrail((tx) =>
        tx
          .update(docUpdates)
          .set({ update: Uint8Array.from([9, 200, 1]) })
          .where(sql`${docUpdates.doc} = ${name} and ${docUpdates.seq} = 3`),
      )
      const started = performance.now()
      const fresh = open(ctx.server, cookies.owner, name, { doc: new Y.Doc() })
      await fresh.synced()
      expect(performance.now() - started).toBeLessThan(1_000)
      expect(notesOf(fresh.doc).toString()).toBe(Array.from({ length: 25 }, (_, i) => `${i + 1},`).join(''))
    } finally {
      Object.assign(collab.settings, { snapshotEvery: saved.every, idleUnloadMs: saved.idle, snapshotOnUnload: saved.onUnload })
    }
  })
})

describe('server-side edits', () => {
  it('applyAsUser goes through the same path: persisted as that user, described, broadcast', async () => {
    const extra = await buildUser(ctx.database.db, { roles: ['manager'], login: 'editor1' })
    const name = encodeWorkspaceDocName(ctx.staff.manager.id)
    const c = open(ctx.server, cookies.manager, name)
    await c.synced()
    const result = await ctx.server.realtime.collab.applyAsUser(name, extra, (doc) =>
      addTodo(doc, 'srv', { text: 'From a command', order: 9, createdAt: 'now' }),
    )
    expect(result.seq).toBeGreaterThan(0)
    expect(result.changes).toEqual([
      {
        path: 'todos.srv',
        kind: 'add',
        before: null,
        after: { text: 'From a command', done: false, order: 9, createdAt: 'now' },
      },
    ])
    await waitFor(() => todosOf(c.doc).get('srv')?.get('text') === 'From a command')
    const [row] = await ctx.database.db
      .select()
      .from(docUpdates)
      .where(sql`${docUpdates.doc} = ${name} and ${docUpdates.seq} = ${result.seq}`)
    expect(row.userId).toBe(extra.id)
    // nothing changed → nothing stored
    expect(await ctx.server.realtime.collab.applyAsUser(name, extra, () => {})).toEqual({ seq: null, changes: [] })
    // also reachable for commands through deps.docs
    await (
      ctx.server.deps as unknown as { docs: { applyAsUser: (n: string, a: unknown, f: (d: Y.Doc) => void) => Promise<void> } }
    ).docs.applyAsUser(name, extra, (doc) => todosOf(doc).get('srv')!.set('done', true))
    await waitFor(() => todosOf(c.doc).get('srv')?.get('done') === true)
  })

  it('applyAsUser loads a closed document and lets it go again', async () => {
    const collab = ctx.server.realtime.collab
    const idle = collab.settings.idleUnloadMs
    collab.settings.idleUnloadMs = 100
    try {
      const name = encodeWorkspaceDocName(ctx.staff.teacher.id)
      expect(collab.isLoaded(name)).toBe(false)
      await collab.applyAsUser(name, ctx.staff.owner, (doc) => notesOf(doc).insert(0, 'note from the office'))
      await waitFor(() => !collab.isLoaded(name), 3_000, 'unload')
      const logged = await docFromLog(ctx.database.db, name)
      expect(notesOf(logged).toString()).toBe('note from the office')
    } finally {
      collab.settings.idleUnloadMs = idle
    }
  })
})
