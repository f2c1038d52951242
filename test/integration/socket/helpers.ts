import { io as connectClient, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'
import type { RunningServer } from '../../../server/server'

/** Signs in over HTTP; returns the `clubroom_session=…` cookie. */
export async function login(server: RunningServer, loginName: string, password = 'clubroom'): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ login: loginName, password }),
  })
  if (res.status !== 200) throw new Error(`login ${loginName}: ${res.status} ${await res.text()}`)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]
}

/** A JSON call to the API as the holder of `cookie`. */
export async function api(server: RunningServer, cookie: string, method: string, path: string, json?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: { cookie, origin: server.url, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: json !== undefined ? JSON.stringify(json) : undefined,
  })
  const text = await res.text()
  return { status: res.status, data: text ? JSON.parse(text) : null }
}

const open: Socket[] = []

/** A socket.io client as a browser on our page would be (cookie + own Origin), websocket only, no auto-reconnect. */
export function client(
  server: RunningServer,
  cookie?: string,
  opts: Partial<ManagerOptions & SocketOptions> & { origin?: string } = {},
): Socket {
  const { origin, ...rest } = opts
  const socket = connectClient(server.url, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 5_000,
    extraHeaders: { ...(cookie ? { cookie } : {}), origin: origin ?? server.url },
    ...rest,
  })
  open.push(socket)
  return socket
}

/** Closes every client made by `client()`. */
export function closeClients() {
  for (const s of open.splice(0)) s.disconnect()
}

/** Resolves on connect; rejects with the connect_error. */
export function connected(socket: Socket): Promise<Socket> {
  if (socket.connected) return Promise.resolve(socket)
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.off('connect_error', reject)
      resolve(socket)
    })
    socket.once('connect_error', reject)
  })
}

/** Resolves with the connect_error (fails if the socket connects instead). */
export function refused(socket: Socket): Promise<Error> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, expected a refusal')))
    socket.once('connect_error', resolve)
  })
}

/** The next `event` (matching `where`) on this socket, or a timeout error. */
export function next<T = any>(
  socket: Socket,
  event: string,
  where: (payload: T) => boolean = () => true,
  ms = 5_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, on)
      reject(new Error(`no ${event} within ${ms} ms`))
    }, ms)
    const on = (payload: T) => {
      if (!where(payload)) return
      clearTimeout(timer)
      socket.off(event, on)
      resolve(payload)
    }
    socket.on(event, on)
  })
}

/** Records every event a socket receives, in order. */
export function record(socket: Socket): Array<{ event: string; payload: any }> {
  const seen: Array<{ event: string; payload: any }> = []
  socket.onAny((event, payload) => seen.push({ event, payload }))
  return seen
}

/** Emits with an ack and resolves with the ack's answer. */
export function ask(socket: Socket, event: string, ...args: unknown[]): Promise<any> {
  return socket.timeout(8_000).emitWithAck(event, ...args)
}

/** Polls until `check` is truthy. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
