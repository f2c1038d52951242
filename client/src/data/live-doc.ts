import * as decoding from 'lib0/decoding'
import { WebsocketProvider } from 'y-websocket'
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { type PresenceUser, userColour } from '../../../domain/docs/presence'
import { ALL_EXTENSIONS, CLOSE as CLOSE_CODES, EXTENSIONS_PARAM, MSG_NOTICE, MSG_SAVED } from '../../../domain/docs/protocol'
import { encodeTransactionUpdate } from '../../../domain/docs/update-encoding'
import { isMessageId, type MessageId } from '../../../domain/i18n/catalogue'
import { paceSyncMessages } from './paced-sync'

/**
 * Live documents: one Y.Doc synced over `/yjs/<docName>` (y-websocket protocol, session
 * cookie) plus what the UI needs around it: is it saved, who is here, may I write.
 *
 * Our two extra server messages, 100 "saved" (saved when the durable clock of our clientID ≥
 * our local clock) and 101 "notice", and the close codes the document server uses, are
 * domain/docs/protocol.ts's.
 */
export { CLOSE_CODES, MSG_NOTICE, MSG_SAVED }

/** 'read-only': nothing of ours is saved (we may only read): never shown as "All changes saved". */
export type SavedState = 'saving' | 'saved' | 'offline' | 'read-only'

/** A notice: its kind, and what to tell the user as a catalogue message id (screens word it with `t`), if anything. */
export interface DocNotice {
  type: 'read-only' | 'read-write' | 'resync' | 'connection' | string
  messageId: MessageId | null
}

/** Why the document stopped for good (the provider no longer reconnects), as a catalogue message id. */
export interface DocClosed {
  code: number
  messageId: MessageId
}

/** The server's notices by kind (what a server that sends no message id means). */
const NOTICES: Readonly<Record<string, MessageId>> = {
  'read-only': 'collab.notice.readOnly',
  'read-write': 'collab.notice.readWrite',
  resync: 'collab.notice.resync',
}

/** One connection present in the document (two tabs of one person are two entries). */
export interface PresenceEntry {
  clientId: number
  user: PresenceUser
  self: boolean
  /** What that person is on, e.g. 'notes' or 'todo:<id>' (set through `setFocus`). */
  focus: string | null
}

/**
 * "read-only" when we may not change the document (the server said so, or it was opened
 * read-only): a reader is never told "All changes saved". Else "saved" when the server has durably
 * stored every local change of ours, "offline" while disconnected (local changes stay in the tab
 * and are sent on reconnect), else "saving".
 */
export function computeSavedState(connected: boolean, localClock: number, savedClock: number, readOnly = false): SavedState {
  if (readOnly) return 'read-only'
  if (!connected) return 'offline'
  return savedClock >= localClock ? 'saved' : 'saving'
}

/**
 * What to tell the user about a close (a catalogue message id, or null: nothing), and whether it
 * ends the document for good. The server's reason is a message id saying why (a week of a branch
 * that does not exist, an erased client's file); any other reason is not shown.
 */
export function describeClose(code: number, reason = ''): { messageId: MessageId | null; terminal: boolean } {
  const why = (fallback: MessageId): MessageId => (isMessageId(reason) ? reason : fallback)
  switch (code) {
    case CLOSE_CODES.sessionEnded:
      return { messageId: 'collab.closed.sessionEnded', terminal: true }
    case CLOSE_CODES.accessChanged:
      return { messageId: 'collab.closed.accessChanged', terminal: false }
    case CLOSE_CODES.badRequest:
      return { messageId: why('collab.closed.badRequest'), terminal: true }
    case CLOSE_CODES.forbidden:
      return { messageId: why('collab.closed.forbidden'), terminal: true }
    case CLOSE_CODES.gone:
      return { messageId: why('collab.closed.gone'), terminal: true }
    case CLOSE_CODES.tooLarge:
      return { messageId: 'collab.closed.tooLarge', terminal: true }
    case CLOSE_CODES.flood:
      return { messageId: 'collab.closed.flood', terminal: false }
    case CLOSE_CODES.malformed:
      return { messageId: 'collab.closed.malformed', terminal: false }
    case CLOSE_CODES.unavailable:
      return { messageId: 'collab.closed.unavailable', terminal: false }
    case CLOSE_CODES.goingAway:
      return { messageId: 'collab.closed.goingAway', terminal: false }
    default:
      return { messageId: null, terminal: false }
  }
}

/** Awareness states → presence list: ourselves first, then by name. States without `user` are skipped. */
export function presenceFrom(states: Map<number, Record<string, unknown>>, selfId: number): PresenceEntry[] {
  const out: PresenceEntry[] = []
  for (const [clientId, state] of states) {
    const u = state?.user as Partial<PresenceUser> | undefined
    if (!u || typeof u.id !== 'string' || typeof u.name !== 'string') continue
    out.push({
      clientId,
      user: { id: u.id, name: u.name, colour: typeof u.colour === 'string' ? u.colour : userColour(u.id) },
      self: clientId === selfId,
      focus: typeof state.focus === 'string' ? state.focus : null,
    })
  }
  return out.sort((a, b) => Number(b.self) - Number(a.self) || a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId)
}

export interface OpenDocOptions {
  /** Who we are (the server overwrites it with the authenticated identity anyway). */
  user: { id: string; name: string }
  /** ws(s)://host/yjs by default. */
  url?: string
  WebSocketPolyfill?: typeof WebSocket
  /** Called once when the server says the session is over (close 4001, or upgrades keep failing and /api/auth/me says 401). */
  onSessionEnded?: () => void
  /** Asked after a few failed connection attempts: is the session still valid? */
  checkSession?: () => Promise<boolean>
  /** Opened to read only (e.g. a document as it was): read-only from the start, whatever the server says. */
  readOnly?: boolean
}

/** The default server URL: same host, /yjs. */
export function defaultDocUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/yjs`
}

/**
 * An open live document. Read its fields after `subscribe` tells you something changed.
 * @example
 * const live = openDoc(`workspace:${user.id}`, { user })
 * const off = live.subscribe(() => render(live.savedState, live.presence))
 * live.doc.getMap('todos') // …
 * live.destroy()
 */
export class LiveDoc {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  readonly awareness: Awareness
  savedState: SavedState = 'offline'
  /** The server's content has arrived (first sync done). */
  synced = false
  /** The server refuses our changes (we may only read). */
  readOnly = false
  presence: PresenceEntry[] = []
  /** The last notice from the server (read-only, resync…), or a transient connection problem. */
  notice: DocNotice | null = null
  /** Set when the document stopped for good (forbidden, bad name, session ended…). */
  closed: DocClosed | null = null
  private savedClock = 0
  private listeners = new Set<() => void>()
  private failedOpens = 0
  private everSynced = false
  private destroyed = false
  private readonly stopPacing: () => void

  constructor(
    readonly name: string,
    private readonly options: OpenDocOptions,
  ) {
    this.doc = new Y.Doc()
    this.readOnly = options.readOnly ?? false
    this.provider = new WebsocketProvider(options.url ?? defaultDocUrl(), name, this.doc, {
      disableBc: true, // every update goes through the server, which persists before broadcasting
      WebSocketPolyfill: options.WebSocketPolyfill,
      // we understand `saved` and `notice`: the server sends them only to clients that ask
      params: { [EXTENSIONS_PARAM]: ALL_EXTENSIONS },
      // 4400–4499 are final by convention; 4001 is final too
      shouldReconnect: (event: CloseEvent) => !describeClose(event.code).terminal && !(event.code >= 4400 && event.code < 4500),
    })
    this.awareness = this.provider.awareness
    this.awareness.setLocalState({ user: { id: options.user.id, name: options.user.name, colour: userColour(options.user.id) }, focus: null })

    this.provider.messageHandlers[MSG_SAVED] = (_encoder, decoder) => {
      const sv = Y.decodeStateVector(decoding.readVarUint8Array(decoder))
      const clock = sv.get(this.doc.clientID)
      if (clock !== undefined && clock > this.savedClock) this.savedClock = clock
      this.refresh()
    }
    this.provider.messageHandlers[MSG_NOTICE] = (_encoder, decoder) => {
      let notice: DocNotice
      try {
        const parsed = JSON.parse(decoding.readVarString(decoder)) as { type?: unknown; messageId?: unknown }
        const type = String(parsed.type ?? 'error')
        notice = { type, messageId: isMessageId(parsed.messageId) ? parsed.messageId : (NOTICES[type] ?? null) }
      } catch {
        return
      }
      if (notice.type === 'read-only') this.readOnly = true
      if (notice.type === 'read-write') this.readOnly = this.options.readOnly ?? false
      this.notice = notice
      this.refresh()
    }

    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') {
        this.failedOpens = 0
        if (this.notice && this.notice.type === 'connection') this.notice = null
      }
      this.refresh()
    })
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.everSynced = true
      this.synced = synced || this.everSynced
      this.refresh()
    })
    this.provider.on('connection-close', (event: CloseEvent | null) => this.onClose(event))
    // The provider forwards our edits from the document's 'update' event, and for any 'update'
    // listener Yjs encodes every transaction, the server's too: a whole week arriving would be
    // re-encoded just to be dropped (~45 ms for 1 MB). Our edits go from 'afterTransactionCleanup'
    // instead, the same bytes, encoded only for what is sent.
    this.doc.off('update', this.provider._updateHandler)
    this.doc.on('afterTransactionCleanup', this.onTransaction)
    // a large document arrives in slices: the browser paints and takes input between them
    this.stopPacing = paceSyncMessages(this.provider, { largeBytes: 32 * 1024 })
    this.awareness.on('change', this.onAwareness)
    this.refresh()
  }

  /** Our clientID's clock in the local doc. */
  get localClock(): number {
    return Y.getState(this.doc.store, this.doc.clientID)
  }

  get connected(): boolean {
    return this.provider.wsconnected
  }

  /** Calls `listener` after any change of the fields above. Returns a disposer. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  /** Tells the others what we are on ('notes', 'todo:<id>'), or null. */
  setFocus(focus: string | null) {
    if (this.awareness.getLocalState()?.focus !== focus) this.awareness.setLocalStateField('focus', focus)
  }

  destroy() {
    if (this.destroyed) return
    this.destroyed = true
    this.doc.off('afterTransactionCleanup', this.onTransaction)
    this.stopPacing()
    this.awareness.off('change', this.onAwareness)
    this.listeners.clear()
    this.provider.destroy()
    this.doc.destroy()
  }

  private onTransaction = (tr: Y.Transaction) => {
    if (tr.origin !== this.provider) {
      const update = encodeTransactionUpdate(tr)
      if (update) this.provider._updateHandler(update, tr.origin)
    } else if (!this.synced) {
      // the server's state still arriving (in slices, for a large document) changes nothing a
      // subscriber shows before the sync, which refreshes them anyway
      return
    }
    this.refresh()
  }
  private onAwareness = () => this.refresh()

  private onClose(event: CloseEvent | null) {
    if (!event || this.destroyed) return
    const { messageId, terminal } = describeClose(event.code, event.reason)
    if (event.code === CLOSE_CODES.sessionEnded) {
      this.closed = { code: event.code, messageId: 'collab.closed.sessionEnded' }
      this.options.onSessionEnded?.()
    } else if (terminal && messageId) {
      this.closed = { code: event.code, messageId }
    } else if (messageId) {
      this.notice = { type: 'connection', messageId }
    } else if (!this.provider.wsconnected) {
      // the upgrade was refused (e.g. 401) or the network is down: after a few tries, ask whether the session is still there
      this.failedOpens++
      if (this.failedOpens === 3 && this.options.checkSession) {
        void this.options.checkSession().then((ok) => {
          if (!ok && !this.destroyed) {
            this.closed = { code: CLOSE_CODES.sessionEnded, messageId: 'collab.closed.sessionEnded' }
            this.provider.disconnect()
            this.options.onSessionEnded?.()
            this.refresh()
          }
        })
      }
    }
    this.refresh()
  }

  private refresh() {
    if (this.destroyed) return
    this.savedState = computeSavedState(this.provider.wsconnected, this.localClock, this.savedClock, this.readOnly)
    this.presence = presenceFrom(this.awareness.getStates(), this.doc.clientID)
    for (const l of [...this.listeners]) l()
  }
}

/** Opens a live document; call `destroy()` when done. */
export function openDoc(name: string, options: OpenDocOptions): LiveDoc {
  return new LiveDoc(name, options)
}
