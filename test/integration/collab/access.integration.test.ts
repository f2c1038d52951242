import { connect as netConnect } from 'node:net'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import WebSocket, { WebSocketServer } from 'ws'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { addTodo, encodeWorkspaceDocName, notesOf, todosOf } from '../../../domain/docs/workspace'
import { userColour } from '../../../domain/docs/presence'
import { buildBranch } from '../../support/factories'
import { countRows, login, originOf, updateRows, useDocServer, waitFor, wsBase } from './helpers'

const ctx = useDocServer({ logins: ['owner', 'reception', 'teacher', 'teacher2', 'auditor', 'accountant'], scratchType: true })
const { cookies, open } = ctx

/** Sends a raw upgrade request and returns every byte the server wrote until it closed the socket. */
function rawUpgrade(path: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(ctx.server.port, '127.0.0.1')
    let got = ''
    socket.on('data', (d) => (got += d.toString('latin1')))
    socket.on('close', () => resolve(got))
    socket.on('error', reject)
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${ctx.server.port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ]
    socket.write(lines.join('\r\n') + '\r\n\r\n')
    setTimeout(() => socket.destroy(), 3_000).unref()
  })
}

/** A raw ws client (not the provider), for messages a provider never sends. */
function rawClient(
  cookie: string,
  docName: string,
): Promise<{ ws: WebSocket; messages: Uint8Array[]; closed: Promise<{ code: number; reason: string }> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsBase(ctx.server)}/${docName}`, { headers: { Cookie: cookie, Origin: originOf(ctx.server) } })
    const messages: Uint8Array[] = []
    const closed = new Promise<{ code: number; reason: string }>((r) =>
      ws.on('close', (code, reason) => r({ code, reason: reason.toString() })),
    )
    ws.on('message', (d: Buffer) => messages.push(new Uint8Array(d)))
    ws.on('open', () => resolve({ ws, messages, closed }))
    ws.on('error', reject)
  })
}

function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

describe('who may open a document', () => {
  const ws = () => encodeWorkspaceDocName(ctx.staff.reception.id)

  it('answers an upgrade without a session with a bare 401 and closes the socket', async () => {
    expect(await rawUpgrade(`/yjs/${ws()}`, { Origin: originOf(ctx.server) })).toBe('HTTP/1.1 401 Unauthorized\r\n\r\n')
    expect(await rawUpgrade(`/yjs/${ws()}`, { Cookie: 'clubroom_session=forged-token' })).toBe(
      'HTTP/1.1 401 Unauthorized\r\n\r\n',
    )
  })

  it('refuses a foreign Origin with 403 before looking at the session', async () => {
    expect(await rawUpgrade(`/yjs/${ws()}`, { Cookie: cookies.reception, Origin: 'http://evil.example' })).toBe(
      'HTTP/1.1 403 Forbidden\r\n\r\n',
    )
    // the stock provider against a foreign origin never gets a connection
    const c = open(ctx.server, cookies.reception, ws(), { origin: 'https://127.0.0.1:1' })
    await waitFor(() => c.provider.wsUnsuccessfulReconnects > 0)
    expect(c.provider.synced).toBe(false)
    c.provider.disconnect()
  })

  it('closes unknown document types and malformed names with 4400 and a reason (a message id, worded by the client)', async () => {
    for (const [name, reason] of [
      ['nonsense:1', 'collab.refused.unknownType'],
      ['workspace:not-a-uuid', 'collab.refused.badName'],
      ['no-colon', 'collab.refused.badName'],
    ]) {
      const { closed } = await rawClient(cookies.reception, name)
      expect(await closed).toEqual({ code: 4400, reason })
    }
  })

  it('closes a document whose subject does not exist with 4400 (a week of no branch, the file of no client); its history is 404', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000'
    for (const [name, reason] of [
      [`timetable:${nobody}:2026-W49`, 'timetable.doc.noSuchBranch'],
      [`client:${nobody}`, 'collab.refused.noSuchClient'],
    ]) {
      const { closed } = await rawClient(cookies.owner, name)
      expect(await closed).toEqual({ code: 4400, reason })
      const res = await fetch(`${ctx.server.url}/api/docs/${encodeURIComponent(name)}/history`, {
        headers: { cookie: cookies.owner },
      })
      expect(res.status).toBe(404)
    }
  })

  it('closes a document the user may not read with 4403 (and the provider stops retrying)', async () => {
    const c = open(ctx.server, cookies.teacher, ws())
    await waitFor(() => c.closes.length > 0)
    expect(c.closes[0]).toEqual({ code: 4403, reason: 'collab.closed.forbidden' })
    await new Promise((r) => setTimeout(r, 400))
    expect(c.closes).toHaveLength(1)
  })

  it('leaves other upgrade paths to their own handlers', async () => {
    const other = new WebSocketServer({ noServer: true })
    ctx.server.http.on('upgrade', (req, socket, head) => {
      if (req.url === '/elsewhere') other.handleUpgrade(req, socket, head, (w) => w.send('hello from elsewhere'))
    })
    const got = await new Promise<string>((resolve, reject) => {
      const w = new WebSocket(`ws://127.0.0.1:${ctx.server.port}/elsewhere`)
      w.on('message', (d) => {
        resolve(d.toString())
        w.close()
      })
      w.on('error', reject)
    })
    expect(got).toBe('hello from elsewhere')
    other.close()
  })
})

describe('read-only connections', () => {
  it('lets the auditor read a workspace but never stores or applies its edits', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.owner.id)
    const owner = open(ctx.server, cookies.owner, name)
    await owner.synced()
    addTodo(owner.doc, 'o1', { text: 'Owner todo' })
    await waitFor(() => owner.isSaved())

    const auditor = open(ctx.server, cookies.auditor, name)
    await auditor.synced()
    expect(todosOf(auditor.doc).get('o1')?.get('text')).toBe('Owner todo')
    await waitFor(() => auditor.notices.length > 0)
    expect(auditor.notices).toEqual([{ type: 'read-only', messageId: 'collab.notice.readOnly' }])

    notesOf(auditor.doc).insert(0, 'auditor was here')
    addTodo(auditor.doc, 'a1', { text: 'sneaky' })
    // a later owner edit arrives, the auditor's never does
    notesOf(owner.doc).insert(0, 'owner note')
    await waitFor(() => auditor.doc.getText('notes').toString().includes('owner note'))
    await new Promise((r) => setTimeout(r, 200))
    expect(notesOf(owner.doc).toString()).toBe('owner note')
    expect(todosOf(owner.doc).has('a1')).toBe(false)
    const rows = await updateRows(ctx.database.db, name)
    expect(rows.every((r) => r.userId === ctx.staff.owner.id)).toBe(true)
    expect(rows).toHaveLength(2)
    // a fresh reader sees only the owner's content
    const fresh = open(ctx.server, cookies.owner, name)
    await fresh.synced()
    expect(notesOf(fresh.doc).toString()).toBe('owner note')
    expect(auditor.notices).toHaveLength(1)
  })
})

describe('limits', () => {
  it('closes with 4413 on a message over 512 KB and applies nothing of it', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.accountant.id)
    const c = open(ctx.server, cookies.accountant, name)
    await c.synced()
    notesOf(c.doc).insert(0, 'small')
    await waitFor(() => c.isSaved())
    const before = await countRows(ctx.database.db, name)
    notesOf(c.doc).insert(0, 'x'.repeat(600 * 1024))
    await waitFor(() => c.closes.length > 0)
    expect(c.closes[0].code).toBe(4413)
    expect(c.closes[0].reason).toBe('collab.closed.tooLarge')
    expect(await countRows(ctx.database.db, name)).toBe(before)
    const check = open(ctx.server, cookies.accountant, name, { doc: new Y.Doc() })
    await check.synced()
    expect(notesOf(check.doc).toString()).toBe('small')
  })

  it('never closes a connection for sending many messages: 1000 at once are paced and all saved', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.accountant.id)
    const { ws, closed } = await rawClient(cookies.accountant, name)
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 1000; i++) notesOf(doc).insert(0, 'q')
    for (const u of updates) ws.send(updateMessage(u))
    const accepted = async () =>
      (await updateRows(ctx.database.db, name)).filter((r) => r.changes.some((ch) => ch.after === 'q')).length
    await waitFor(async () => (await accepted()) === 1000, 20_000, '1000 rows')
    const early = await Promise.race([closed, new Promise<null>((r) => setTimeout(() => r(null), 200))])
    expect(early).toBeNull()
    ws.close()
    const check = open(ctx.server, cookies.accountant, name, { doc: new Y.Doc() })
    await check.synced()
    expect(notesOf(check.doc).toString().split('q').length - 1).toBe(1000)
  })

  it('closes a connection that floods megabytes of changes a second with 1008, which the stock client reconnects from', async () => {
    const name = 'scratch:flood'
    const { ws, closed } = await rawClient(cookies.reception, name)
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    // 40 × 400 KB within a second: far beyond the 8 MB burst and 1 MB/s
    for (let i = 0; i < 40; i++) doc.getText('text').insert(0, String(i % 10).repeat(400 * 1024))
    for (const u of updates) if (ws.readyState === ws.OPEN) ws.send(updateMessage(u))
    const result = await Promise.race([closed, new Promise<null>((r) => setTimeout(() => r(null), 20_000))])
    expect(result?.code).toBe(1008)
    expect(result?.reason).toBe('collab.closed.flood')
    expect(result!.code >= 4400 && result!.code < 4500).toBe(false)
    // what came within the budget was kept
    await waitFor(async () => (await countRows(ctx.database.db, name)) > 0, 5_000, 'rows within the budget')
    expect(await countRows(ctx.database.db, name)).toBeLessThan(40)
  })
})

describe('awareness', () => {
  it('replaces a spoofed identity with the session user', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.owner.id)
    const watcher = open(ctx.server, cookies.owner, name)
    await watcher.synced()
    const spoofer = open(ctx.server, cookies.auditor, name)
    await spoofer.synced()
    spoofer.provider.awareness.setLocalStateField('user', {
      id: ctx.staff.owner.id,
      name: 'The Owner',
      colour: '#000000',
      extra: 1,
    })
    spoofer.provider.awareness.setLocalStateField('cursor', { index: 3 })
    const id = spoofer.doc.clientID
    await waitFor(() => (watcher.provider.awareness.getStates().get(id) as { cursor?: unknown } | undefined)?.cursor)
    const seen = watcher.provider.awareness.getStates().get(id) as Record<string, unknown>
    expect(seen.user).toEqual({
      id: ctx.staff.auditor.id,
      name: ctx.staff.auditor.name,
      colour: userColour(ctx.staff.auditor.id),
    })
    expect(seen.cursor).toEqual({ index: 3 })
  })

  it("does not let a connection overwrite or remove another connection's awareness state", async () => {
    const name = encodeWorkspaceDocName(ctx.staff.owner.id)
    const watcher = open(ctx.server, cookies.owner, name)
    await watcher.synced()
    const victim = open(ctx.server, cookies.owner, name)
    await victim.synced()
    victim.provider.awareness.setLocalStateField('cursor', 'victim')
    await waitFor(
      () =>
        (watcher.provider.awareness.getStates().get(victim.doc.clientID) as { cursor?: string } | undefined)?.cursor === 'victim',
    )
    // a raw client forges an update for the victim's client id
    const { ws } = await rawClient(cookies.auditor, name)
    const forged = new awarenessProtocol.Awareness(new Y.Doc())
    forged.clientID = victim.doc.clientID
    ;(forged as unknown as { doc: Y.Doc }).doc.clientID = victim.doc.clientID
    forged.setLocalState({ cursor: 'forged' })
    forged.meta.set(victim.doc.clientID, { clock: 1000, lastUpdated: Date.now() })
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(forged, [victim.doc.clientID]))
    ws.send(encoding.toUint8Array(e))
    await new Promise((r) => setTimeout(r, 200))
    expect((watcher.provider.awareness.getStates().get(victim.doc.clientID) as { cursor?: string }).cursor).toBe('victim')
    ws.close()
    forged.destroy()
  })

  it("removes a connection's awareness states when it closes", async () => {
    const name = encodeWorkspaceDocName(ctx.staff.owner.id)
    const watcher = open(ctx.server, cookies.owner, name)
    await watcher.synced()
    const leaver = open(ctx.server, cookies.owner, name)
    await leaver.synced()
    const id = leaver.doc.clientID
    // (y-protocols never propagates the initial empty state: set something, as every UI does)
    leaver.provider.awareness.setLocalStateField('cursor', 1)
    await waitFor(() => watcher.provider.awareness.getStates().has(id))
    // drop the socket without the provider's goodbye message
    ;(leaver.provider.ws as unknown as WebSocket).terminate()
    leaver.provider.shouldConnect = false
    await waitFor(() => !watcher.provider.awareness.getStates().has(id))
  })
})

describe('access changes while connected', () => {
  it('a role change closes the connection (4002); it comes back read-only, and writable when the role returns', async () => {
    const name = 'scratch:roles'
    const branch = await buildBranch(ctx.database.db)
    const patchRoles = async (roles: string[]) => {
      const res = await fetch(`${ctx.server.url}/api/users/${ctx.staff.teacher2.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: cookies.owner, origin: originOf(ctx.server) },
        // only owners, managers and auditors may work in every branch
        body: JSON.stringify({ roles, branchIds: roles.includes('auditor') ? [] : [branch.id] }),
      })
      expect(res.status, await res.text()).toBe(200)
    }
    const watcher = open(ctx.server, cookies.owner, name)
    const c = open(ctx.server, cookies.teacher2, name)
    await Promise.all([watcher.synced(), c.synced()])
    c.doc.getMap('cells').set('before', 1)
    await waitFor(() => watcher.doc.getMap('cells').get('before') === 1)

    await patchRoles(['auditor'])
    await waitFor(() => c.closes.some((x) => x.code === 4002), 5_000, 'close 4002 (access changed)')
    // the provider reconnects by itself; the server now takes the user for an auditor
    await waitFor(() => c.notices.some((n) => n.type === 'read-only'), 5_000, 'read-only notice')
    c.doc.getMap('cells').set('while-read-only', 1)
    await new Promise((r) => setTimeout(r, 200))
    expect(watcher.doc.getMap('cells').has('while-read-only')).toBe(false)
    expect(
      (await updateRows(ctx.database.db, name)).every((r) => !r.changes.some((ch) => ch.path === 'cells.while-read-only')),
    ).toBe(true)

    // write access back: closed again, and the reconnect's sync delivers what was refused, credited to the user
    await patchRoles(['teacher'])
    await waitFor(() => c.closes.filter((x) => x.code === 4002).length === 2, 5_000, 'second close 4002')
    await waitFor(() => watcher.doc.getMap('cells').get('while-read-only') === 1, 5_000, 'resent edit')
    const row = (await updateRows(ctx.database.db, name)).find((r) => r.changes.some((ch) => ch.path === 'cells.while-read-only'))
    expect(row?.userId).toBe(ctx.staff.teacher2.id)
  })

  it("signing out closes that session's document connections at once, and only that session's", async () => {
    const name = encodeWorkspaceDocName(ctx.staff.reception.id)
    const other = await login(ctx.server, 'reception')
    const leaving = open(ctx.server, other, name)
    const staying = open(ctx.server, cookies.reception, name)
    await Promise.all([leaving.synced(), staying.synced()])
    const started = Date.now()
    const res = await fetch(`${ctx.server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: other, origin: originOf(ctx.server) },
    })
    expect(res.status).toBe(204)
    await waitFor(() => leaving.closes.length > 0, 5_000, 'close')
    expect(leaving.closes[0]).toEqual({ code: 4001, reason: 'collab.closed.sessionEnded' })
    expect(Date.now() - started).toBeLessThan(5_000)
    leaving.provider.disconnect()
    // the user's other session is untouched
    await new Promise((r) => setTimeout(r, 200))
    expect(staying.closes).toEqual([])
    expect(staying.provider.wsconnected).toBe(true)
  })

  it('closes the connections of a deactivated user within moments (4001)', async () => {
    const name = encodeWorkspaceDocName(ctx.staff.reception.id)
    const c = open(ctx.server, cookies.reception, name)
    await c.synced()
    const started = Date.now()
    const res = await fetch(`${ctx.server.url}/api/users/${ctx.staff.reception.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: cookies.owner },
      body: JSON.stringify({ active: false }),
    })
    expect(res.status).toBe(200)
    await waitFor(() => c.closes.length > 0, 5_000, 'close')
    expect(c.closes[0]).toEqual({ code: 4001, reason: 'collab.closed.sessionEnded' })
    expect(Date.now() - started).toBeLessThan(5_000)
    // and it cannot come back
    expect(await rawUpgrade(`/yjs/${name}`, { Cookie: cookies.reception })).toBe('HTTP/1.1 401 Unauthorized\r\n\r\n')
    c.provider.disconnect()
  })
})
