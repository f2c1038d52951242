import type { WebSocket } from 'ws'

/**
 * Broadcasts frame a message once: a server → client WebSocket frame (RFC 6455 §5.2: FIN, binary
 * opcode, unmasked) holding the payload, built once and written as is to every connection's
 * socket. `ws.send` would build the header, wrap the payload and cork/uncork for every
 * connection — with 200 editors that is 199 times the same work per edit.
 */
export interface SharedFrame {
  readonly payload: Uint8Array
  readonly frame: Buffer
}

export function shareFrame(payload: Uint8Array): SharedFrame {
  const len = payload.length
  const head = len < 126 ? 2 : len < 65_536 ? 4 : 10
  const frame = Buffer.allocUnsafe(head + len)
  frame[0] = 0x82
  if (len < 126) frame[1] = len
  else if (len < 65_536) {
    frame[1] = 126
    frame.writeUInt16BE(len, 2)
  } else {
    frame[1] = 127
    frame.writeUInt32BE(Math.floor(len / 2 ** 32), 2)
    frame.writeUInt32BE(len >>> 0, 6)
  }
  frame.set(payload, head)
  return { payload, frame }
}

/** The parts of ws' internals the fast path relies on (checked on every write; any mismatch → `ws.send`). */
interface WsInternals {
  _socket?: { writable: boolean; write(b: Buffer): boolean }
  _sender?: { _state: number; _queue: unknown[] }
  _extensions?: Record<string, unknown>
}

/**
 * Writes a shared frame to one connection: straight to its socket when ws has nothing queued for
 * it and no extension (compression) is negotiated, so the bytes stay in order; otherwise through
 * `ws.send` with the payload.
 */
export function writeShared(ws: WebSocket, shared: SharedFrame): void {
  const w = ws as unknown as WsInternals
  const socket = w._socket
  const sender = w._sender
  if (
    socket?.writable &&
    sender &&
    sender._state === 0 &&
    sender._queue.length === 0 &&
    w._extensions &&
    Object.keys(w._extensions).length === 0
  ) {
    socket.write(shared.frame)
  } else {
    ws.send(shared.payload)
  }
}
