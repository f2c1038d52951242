import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addTodo, encodeWorkspaceDocName, notesOf, todosOf, workspaceToJSON } from '../../../domain/docs/workspace'
import { userColour } from '../../../domain/docs/presence'
import { docUpdates } from '../../../db/schema/index'
import { docFromLog, login, stableJson, updateRows, useDocServer, waitFor, type TestClient } from './helpers'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

const ctx = useDocServer({ instances: [{ REDIS_URL }, { REDIS_URL }], logins: ['owner'] })
const { cookies, open } = ctx

describe('several instances behind Redis', () => {
  it('clients split between two servers converge; each update is stored once, by the instance that received it', async () => {
    const [a, b] = ctx.servers
    const name = encodeWorkspaceDocName(ctx.staff.owner.id)
    const cs = [a, b, a, b, a, b].map((s) => open(s, cookies.owner, name))
    await Promise.all(cs.map((c) => c.synced()))
    for (let round = 0; round < 15; round++) {
      cs.forEach((c, i) => {
        if (round % 2 === 0) addTodo(c.doc, `i${i}r${round}`, { text: `from ${i} in ${round}`, order: round })
        else notesOf(c.doc).insert(0, `${i}.${round} `)
      })
      await new Promise((r) => setTimeout(r, 3))
    }
    await waitFor(() => cs.every((c) => c.isSaved()), 10_000, 'all saved')
    // everyone ends equal (compare with each other: any one client may still be receiving)
    const json = (c: TestClient) => stableJson(workspaceToJSON(c.doc))
    await waitFor(() => cs.every((c) => json(c) === json(cs[0])), 10_000, 'convergence')
    const expected = json(cs[0])
    expect(Object.keys(todosOf(cs[0].doc).toJSON())).toHaveLength(6 * 8)

    const rows = await updateRows(ctx.database.db, name)
    // one row per client transaction (6 clients × 15 rounds), seqs 1..n with no gap, all by the owner
    if (rows.length !== 90)
      console.error('rows', rows.length, JSON.stringify(cs.map((c) => ({ notices: c.notices, closes: c.closes }))))
    // no update stored twice: the structs of different rows never overlap
    const seen = new Set<string>()
    for (const row of rows) {
      for (const s of Y.decodeUpdate(row.update).structs) {
        for (let k = 0; k < s.length; k++) {
          const id = `${s.id.client}:${s.id.clock + k}`
          expect(seen.has(id)).toBe(false)
          seen.add(id)
        }
      }
    }
    expect(rows).toHaveLength(90)
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, k) => k + 1))
    expect(rows.every((r) => r.userId === ctx.staff.owner.id)).toBe(true)
    expect(stableJson(workspaceToJSON(await docFromLog(ctx.database.db, name)))).toBe(expected)
  })

  it('carries awareness across instances, with the server-set identity', async () => {
    const [a, b] = ctx.servers
    const name = encodeWorkspaceDocName(ctx.staff.owner.id)
    const onA = open(a, cookies.owner, name)
    const onB = open(b, cookies.owner, name)
    await Promise.all([onA.synced(), onB.synced()])
    onA.provider.awareness.setLocalStateField('user', { id: 'someone-else', name: 'Mallory' })
    onA.provider.awareness.setLocalStateField('cursor', 7)
    await waitFor(
      () => (onB.provider.awareness.getStates().get(onA.doc.clientID) as { cursor?: number } | undefined)?.cursor === 7,
    )
    expect((onB.provider.awareness.getStates().get(onA.doc.clientID) as { user: unknown }).user).toEqual({
      id: ctx.staff.owner.id,
      name: ctx.staff.owner.name,
      colour: userColour(ctx.staff.owner.id),
    })
    // leaving on A removes the state on B's clients too
    onA.provider.disconnect()
    await waitFor(() => !onB.provider.awareness.getStates().has(onA.doc.clientID))
  })

  it('picks up an update whose fan-out message was lost, from the log', async () => {
    const [a, b] = ctx.servers
    const name = encodeWorkspaceDocName(ctx.staff.owner.id)
    const onA = open(a, cookies.owner, name)
    const onB = open(b, cookies.owner, name)
    await Promise.all([onA.synced(), onB.synced()])
    const checks = [a, b].map((s) => s.realtime.collab.settings.headCheckMs)
    for (const s of [a, b]) s.realtime.collab.settings.headCheckMs = 100
    try {
      // as if a third instance committed this and its publish never arrived
      const other = new Y.Doc()
      Y.applyUpdate(other, Y.encodeStateAsUpdate(onA.doc))
      const before = Y.encodeStateVector(other)
      notesOf(other).insert(0, 'lost in transit ')
      const rows = await updateRows(ctx.database.db, name)
      await ctx.database.db.insert(docUpdates).values({
        doc: name,
        seq: rows.length + 1,
        userId: ctx.staff.owner.id,
        update: Y.encodeStateAsUpdate(other, before),
        changes: [],
      })
      await waitFor(
        () =>
          notesOf(onA.doc).toString().startsWith('lost in transit ') &&
          notesOf(onB.doc).toString().startsWith('lost in transit '),
        5_000,
        'catch-up',
      )
    } finally {
      ;[a, b].forEach((s, i) => (s.realtime.collab.settings.headCheckMs = checks[i]))
    }
  })

  it("signing out on one instance closes that session's document connections on the other within moments", async () => {
    const [a, b] = ctx.servers
    const name = encodeWorkspaceDocName(ctx.staff.teacher.id)
    const tcookie = await login(a, 'teacher')
    const onB = open(b, tcookie, name)
    await onB.synced()
    const started = Date.now()
    const res = await fetch(`${a.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: tcookie, origin: `http://127.0.0.1:${a.port}` },
    })
    expect(res.status).toBe(204)
    await waitFor(() => onB.closes.length > 0, 5_000, 'close on the other instance')
    expect(onB.closes[0]).toEqual({ code: 4001, reason: 'collab.closed.sessionEnded' })
    expect(Date.now() - started).toBeLessThan(5_000)
    onB.provider.disconnect()
  })

  it('a document evicted on one instance (its history was replaced) is dropped on the other too', async () => {
    const [a, b] = ctx.servers
    const name = encodeWorkspaceDocName(ctx.staff.reception.id)
    const rcookie = await login(a, 'reception')
    const onB = open(b, rcookie, name)
    await onB.synced()
    expect(b.realtime.collab.isLoaded(name)).toBe(true)
    await a.deps.docs!.evict!(name, 'collab.refused.clientErased')
    await waitFor(() => onB.closes.length > 0, 5_000, 'close on the other instance')
    expect(onB.closes[0]).toEqual({ code: 4410, reason: 'collab.refused.clientErased' })
    await waitFor(() => !b.realtime.collab.isLoaded(name), 5_000, 'unloaded on the other instance')
    onB.provider.disconnect()
  })

  it('a server that opens the document later sees everything, and picks up edits made on the other one', async () => {
    const [a, b] = ctx.servers
    const name = encodeWorkspaceDocName(ctx.staff.manager.id)
    const mcookie = await login(a, 'manager')
    const first = open(a, mcookie, name)
    await first.synced()
    notesOf(first.doc).insert(0, 'written on A')
    await waitFor(() => first.isSaved())
    const late = open(b, mcookie, name, { doc: new Y.Doc() })
    await late.synced()
    expect(notesOf(late.doc).toString()).toBe('written on A')
    notesOf(first.doc).insert(0, '>')
    notesOf(late.doc).insert(notesOf(late.doc).length, '<')
    await waitFor(() => notesOf(late.doc).toString() === '>written on A<' && notesOf(first.doc).toString() === '>written on A<')
  })
})
