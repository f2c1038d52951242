import type { WebSocket } from 'ws'

/**
 * Broadcasts frame their messages once: server → client WebSocket frames (RFC 6455 §5.2: FIN,
 * binary opcode, unmasked) holding the payloads, built once, back to back in one buffer, and
 * written as is to every connection's socket — one write (one system call) per connection however
 * many messages a group commit released. `ws.send` would build the header, wrap the payload and
 * cork/uncork for every message and every connection — with 200 editors that is 199 times the
 * same work per edit.
 */
export interface SharedFrame {
  /** The messages, in order (what `ws.send` gets when the fast path is not available). */
  readonly payloads: readonly Uint8Array[]
  /** Their frames, back to back. */
  readonly frame: Buffer
}

/** Bytes of the frame header for a payload of `len` bytes. */
function headerBytes(len: number): number {
  return len < 126 ? 2 : len < 65_536 ? 4 : 10
}

function writeHeader(frame: Buffer, at: number, len: number): number {
  frame[at] = 0x82
  if (len < 126) {
    frame[at + 1] = len
    return at + 2
  }
  if (len < 65_536) {
    frame[at + 1] = 126
    frame.writeUInt16BE(len, at + 2)
    return at + 4
  }
  frame[at + 1] = 127
  frame.writeUInt32BE(Math.floor(len / 2 ** 32), at + 2)
  frame.writeUInt32BE(len >>> 0, at + 6)
  return at + 10
}

/** One message framed once for many connections. */
export function shareFrame(payload: Uint8Array): SharedFrame {
  return shareFrames([payload])
}

/** Several messages framed once, back to back, for many connections (each stays its own WebSocket message). */
export function shareFrames(payloads: readonly Uint8Array[]): SharedFrame {
  let size = 0
  for (const p of payloads) size += headerBytes(p.length) + p.length
  const frame = Buffer.allocUnsafe(size)
  let at = 0
  for (const p of payloads) {
    at = writeHeader(frame, at, p.length)
    frame.set(p, at)
    at += p.length
  }
  return { payloads, frame }
}

/** The parts of ws' internals the fast path relies on (checked on every write; any mismatch → `ws.send`). */
interface WsInternals {
  _socket?: { writable: boolean; write(b: Buffer): boolean }
  _sender?: { _state: number; _queue: unknown[] }
  _extensions?: Record<string, unknown>
}

function noExtension(extensions: Record<string, unknown>): boolean {
  for (const _ in extensions) return false
  return true
}

/**
 * Writes a shared frame to one connection: straight to its socket when ws has nothing queued for
 * it and no extension (compression) is negotiated, so the bytes stay in order; otherwise through
 * `ws.send`, message by message.
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
    noExtension(w._extensions)
  ) {
    socket.write(shared.frame)
  } else {
    for (const p of shared.payloads) ws.send(p)
  }
}
