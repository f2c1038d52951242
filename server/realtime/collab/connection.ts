import type { WebSocket } from 'ws'
import { userColour, type PresenceUser } from '../../../domain/docs/presence'
import { hashToken } from '../../contracts/sessions'
import type { Actor } from '../../../domain/roles'
import { writeShared, type SharedFrame } from './frames'
import { ByteBudget, MessagePacer } from './flow-control'
import { encodeNotice, type CloseReason, type Notice } from './protocol'

/** Bytes queued for a peer before it counts as stuck. */
const MAX_BUFFERED = 32 * 1024 * 1024

/** Whoever authored a local update: a client connection or a server-side edit on a user's behalf. */
export interface UpdateSource {
  readonly userId: string | null
}

/** A server-side edit (`collab.applyAsUser`). */
export class SystemSource implements UpdateSource {
  constructor(readonly userId: string | null) {}
}

/** One WebSocket on one document, authenticated as one user. */
export class Connection implements UpdateSource {
  /** Dropped-update notice already sent for the current read-only period. */
  private toldReadOnly = false
  /** Messages per second: over it, reading pauses (never a close). */
  readonly pacer: MessagePacer
  /** Document update bytes: a sustained flood beyond it closes the connection (the client reconnects). */
  readonly updateBudget: ByteBudget
  /** Reading is paused until this timer fires. */
  pausedUntil: NodeJS.Timeout | null = null
  /** Client ids whose updates or awareness came through here (their clocks go into `saved`). */
  readonly clientIds = new Set<number>()
  /** Awareness client ids this connection controls (removed when it closes). */
  readonly awarenessIds = new Set<number>()
  /** Messages received before the document finished loading. */
  queue: Uint8Array[] | null = []
  closed = false
  alive = true
  /** An edit came through since the session watch last asked (an edit is a use of the session). */
  used = false
  /** The hash of `token`, as stored in `sessions` (what the session watch checks). */
  readonly sessionHash: string
  identity: PresenceUser

  constructor(
    readonly ws: WebSocket,
    public actor: Actor,
    /** The session token, kept to re-validate the session while the socket lives. */
    readonly token: string,
    public readOnly: boolean,
    limits: { messagesPerSecond: number; updateBytesPerSecond: number; updateBurstBytes: number },
    /** The extensions the client asked for (`?ext=saved,notice`): without them it hears only sync and awareness. */
    readonly extensions: { saved: boolean; notice: boolean } = { saved: false, notice: false },
  ) {
    this.pacer = new MessagePacer(limits.messagesPerSecond)
    this.updateBudget = new ByteBudget(limits.updateBytesPerSecond, limits.updateBurstBytes)
    this.sessionHash = hashToken(token)
    this.identity = { id: actor.id, name: actor.name, colour: userColour(actor.id) }
  }

  get userId(): string {
    return this.actor.id
  }

  setActor(actor: Actor) {
    this.actor = actor
    this.identity = { id: actor.id, name: actor.name, colour: userColour(actor.id) }
  }

  /** Sends as is. Write errors surface as `close`. */
  send(message: Uint8Array) {
    if (this.mayWrite()) this.ws.send(message)
  }

  /**
   * Sends a sync reply (its slices) as one: the slow-peer check is made once before it, so a
   * document larger than the buffer limit still reaches a client that reads.
   */
  sendAll(messages: Uint8Array[]) {
    if (!this.mayWrite()) return
    for (const m of messages) this.ws.send(m)
  }

  /** Sends a frame built once for many connections (see frames.ts). */
  sendShared(shared: SharedFrame) {
    if (this.mayWrite()) writeShared(this.ws, shared)
  }

  /** Open, and not stuck: a peer that stopped reading is dropped (it resyncs on reconnect) rather than queued for without end. */
  private mayWrite(): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return false
    if (this.ws.bufferedAmount > MAX_BUFFERED) {
      this.closed = true
      this.ws.terminate()
      return false
    }
    return true
  }

  /** Sends a notice to a client that asked for them; a stock client gets nothing (it would not understand it). */
  notice(notice: Notice) {
    if (this.extensions.notice) this.send(encodeNotice(notice))
  }

  /** Stops reading from the socket for `ms` (the client's messages wait in TCP meanwhile). */
  pauseReading(ms: number) {
    if (this.pausedUntil || this.closed) return
    this.ws.pause()
    this.pausedUntil = setTimeout(() => {
      this.pausedUntil = null
      if (!this.closed) this.ws.resume()
    }, ms)
    this.pausedUntil.unref()
  }

  /** Tells the client once that its updates are not accepted. */
  tellReadOnly() {
    if (this.toldReadOnly) return
    this.toldReadOnly = true
    this.notice({ type: 'read-only', messageId: 'collab.notice.readOnly' })
  }

  /** Leaves read-only mode (permission gained); the next read-only period is announced again. */
  makeWritable() {
    this.readOnly = false
    this.toldReadOnly = false
    this.notice({ type: 'read-write', messageId: 'collab.notice.readWrite' })
  }

  close(code: number, reason: CloseReason) {
    if (this.closed) return
    this.closed = true
    if (this.pausedUntil) clearTimeout(this.pausedUntil)
    this.pausedUntil = null
    if (this.ws.isPaused) this.ws.resume() // to read the close handshake (later messages are ignored)
    try {
      this.ws.close(code, reason)
    } catch {
      this.ws.terminate()
    }
    // a peer that never answers the close handshake is cut off
    setTimeout(() => {
      if (this.ws.readyState !== this.ws.CLOSED) this.ws.terminate()
    }, 2_000).unref()
  }
}
