import { expect } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { encodeWorkspaceDocName, notesOf } from '../../../domain/docs/workspace'
import { hashToken } from '../../../server/contracts/sessions'
import { encodeSyncStep1 } from '../../../server/realtime/collab/protocol'
import type { RunningServer } from '../../../server/server'
import { api, client, connected, login } from '../socket/helpers'

/**
 * What one signed-in tab holds open: a Socket.IO connection and a y-websocket connection to the
 * user's own workspace, each recording what it receives (with times) and when it closed.
 */
export interface Tab {
  userId: string
  cookie: string
  socket: ReturnType<typeof client>
  ws: WebSocket
  /** Socket.IO events received, with their time. */
  events: Array<{ at: number; event: string; payload: any }>
  /** y-websocket messages received, with their time. */
  messages: Array<{ at: number; bytes: number }>
  /** Socket.IO disconnect (reason, time). */
  socketGone: Promise<{ at: number; reason: string }>
  /** WebSocket close (code, reason, time). */
  wsGone: Promise<{ at: number; code: number; reason: string }>
}

/** Opens a tab: both connections up, the document synced once. */
export async function openTab(server: RunningServer, cookie: string, userId: string): Promise<Tab> {
  const socket = client(server, cookie)
  const events: Tab['events'] = []
  socket.onAny((event, payload) => events.push({ at: Date.now(), event, payload }))
  const socketGone = new Promise<{ at: number; reason: string }>((resolve) =>
    socket.once('disconnect', (reason) => resolve({ at: Date.now(), reason })),
  )
  await connected(socket)

  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/yjs/${encodeWorkspaceDocName(userId)}`, {
    headers: { cookie, origin: `http://127.0.0.1:${server.port}` },
  })
  const messages: Tab['messages'] = []
  ws.on('message', (data: Buffer) => messages.push({ at: Date.now(), bytes: data.byteLength }))
  const wsGone = new Promise<{ at: number; code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ at: Date.now(), code, reason: reason.toString() })),
  )
  ws.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
  })
  ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
  await until(() => messages.length > 0, 5_000, 'document sync')
  return { userId, cookie, socket, ws, events, messages, socketGone, wsGone }
}

/** Signs in over HTTP (as a browser on the server's own origin); returns the cookie. */
export const signIn = login

/** A JSON call as the holder of `cookie`; the status and parsed body. */
export const call = api

/**
 * Asserts that both connections of the tab closed within `ms` of `since`, then makes things
 * happen that would reach them (a broadcast to everyone, an edit of the document) and asserts
 * that nothing arrived after they closed.
 */
export async function expectTabClosed(tab: Tab, since: number, servers: RunningServer[], ms = 5_000) {
  const [socketGone, wsGone] = await Promise.all([
    within(tab.socketGone, ms, 'Socket.IO disconnect'),
    within(tab.wsGone, ms, 'document close'),
  ])
  expect(socketGone.at - since).toBeLessThan(ms)
  expect(wsGone.at - since).toBeLessThan(ms)
  expect(tab.socket.connected).toBe(false)
  // things that would reach an open tab: an event to everyone signed in, an edit of its document
  for (const server of servers)
    server.deps.events.emit('entity.changed', { type: 'branch', id: `after-${Date.now()}`, action: 'create' })
  await servers[0].realtime.collab.applyAsUser(encodeWorkspaceDocName(tab.userId), null, (doc) =>
    notesOf(doc).insert(0, 'after the end '),
  )
  await new Promise((r) => setTimeout(r, 300))
  expect(tab.events.filter((e) => e.at > socketGone.at)).toEqual([])
  expect(tab.messages.filter((m) => m.at > wsGone.at)).toEqual([])
  return { socketGone, wsGone }
}

/** Asserts the tab is still open and still hears a broadcast. */
export async function expectTabOpen(tab: Tab, server: RunningServer) {
  expect(tab.socket.connected).toBe(true)
  expect(tab.ws.readyState).toBe(WebSocket.OPEN)
  const id = `still-${Date.now()}`
  server.deps.events.emit('entity.changed', { type: 'branch', id, action: 'create' })
  await until(
    () => tab.events.some((e) => e.event === 'entity.changed' && e.payload?.id === id),
    5_000,
    'an event on the open tab',
  )
  const before = tab.messages.length
  await server.realtime.collab.applyAsUser(encodeWorkspaceDocName(tab.userId), null, (doc) =>
    notesOf(doc).insert(0, 'still here '),
  )
  await until(() => tab.messages.length > before, 5_000, 'a document update on the open tab')
}

/** Closes what is left of a tab. */
export function closeTab(tab: Tab) {
  tab.socket.disconnect()
  tab.ws.terminate()
}

/** Moves a session back in time: unused for `minutes` (idle), or past its absolute lifetime. */
export async function ageSession(db: Db, cookie: string, how: { idleMinutes?: number; expired?: boolean }) {
  const hash = hashToken(decodeURIComponent(cookie.split('=')[1]))
  if (how.idleMinutes !== undefined)
    await db.execute(
      sql`update sessions set last_seen_at = now() - make_interval(mins => ${how.idleMinutes}) where token_hash = ${hash}`,
    )
  if (how.expired) await db.execute(sql`update sessions set expires_at = now() - interval '1 second' where token_hash = ${hash}`)
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)
    p.then((v) => {
      clearTimeout(timer)
      resolve(v)
    }, reject)
  })
}

export async function until(check: () => boolean | Promise<boolean>, ms = 5_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
