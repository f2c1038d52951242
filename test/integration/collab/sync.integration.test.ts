import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addTodo, encodeWorkspaceDocName, notesOf, todosOf, workspaceToJSON } from '../../../domain/docs/workspace'
import { userColour } from '../../../domain/docs/presence'
import type { EventMap } from '../../../server/events/bus'
import WebSocket from 'ws'
import * as encoding from 'lib0/encoding'
import { originOf, projections, stableJson, updateRows, useDocServer, waitFor, wsBase, type TestClient } from './helpers'

const ctx = useDocServer({ logins: ['owner', 'manager', 'reception', 'teacher', 'auditor'], scratchType: true })
const { cookies, open } = ctx

describe('y-websocket document server', () => {
  it('serves the stock WebsocketProvider: sync, edit, second client sees it, author acknowledged', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.reception.id)
    const a = open(ctx.server, cookies.reception, name)
    await a.synced()
    addTodo(a.doc, 't1', { text: 'Call the plumber', order: 1, createdAt: '2026-01-01T00:00:00.000Z' })
    await waitFor(() => a.isSaved(), 5_000, 'saved ack')
    expect(a.saved.get(a.doc.clientID)).toBe(Y.getState(a.doc.store, a.doc.clientID))

    const b = open(ctx.server, cookies.reception, name)
    await b.synced()
    await waitFor(() => todosOf(b.doc).get('t1')?.get('text') === 'Call the plumber')
    notesOf(b.doc).insert(0, 'Buy milk')
    await waitFor(() => notesOf(a.doc).toString() === 'Buy milk')

    const rows = await updateRows(ctx.database.db, name)
    expect(rows.map((r) => r.seq)).toEqual([1, 2])
    expect(rows.every((r) => r.userId === ctx.staff.reception.id)).toBe(true)
    expect(rows[0].changes).toEqual([
      {
        path: 'todos.t1',
        kind: 'add',
        before: null,
        after: { text: 'Call the plumber', done: false, order: 1, createdAt: '2026-01-01T00:00:00.000Z' },
      },
    ])
    expect(rows[1].changes).toEqual([{ path: 'notes', kind: 'insert', before: null, after: 'Buy milk' }])
  })

  it('three clients editing concurrently converge, and the log rebuilds the same document', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.manager.id)
    const cs = [0, 1, 2].map(() => open(ctx.server, cookies.manager, name))
    await Promise.all(cs.map((c) => c.synced()))
    for (let round = 0; round < 20; round++) {
      cs.forEach((c, i) => {
        if (round % 3 === 0) addTodo(c.doc, `c${i}-${round}`, { text: `todo ${i}/${round}`, order: round })
        else if (round % 3 === 1) notesOf(c.doc).insert(Math.min(round, notesOf(c.doc).length), `[${i}:${round}]`)
        else
          todosOf(c.doc)
            .get(`c${i}-${round - 2}`)
            ?.set('done', true)
      })
      await new Promise((r) => setTimeout(r, 2))
    }
    await waitFor(() => cs.every((c) => c.isSaved()), 5_000, 'all saved')
    const json = (c: TestClient) => stableJson(workspaceToJSON(c.doc))
    await waitFor(() => cs.every((c) => json(c) === json(cs[0])), 5_000, 'convergence')
    const expected = json(cs[0])
    const fromLog = new Y.Doc()
    for (const row of await updateRows(ctx.database.db, name)) Y.applyUpdate(fromLog, row.update)
    expect(stableJson(workspaceToJSON(fromLog))).toBe(expected)
    expect(Object.keys(workspaceToJSON(fromLog).todos)).toHaveLength(21)
  })

  it('writes the updates of one tick in one transaction (group commit), each as its own row', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.teacher.id)
    const ws = new WebSocket(`${wsBase(ctx.server)}/${name}`, {
      headers: { Cookie: cookies.teacher, Origin: originOf(ctx.server) },
    })
    await new Promise((r) => ws.on('open', r))
    const doc = new Y.Doc()
    const messages: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, u)
      messages.push(encoding.toUint8Array(e))
    })
    for (let i = 0; i < 8; i++) addTodo(doc, `g${i}`, { text: `grouped ${i}` })
    for (const m of messages) ws.send(m) // one burst: read by the server in one go
    await waitFor(async () => (await updateRows(ctx.database.db, name)).length === 8)
    const rows = await updateRows(ctx.database.db, name)
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    // now() is the transaction's start time: one value means one transaction
    expect(new Set(rows.map((r) => r.at.toISOString())).size).toBe(1)
    expect(rows.map((r) => r.changes[0].path)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `todos.g${i}`))
    ws.close()
  })

  it('credits each update to the session user that sent it, with the fields it changed', async () => {
    const name = 'scratch:credits'
    const r = open(ctx.server, cookies.reception, name)
    const m = open(ctx.server, cookies.manager, name)
    await Promise.all([r.synced(), m.synced()])
    const cells = (c: TestClient) => c.doc.getMap<Y.Map<unknown>>('cells')
    r.doc.transact(() => {
      const lesson = new Y.Map<unknown>()
      lesson.set('room', 'Room 1')
      lesson.set('teacher', 'Anna')
      cells(r).set('L1', lesson)
    })
    await waitFor(() => cells(m).get('L1')?.get('teacher') === 'Anna')
    cells(m).get('L1')!.set('teacher', 'Karen')
    await waitFor(() => cells(r).get('L1')?.get('teacher') === 'Karen')
    cells(r).delete('L1')
    await waitFor(() => !cells(m).has('L1'))
    await waitFor(() => r.isSaved() && m.isSaved())

    const rows = await updateRows(ctx.database.db, name)
    expect(rows.map((x) => [x.userId, x.changes])).toEqual([
      [ctx.staff.reception.id, [{ path: 'cells.L1', kind: 'add', before: null, after: { room: 'Room 1', teacher: 'Anna' } }]],
      [ctx.staff.manager.id, [{ path: 'cells.L1.teacher', kind: 'update', before: 'Anna', after: 'Karen' }]],
      [ctx.staff.reception.id, [{ path: 'cells.L1', kind: 'delete', before: { room: 'Room 1', teacher: 'Karen' }, after: null }]],
    ])
  })

  it('runs the projector after commit and publishes entity.changed on the bus', async () => {
    const seen: Array<EventMap['entity.changed']> = []
    const off = ctx.server.deps.events.on('entity.changed', (e) => seen.push(e))
    const name = 'scratch:projected'
    const c = open(ctx.server, cookies.manager, name)
    await c.synced()
    const started = Date.now()
    c.doc.getMap('cells').set('A1', 'x')
    await waitFor(() => seen.some((e) => e.id === name), 2_000, 'entity.changed')
    expect(Date.now() - started).toBeLessThan(1_000)
    off()
    expect(projections.find((p) => p.name === name)).toEqual({ name, changedKeys: ['cells.A1'], actorId: ctx.staff.manager.id })
  })

  it('publishes who is in a document on the bus (doc.presence)', async () => {
    const seen: Array<EventMap['doc.presence']> = []
    const off = ctx.server.deps.events.on('doc.presence', (e) => seen.push(e))
    const name = 'scratch:presence'
    const a = open(ctx.server, cookies.teacher, name)
    await a.synced()
    const b = open(ctx.server, cookies.reception, name)
    await b.synced()
    await waitFor(() => seen.some((e) => e.doc === name && e.users.length === 2))
    const last = seen.filter((e) => e.doc === name).at(-1)!
    expect(last.users.map((u) => u.id).sort()).toEqual([ctx.staff.teacher.id, ctx.staff.reception.id].sort())
    expect(last.users.find((u) => u.id === ctx.staff.teacher.id)).toEqual({
      id: ctx.staff.teacher.id,
      name: ctx.staff.teacher.name,
      colour: userColour(ctx.staff.teacher.id),
    })
    b.provider.disconnect()
    await waitFor(() => seen.filter((e) => e.doc === name).at(-1)!.users.length === 1)
    off()
  })

  it('serves the history API: described changes with actors, newest first, paged', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.owner.id)
    const c = open(ctx.server, cookies.owner, name)
    await c.synced()
    addTodo(c.doc, 'h1', { text: 'First', order: 0, createdAt: 'x' })
    await waitFor(() => c.isSaved())
    todosOf(c.doc).get('h1')!.set('done', true)
    await waitFor(() => c.isSaved())
    notesOf(c.doc).insert(0, 'hello world')
    await waitFor(() => c.isSaved())
    notesOf(c.doc).delete(0, 6)
    await waitFor(async () => (await updateRows(ctx.database.db, name)).length === 4)

    const get = (path: string, who = 'owner') => fetch(ctx.server.url + path, { headers: { cookie: cookies[who] } })
    let res = await get(`/api/docs/${encodeURIComponent(name)}/history?limit=3`)
    expect(res.status).toBe(200)
    const page1 = await res.json()
    expect(page1.items.map((i: { seq: number }) => i.seq)).toEqual([4, 3, 2])
    expect(page1.items[0]).toMatchObject({
      actor: { id: ctx.staff.owner.id, login: 'owner' },
      changes: [{ path: 'notes', kind: 'remove', before: 'hello ', after: null }],
    })
    expect(page1.items[2].changes).toEqual([{ path: 'todos.h1.done', kind: 'update', before: false, after: true }])
    expect(typeof page1.items[0].at).toBe('string')
    expect(page1.nextCursor).toBe('2')
    // the raw colon works too
    res = await get(`/api/docs/${name}/history?cursor=${page1.nextCursor}`)
    const page2 = await res.json()
    expect(page2.items.map((i: { seq: number }) => i.seq)).toEqual([1])
    expect(page2.nextCursor).toBeNull()

    // the auditor may read it; a teacher may not; nobody without a session
    expect((await get(`/api/docs/${name}/history`, 'auditor')).status).toBe(200)
    expect((await get(`/api/docs/${name}/history`, 'teacher')).status).toBe(403)
    expect((await fetch(ctx.server.url + `/api/docs/${name}/history`)).status).toBe(401)
    // a name that is not the canonical spelling of a document names none: 404
    expect((await get(`/api/docs/workspace:nope/history`)).status).toBe(404)
    expect((await get(`/api/docs/nonsense:1/history`)).status).toBe(404)
    expect((await get(`/api/docs/no-colon/history`)).status).toBe(404)
  })

  it('forwards changed awareness at once and batches renewals (same state, newer clock) into one message', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.owner.id)
    const a = open(ctx.server, cookies.owner, name)
    const b = open(ctx.server, cookies.owner, name)
    await Promise.all([a.synced(), b.synced()])
    const settings = ctx.server.realtime.collab.settings
    const before = settings.awarenessRenewalMs
    const clockOf = () => b.provider.awareness.meta.get(a.doc.clientID)?.clock ?? -1
    const stateOf = () => b.provider.awareness.getStates().get(a.doc.clientID) as { cursor?: number } | undefined
    try {
      a.provider.awareness.setLocalStateField('cursor', 1)
      await waitFor(() => stateOf()?.cursor === 1, 5_000, 'first state')
      // a renewal waits for the batch
      settings.awarenessRenewalMs = 250
      const renewedAt = performance.now()
      const clock = clockOf()
      a.provider.awareness.setLocalState({ ...a.provider.awareness.getLocalState() })
      await waitFor(() => clockOf() > clock, 5_000, 'renewal forwarded')
      expect(performance.now() - renewedAt).toBeGreaterThanOrEqual(240)
      // a change does not wait, even while a renewal batch is pending for a long time
      settings.awarenessRenewalMs = 60_000
      a.provider.awareness.setLocalState({ ...a.provider.awareness.getLocalState() })
      a.provider.awareness.setLocalStateField('cursor', 2)
      await waitFor(() => stateOf()?.cursor === 2, 5_000, 'changed state at once')
    } finally {
      settings.awarenessRenewalMs = before
    }
  })

  it('sends a large document to a new client as several updates, then sync step 2; the stock client converges', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.teacher.id)
    const writer = open(ctx.server, cookies.teacher, name)
    await writer.synced()
    for (let batch = 0; batch < 4; batch++) {
      writer.doc.transact(() => {
        for (let i = 0; i < 150; i++)
          addTodo(writer.doc, `t${batch}-${i}`, {
            text: `Prepare the kit for group ${batch}/${i}: cones, bibs, ${'balls '.repeat(8)}`,
            order: batch * 1000 + i,
          })
      })
    }
    todosOf(writer.doc).delete('t0-0') // a deletion: it arrives with the last message
    notesOf(writer.doc).insert(0, 'Ask about the hall')
    await waitFor(() => writer.isSaved(), 10_000, 'saved')

    const settings = ctx.server.realtime.collab.settings
    const before = settings.syncSliceBytes
    settings.syncSliceBytes = 16 * 1024
    try {
      const reader = open(ctx.server, cookies.teacher, name, { connect: false })
      // what arrives, in order: 1 = sync step 2, 2 = update (the provider's public handler table)
      const kinds: number[] = []
      const sizes: number[] = []
      const handle = reader.provider.messageHandlers[0]
      reader.provider.messageHandlers[0] = (enc, dec, provider, emitSynced, type) => {
        kinds.push(dec.arr[dec.pos])
        sizes.push(dec.arr.length)
        handle(enc, dec, provider, emitSynced, type)
      }
      reader.provider.connect()
      await reader.synced()
      const total = sizes.reduce((a, b) => a + b, 0)
      expect(total).toBeGreaterThan(64 * 1024)
      // server's own sync step 1 comes first (0); then slices (2, 2, …) and the sync step 2 (1) last
      const replies = kinds.filter((k) => k !== 0)
      expect(replies.length).toBeGreaterThan(4)
      expect(replies.slice(0, -1).every((k) => k === 2)).toBe(true)
      expect(replies.at(-1)).toBe(1)
      expect(Math.max(...sizes)).toBeLessThan(16 * 1024 + 1024)
      expect(stableJson(workspaceToJSON(reader.doc))).toBe(stableJson(workspaceToJSON(writer.doc)))
      expect(todosOf(reader.doc).has('t0-0')).toBe(false)
      expect(reader.doc.store.pendingStructs).toBeNull()
    } finally {
      settings.syncSliceBytes = before
    }
  })
})
