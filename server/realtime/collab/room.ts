import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Db } from '../../../db/client'
import type { EventBus } from '../../events/bus'
import type { Logger } from '../../logger'
import { Connection, SystemSource, type UpdateSource } from './connection'
import { encodeStateInSlices } from '../../../domain/docs/update-encoding'
import type { DocChange } from './describe'
import type { ResolvedDoc } from './doc-registry'
import type { Fanout, FanoutHandler } from './fanout'
import { shareFrame, shareFrames } from './frames'
import { loadDocRows, readUpdatesAfter, writeSnapshot } from './persistence'
import { markProjected, readWatermark, type ProjectionRun } from './projection-watermarks'
import {
  CLOSE,
  applyAwarenessEntries,
  checkUpdate,
  encodeAwarenessMessage,
  encodeSaved,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  sanitizeAwareness,
} from './protocol'

/** Tuning knobs of the hub (defaults in server.ts; tests may shorten them). */
export interface CollabSettings {
  /** Largest client message accepted (bytes); larger closes the connection with 4413. */
  maxMessageBytes: number
  /** Messages per second per connection; beyond it the connection's reading pauses for the rest of the second (never a close). */
  maxMessagesPerSecond: number
  /** Document update bytes per second a connection may send, sustained … */
  updateBytesPerSecond: number
  /** … beyond a burst of this many bytes; overdrawn, the connection is closed with 1008 (the client reconnects). */
  updateBurstBytes: number
  /** A document with no connection is dropped from memory after this long. */
  idleUnloadMs: number
  /** A snapshot is written after this many updates … */
  snapshotEvery: number
  /** … or this many update bytes since the last one. */
  snapshotBytes: number
  /** On unload, a snapshot is written when at least this many updates are not in one. */
  snapshotOnUnload: number
  /** Sessions of open connections are re-validated this often. */
  sessionRecheckMs: number
  /** Ping interval; a connection that missed a pong is cut. */
  pingMs: number
  /** Debounce of the projector after commits. */
  projectDelayMs: number
  /** How often the log heads of projected documents are compared with their projection watermarks (a lagging one is projected again). */
  projectionSweepMs: number
  /** How long a missing remote seq may stay missing before the log is read to fill the gap. */
  gapWaitMs: number
  /** Most updates written in one transaction. */
  maxBatch: number
  /**
   * Shortest time between the starts of two group commits (ms; 0: commit as soon as the last one
   * is done). An update that arrives after a quiet stretch is committed at once; under a steady
   * stream the updates of this long share one INSERT and one broadcast write per connection
   * (PostgreSQL's own `commit_delay` idea): fewer commits and socket writes per edit, for at most
   * this much more latency.
   */
  commitIntervalMs: number
  /** With several instances: how often open documents are compared with the head of their log. */
  headCheckMs: number
  /**
   * Awareness renewals (a client re-sending an unchanged state so that others do not time it out:
   * y-protocols renews every 15 s and drops a state after 30 s) are collected for this long and
   * forwarded as one message per connection; changed states go out at once.
   */
  awarenessRenewalMs: number
  /**
   * A sync reply larger than this goes out as several update messages of about this size, then the
   * sync step 2 with the rest: a browser applies each in its own task, so a 1 MB week never holds
   * its main thread for the whole decode, and stays responsive while the week arrives.
   */
  syncSliceBytes: number
}

/** A local update waiting to be written (one row of doc_updates). */
export interface Entry {
  room: Room
  source: UpdateSource
  update: Uint8Array
  changes: DocChange[]
  /** Client → clock after this update, for the clients it advanced. */
  clocks: Array<[number, number]>
  /** Order of application in this room. */
  counter: number
  /** When it was applied (performance.now()): its acknowledgement latency is measured from here. */
  at: number
  seq?: number
  done?: { resolve: (seq: number) => void; reject: (err: Error) => void }
}

/** Client → clock after the transaction, for the clients it advanced. */
function changedClocks(txn: Y.Transaction): Array<[number, number]> {
  const clocks: Array<[number, number]> = []
  for (const [client, clock] of txn.afterState) if (clock !== (txn.beforeState.get(client) ?? 0)) clocks.push([client, clock])
  return clocks
}

/** The seq the hub assigned to a committed entry. */
function seqOf(e: Entry): number {
  if (e.seq === undefined) throw new Error('a committed entry has no seq')
  return e.seq
}

/** What a room needs from the hub. */
export interface RoomHost {
  db: Db
  events: EventBus
  logger: Logger
  settings: CollabSettings
  fanout: Fanout | null
  enqueue(entry: Entry): void
  dropRoom(room: Room): void
}

/** Longest stretch of log replay between two yields to the event loop. */
const LOAD_SLICE_MS = 15

/** Origins of transactions that are not local edits. */
const LOAD = Symbol('load')
const REMOTE = Symbol('remote')

export type ApplyResult = 'applied' | 'nothing' | 'missing'

/**
 * One open document: its Y.Doc and awareness, its connections, and the bookkeeping that keeps
 * every broadcast behind the durable log.
 */
export class Room implements FanoutHandler {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly conns = new Set<Connection>()
  state: 'loading' | 'ready' | 'failed' | 'closed' = 'loading'
  /** Highest seq known to be in the log. */
  lastSeq = 0
  /** Every seq ≤ this is in the Y.Doc. */
  contiguousSeq = 0
  private laterSeqs = new Set<number>()
  private gapTimer: NodeJS.Timeout | null = null
  private catchingUp = false
  private catchUpAgain = false
  snapshotSeq = 0
  private bytesSinceSnapshot = 0
  private snapshotting = false
  /** Durable clock per client (what `saved` reports). */
  private durable = new Map<number, number>()
  /** Local entries applied / committed, counted in application order. */
  private applied = 0
  private committed = 0
  private waiters: Array<{ target: number; fn: () => void }> = []
  /** Entries applied but not yet committed. */
  unflushed = 0
  /** Server-side edits in progress (keep the room loaded). */
  holds = 0
  private idleTimer: NodeJS.Timeout | null = null
  private remoteBuffer: Array<{ seq: number; update: Uint8Array }> = []
  private capture: { changes: DocChange[] | null; entry: Entry | null } = { changes: null, entry: null }
  /**
   * A connection's update being applied without the doc's `update` listener (applyLocal): its
   * entry is made in afterTransaction from these bytes, and yjs does not encode the update again.
   */
  private direct: { source: UpdateSource; update: Uint8Array; exact: boolean } | null = null
  private readonly updateListener = (update: Uint8Array, origin: unknown, _doc: Y.Doc, txn: Y.Transaction) =>
    this.onDocUpdate(update, origin, txn)
  /** Which connection (or another instance) controls each awareness client id. */
  private awarenessOwner = new Map<number, Connection | 'remote'>()
  /** Ids whose state changed in the awareness event being handled (y-protocols emits `change` just before `update`). */
  private awarenessChanged: Set<number> | null = null
  /** Renewals waiting to be forwarded: to our connections, and (ours) to other instances. */
  private renewals = { all: new Set<number>(), ours: new Set<number>(), timer: null as NodeJS.Timeout | null }
  private presenceKey = ''
  private projectTimer: NodeJS.Timeout | null = null
  private projectChanges: DocChange[] = []
  /** Seqs of this instance's commits since the last projection run (what a partial run covers). */
  private projectSeqs: number[] = []
  /** The next run projects the whole document (catching up from the watermark). */
  private projectWhole = false
  private projectActor: string | null = null
  private projecting = false
  private projectDirty = false
  /** The projection run in progress (or the last one). */
  private projectRun: Promise<void> = Promise.resolve()
  /** A snapshot is due while unsaved edits are in the doc: new local edits wait (see maybeSnapshot). */
  private snapshotBarrier = false
  private held: Array<{ run: () => void; drop: () => void }> = []

  constructor(
    readonly resolved: ResolvedDoc,
    private readonly host: RoomHost,
  ) {
    this.doc = new Y.Doc({ gc: true })
    resolved.def.init(this.doc)
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.doc.on('afterTransaction', (txn: Y.Transaction) => this.afterTransaction(txn))
    this.doc.on('update', this.updateListener)
    this.awareness.on('change', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      this.awarenessChanged = new Set([...added, ...updated, ...removed])
    })
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.onAwarenessUpdate(change, origin),
    )
  }

  get name() {
    return this.resolved.name
  }

  /** Loads the latest snapshot and every later update. Subscribes to the fan-out first, so nothing committed meanwhile is missed. */
  async load(): Promise<void> {
    const { fanout, db } = this.host
    if (fanout) await fanout.subscribe(this.name, this)
    const rows = await loadDocRows(db, this.name)
    if (rows.snapshot) Y.applyUpdate(this.doc, rows.snapshot.state, LOAD)
    // the updates after the snapshot, one by one (Y.mergeUpdates grows super-linearly, yjs#710),
    // in slices of a few milliseconds: a long log must not stall every other document meanwhile
    let i = 0
    while (i < rows.updates.length) {
      const sliceStart = performance.now()
      Y.transact(
        this.doc,
        () => {
          while (i < rows.updates.length && performance.now() - sliceStart < LOAD_SLICE_MS)
            Y.applyUpdate(this.doc, rows.updates[i++].update, LOAD)
        },
        LOAD,
      )
      if (i < rows.updates.length) await new Promise((resolve) => setImmediate(resolve))
    }
    if (this.doc.store.pendingStructs || this.doc.store.pendingDs) {
      this.host.logger.error({ doc: this.name }, 'document history has updates with missing dependencies')
    }
    this.lastSeq = this.contiguousSeq = rows.lastSeq
    this.snapshotSeq = rows.snapshot?.seq ?? 0
    this.bytesSinceSnapshot = rows.updates.reduce((n, u) => n + u.update.length, 0)
    this.durable = Y.decodeStateVector(Y.encodeStateVector(this.doc))
    this.state = 'ready'
    const buffered = this.remoteBuffer
    this.remoteBuffer = []
    if (buffered.length) this.onRemoteUpdates(buffered)
    if (fanout) fanout.publishAwarenessQuery(this.name)
    void this.maybeSnapshot()
    if (this.resolved.def.project) void this.checkProjection()
  }

  /**
   * Projects the whole document when its watermark is behind the head we loaded (an instance
   * died before projecting, or a projection failed). Not awaited by the load.
   */
  private async checkProjection() {
    // what the log held at load: commits made meanwhile are projected by their own runs
    const loaded = this.contiguousSeq
    try {
      const watermark = await readWatermark(this.host.db, this.name)
      if (watermark < loaded) this.catchUpProjection()
    } catch (err) {
      this.host.logger.warn({ err, doc: this.name }, 'could not read the projection watermark')
    }
  }

  /** Projects the whole document soon, unless a run is already due (the sweep, or a load behind its watermark). */
  catchUpProjection() {
    if (this.state !== 'ready' || !this.resolved.def.project) return
    if (this.projectTimer || this.projecting) {
      this.projectWhole = true
      this.projectDirty = true
      return
    }
    this.projectWhole = true
    this.projectDirty = true
    this.projectActor = null
    this.projectTimer = setTimeout(() => void this.project(), 0)
  }

  // ── connections ──────────────────────────────────────────────────────────

  addConn(conn: Connection) {
    this.cancelIdle()
    this.conns.add(conn)
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    const states = this.awareness.getStates()
    if (states.size > 0)
      conn.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])))
    if (conn.readOnly) conn.tellReadOnly()
    this.updatePresence()
  }

  removeConn(conn: Connection) {
    if (!this.conns.delete(conn)) return
    if (this.state === 'closed' || this.state === 'failed') return // already torn down
    const ids = [...conn.awarenessIds].filter((id) => this.awarenessOwner.get(id) === conn)
    if (ids.length) awarenessProtocol.removeAwarenessStates(this.awareness, ids, conn)
    this.updatePresence()
    this.maybeIdle()
  }

  /** Runs `fn` once everything applied so far is durable (replies must not show unsaved content). */
  whenDurable(fn: () => void) {
    if (this.committed >= this.applied) fn()
    else this.waiters.push({ target: this.applied, fn })
  }

  /** Sync step 1 from a client: answer with what it lacks, once that is durable. */
  replyStep1(conn: Connection, stateVector: Uint8Array) {
    const { slices, last } = encodeStateInSlices(this.doc, stateVector, this.host.settings.syncSliceBytes)
    const messages = [...slices.map(encodeUpdateMessage), encodeSyncStep2(last)]
    this.whenDurable(() => conn.sendAll(messages))
  }

  /** An update (sync step 2 or update) from a client. */
  receiveUpdate(conn: Connection, update: Uint8Array) {
    if (this.snapshotBarrier) {
      this.held.push({ run: () => this.receiveUpdate(conn, update), drop: () => {} })
      return
    }
    if (conn.readOnly) {
      conn.tellReadOnly()
      return
    }
    const result = this.applyLocal(conn, update)
    if (result.status === 'missing') {
      // depends on edits we have not seen: refuse it whole and ask the client for everything we lack
      conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
      conn.notice({ type: 'resync', messageId: 'collab.notice.resync' })
      return
    }
    for (const c of result.clients) conn.clientIds.add(c)
    if (result.status === 'nothing') this.whenDurable(() => this.sendSaved(conn))
  }

  /** Applies a local update; the `update` listener turns what was new into an Entry. */
  applyLocal(source: UpdateSource, update: Uint8Array): { status: ApplyResult; clients: number[] } {
    const store = this.doc.store
    const check = checkUpdate(update, (client) => Y.getState(store, client))
    if (check.missing) return { status: 'missing', clients: check.clients }
    const capture = this.capture
    capture.changes = null
    capture.entry = null
    // without the `update` listener yjs does not encode the transaction's update: the entry
    // keeps the bytes that came (or, when they repeat what the doc had, their new part)
    this.direct = { source, update, exact: check.exact }
    this.doc.off('update', this.updateListener)
    try {
      Y.applyUpdate(this.doc, update, source)
    } finally {
      this.direct = null
      this.doc.on('update', this.updateListener)
    }
    const entry = capture.entry
    capture.changes = null
    capture.entry = null
    return { status: entry ? 'applied' : 'nothing', clients: check.clients }
  }

  /** Runs a server-side edit as one local transaction; resolves once it is durable. */
  async applyEdit(source: SystemSource, fn: (doc: Y.Doc) => void): Promise<{ seq: number | null; changes: DocChange[] }> {
    while (this.snapshotBarrier)
      await new Promise<void>((run, drop) => this.held.push({ run, drop: () => drop(new Error(`document ${this.name} closed`)) }))
    if (this.state !== 'ready') throw new Error(`document ${this.name} is not open`)
    this.capture = { changes: null, entry: null }
    let entry: Entry | null
    try {
      this.doc.transact(() => fn(this.doc), source)
    } finally {
      entry = this.capture.entry
      this.capture = { changes: null, entry: null }
    }
    if (!entry) return { seq: null, changes: [] }
    const e = entry
    const seq = await new Promise<number>((resolve, reject) => (e.done = { resolve, reject }))
    return { seq, changes: e.changes }
  }

  receiveAwareness(conn: Connection, update: Uint8Array) {
    const clean = sanitizeAwareness(update, conn.identity, (id) => {
      const owner = this.awarenessOwner.get(id)
      return owner === undefined || owner === conn
    })
    // the provider's first state ({} at clock 0) is not applied by y-protocols, but it names the
    // client's id: remember it, so `saved` can answer for it after a reconnect
    for (const id of clean.clientIds) conn.clientIds.add(id)
    if (clean.entries.length) applyAwarenessEntries(this.awareness, clean.entries, conn)
  }

  sendAwarenessTo(conn: Connection) {
    const ids = [...this.awareness.getStates().keys()]
    conn.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
  }

  /** Tells a connection which of its clients' clocks are durable. */
  sendSaved(conn: Connection) {
    const saved = this.savedMessage(conn)
    if (saved) conn.send(saved)
  }

  /** The `saved` message for a connection that asked for them (null otherwise). */
  private savedMessage(conn: Connection): Uint8Array | null {
    if (!conn.extensions.saved || conn.clientIds.size === 0) return null
    const clocks: Array<[number, number]> = []
    for (const c of conn.clientIds) clocks.push([c, this.durable.get(c) ?? 0])
    return encodeSaved(clocks)
  }

  /** Makes a connection read-only from now on (permission lost while connected). */
  makeReadOnly(conn: Connection) {
    if (conn.readOnly) return
    conn.readOnly = true
    conn.tellReadOnly()
  }

  /** Lets a connection write again; asks it for whatever was refused meanwhile. */
  makeWritable(conn: Connection) {
    if (!conn.readOnly) return
    conn.makeWritable()
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
  }

  // ── the doc's own events ─────────────────────────────────────────────────

  private afterTransaction(txn: Y.Transaction) {
    if (txn.origin === LOAD || txn.origin === REMOTE) return
    try {
      this.capture.changes = this.resolved.def.describe(txn, this.doc)
    } catch (err) {
      this.host.logger.error({ err, doc: this.name }, 'describer failed')
      this.capture.changes = []
    }
    const direct = this.direct
    if (direct && txn.origin === direct.source) {
      this.direct = null
      // what yjs' `update` event would have said: nothing when no clock moved and nothing was deleted
      const clocks = changedClocks(txn)
      if (clocks.length === 0 && txn.deleteSet.clients.size === 0) return
      const update = direct.exact ? direct.update : Y.diffUpdate(direct.update, Y.encodeStateVector(txn.beforeState))
      this.addEntry(update, direct.source, clocks)
    }
  }

  private onDocUpdate(update: Uint8Array, origin: unknown, txn: Y.Transaction) {
    if (origin === LOAD) return
    const clocks = changedClocks(txn)
    if (origin === REMOTE) {
      // already durable (another instance, or the log): forward at once
      for (const [c, k] of clocks) if ((this.durable.get(c) ?? 0) < k) this.durable.set(c, k)
      this.broadcast(encodeUpdateMessage(update), null)
      return
    }
    // any other origin (a stray local transaction) is still persisted, as a system edit
    this.addEntry(
      update,
      origin instanceof Connection || origin instanceof SystemSource ? origin : new SystemSource(null),
      clocks,
    )
  }

  /** A local update to persist: queued for the group commit. */
  private addEntry(update: Uint8Array, source: UpdateSource, clocks: Array<[number, number]>) {
    const entry: Entry = {
      room: this,
      source,
      update,
      changes: this.capture.changes ?? [],
      clocks,
      counter: ++this.applied,
      at: performance.now(),
    }
    this.capture.entry = entry
    this.unflushed++
    this.host.enqueue(entry)
  }

  private onAwarenessUpdate(
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) {
    const fromConn = origin instanceof Connection ? origin : null
    // added, or back after a removal (y-protocols reports that as updated)
    for (const id of added.concat(updated)) {
      if (fromConn) {
        this.awarenessOwner.set(id, fromConn)
        fromConn.awarenessIds.add(id)
        fromConn.clientIds.add(id)
      } else if (origin === REMOTE && !this.awarenessOwner.has(id)) this.awarenessOwner.set(id, 'remote')
    }
    for (const id of removed) {
      const owner = this.awarenessOwner.get(id)
      if (owner instanceof Connection) owner.awarenessIds.delete(id)
      this.awarenessOwner.delete(id)
    }
    const changedNow = this.awarenessChanged
    this.awarenessChanged = null
    // a renewal (same state, newer clock) waits for the next batch; anything else goes out now
    const isChange = (id: number) => changedNow?.has(id) ?? false
    const renewed = updated.filter((id) => !isChange(id))
    const changed = added.concat(updated.filter(isChange), removed)
    if (changed.length) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
      this.broadcast(encodeAwarenessMessage(update), fromConn)
      if (fromConn && this.host.fanout) this.host.fanout.publishAwareness(this.name, update)
    }
    if (renewed.length) this.queueRenewals(renewed, fromConn !== null)
    if (added.length || removed.length) this.updatePresence()
  }

  private queueRenewals(ids: number[], ours: boolean) {
    for (const id of ids) {
      this.renewals.all.add(id)
      if (ours) this.renewals.ours.add(id)
    }
    if (this.renewals.timer) return
    this.renewals.timer = setTimeout(() => this.flushRenewals(), this.host.settings.awarenessRenewalMs)
    this.renewals.timer.unref?.()
  }

  /** Forwards the collected renewals: one awareness message per connection (and one publish). */
  private flushRenewals() {
    const { all, ours } = this.renewals
    this.renewals = { all: new Set(), ours: new Set(), timer: null }
    if (this.state !== 'ready') return
    const states = this.awareness.getStates()
    const live = [...all].filter((id) => states.has(id))
    if (live.length) this.broadcast(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, live)), null)
    const mine = [...ours].filter((id) => states.has(id))
    if (mine.length && this.host.fanout)
      this.host.fanout.publishAwareness(this.name, awarenessProtocol.encodeAwarenessUpdate(this.awareness, mine))
  }

  /**
   * Sends a committed batch: the authors first (their `saved`, if they asked for it, and the
   * batch's other updates), then everyone else the whole batch — one write per connection, the
   * frames built once (frames.ts) however many updates the group commit wrote.
   */
  private broadcastCommitted(entries: Entry[]) {
    const messages = entries.map((e) => encodeUpdateMessage(e.update))
    const authorOf = entries.map((e) => (e.source instanceof Connection ? e.source : null))
    const authors = new Set<Connection>()
    for (const a of authorOf) if (a) authors.add(a)
    for (const conn of authors) {
      const saved = this.savedMessage(conn)
      const list = saved ? [saved] : []
      messages.forEach((m, i) => authorOf[i] !== conn && list.push(m))
      if (list.length) conn.sendShared(shareFrames(list))
    }
    if (this.conns.size <= authors.size) return
    const all = shareFrames(messages)
    for (const conn of this.conns) if (!authors.has(conn)) conn.sendShared(all)
  }

  /** Sends one buffer to every connection but `except`. */
  broadcast(message: Uint8Array, except: Connection | null) {
    if (this.conns.size <= 2) {
      for (const conn of this.conns) if (conn !== except) conn.send(message)
      return
    }
    const shared = shareFrame(message)
    for (const conn of this.conns) if (conn !== except) conn.sendShared(shared)
  }

  // ── after commit ─────────────────────────────────────────────────────────

  /** The hub wrote these entries (seqs assigned): broadcast, acknowledge, project. */
  onCommitted(entries: Entry[]) {
    this.unflushed -= entries.length
    for (const e of entries) e.done?.resolve(seqOf(e))
    if (this.state !== 'ready') return
    try {
      for (const e of entries) {
        this.noteSeq(seqOf(e))
        this.bytesSinceSnapshot += e.update.length
        for (const [c, k] of e.clocks) if ((this.durable.get(c) ?? 0) < k) this.durable.set(c, k)
      }
      this.broadcastCommitted(entries)
      this.host.fanout?.publishUpdates(
        this.name,
        entries.map((e) => ({ seq: seqOf(e), update: e.update })),
      )
    } finally {
      // whatever happened above, replies held back for these entries may go now
      this.committed = Math.max(this.committed, entries[entries.length - 1].counter)
      if (this.waiters.length) {
        const ready = this.waiters.filter((w) => w.target <= this.committed)
        this.waiters = this.waiters.filter((w) => w.target > this.committed)
        for (const w of ready) w.fn()
      }
    }
    this.queueProjection(entries)
    void this.maybeSnapshot()
    if (this.snapshotBarrier && this.unflushed === 0) this.releaseBarrier() // (snapshot no longer due)
    this.maybeIdle()
  }

  /** Writing failed: nothing may be served from this copy. Clients reconnect and resend. */
  fail(err: Error, entries: Entry[] = []) {
    for (const e of entries) e.done?.reject(err)
    if (this.state === 'failed' || this.state === 'closed') return
    this.state = 'failed'
    this.host.logger.error({ err, doc: this.name }, 'could not save document updates; dropping the in-memory copy')
    for (const conn of [...this.conns]) conn.close(CLOSE.unavailable, 'collab.closed.unavailable')
    this.waiters = []
    this.destroy()
  }

  private queueProjection(entries: Entry[]) {
    for (const e of entries) {
      this.projectChanges.push(...e.changes)
      this.projectSeqs.push(seqOf(e))
    }
    this.projectActor = entries[entries.length - 1].source.userId
    this.projectDirty = true
    if (this.projectTimer || this.projecting) return
    this.projectTimer = setTimeout(() => void this.project(), this.host.settings.projectDelayMs)
  }

  /** Runs the projector; one run at a time per document, again at once if commits came meanwhile. */
  private async project() {
    this.projectTimer = null
    if (this.projecting || !this.projectDirty) return
    this.projecting = true
    this.projectDirty = false
    try {
      this.projectRun = this.projectOnce()
      await this.projectRun
    } finally {
      this.projecting = false
    }
    // commits that came meanwhile are projected too, even when the room was unloaded in between
    // (its Y.Doc still holds them): otherwise they would wait for the sweep
    if (this.projectDirty && (this.state === 'ready' || this.state === 'closed'))
      this.projectTimer = setTimeout(() => void this.project(), 0)
  }

  /**
   * Projects at once what waits for its debounce, and resolves when no projection of this
   * document is due or running: a shutting-down instance projects what it committed.
   */
  async settleProjection() {
    for (;;) {
      if (this.projecting) await this.projectRun
      else if (this.projectTimer) {
        clearTimeout(this.projectTimer)
        await this.project()
      } else return
    }
  }

  private async projectOnce() {
    const whole = this.projectWhole
    const changes = whole ? [] : this.projectChanges
    const run: ProjectionRun = { whole, upTo: this.contiguousSeq, covered: this.projectSeqs.sort((a, b) => a - b) }
    this.projectChanges = []
    this.projectSeqs = []
    this.projectWhole = false
    const { def, key, rawKey } = this.resolved
    try {
      if (!def.project) {
        this.host.events.emit('entity.changed', { type: def.type, id: rawKey, action: 'update' })
        return
      }
      // a whole run: no changed keys (projectors read that as "everything")
      const changedKeys = new Set(changes.map((c) => c.path.split('.').slice(0, 2).join('.')))
      let marked = false
      const events = await def.project({
        db: this.host.db,
        logger: this.host.logger,
        events: this.host.events,
        doc: this.doc,
        name: this.name,
        key,
        changes,
        changedKeys,
        actorId: whole ? null : this.projectActor,
        rewrite: async (fn) => void (await this.applyEdit(new SystemSource(null), fn)),
        upTo: run.upTo,
        markProjected: async (tx) => {
          await markProjected(tx, this.name, run)
          marked = true
        },
      })
      if (!marked) await markProjected(this.host.db, this.name, run)
      for (const e of events ?? []) this.host.events.emit('entity.changed', e)
    } catch (err) {
      // the watermark stays where it was: the sweep projects this document again, whole
      this.host.logger.error({ err, doc: this.name }, 'projection failed')
    }
  }

  // ── seqs, remote updates, snapshots ──────────────────────────────────────

  private noteSeq(seq: number) {
    if (seq > this.lastSeq) this.lastSeq = seq
    if (seq <= this.contiguousSeq) return
    if (seq === this.contiguousSeq + 1) {
      this.contiguousSeq = seq
      while (this.laterSeqs.delete(this.contiguousSeq + 1)) this.contiguousSeq++
    } else {
      this.laterSeqs.add(seq)
    }
    if (this.laterSeqs.size === 0) {
      if (this.gapTimer) clearTimeout(this.gapTimer)
      this.gapTimer = null
    } else if (!this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null
        if (this.laterSeqs.size) void this.catchUp()
      }, this.host.settings.gapWaitMs)
    }
  }

  onRemoteUpdates(list: Array<{ seq: number; update: Uint8Array }>) {
    if (this.state === 'loading') {
      // copies: the fan-out's buffers are not ours to keep
      for (const { seq, update } of list) this.remoteBuffer.push({ seq, update: update.slice() })
      return
    }
    if (this.state !== 'ready') return
    for (const { seq, update } of [...list].sort((a, b) => a.seq - b.seq)) {
      if (seq <= this.contiguousSeq || this.laterSeqs.has(seq)) continue
      const store = this.doc.store
      if (checkUpdate(update, (client) => Y.getState(store, client)).missing) {
        // an earlier update never reached us: the log has everything, in order
        this.host.logger.warn(
          { doc: this.name, seq, contiguous: this.contiguousSeq },
          'fan-out update arrived before its dependencies; reading the log',
        )
        void this.catchUp()
        return
      }
      Y.applyUpdate(this.doc, update, REMOTE)
      this.noteSeq(seq)
    }
  }

  /**
   * Reads the log after the last contiguous seq and applies it in order (fills fan-out gaps).
   * Asked for while running, it runs once more afterwards, so nothing committed meanwhile is missed.
   */
  async catchUp(): Promise<void> {
    if (this.state !== 'ready') return
    if (this.catchingUp) {
      this.catchUpAgain = true
      return
    }
    this.catchingUp = true
    try {
      do {
        this.catchUpAgain = false
        const rows = await readUpdatesAfter(this.host.db, this.name, this.contiguousSeq)
        if (this.state !== 'ready') return
        for (const row of rows) {
          if (row.seq > this.contiguousSeq && !this.laterSeqs.has(row.seq)) Y.applyUpdate(this.doc, row.update, REMOTE)
          this.noteSeq(row.seq)
        }
      } while (this.catchUpAgain && this.state === 'ready')
    } catch (err) {
      this.host.logger.error({ err, doc: this.name }, 'could not catch up with the update log')
    } finally {
      this.catchingUp = false
    }
  }

  onRemoteAwareness(update: Uint8Array) {
    if (this.state !== 'ready') return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE)
  }

  onAwarenessQuery() {
    if (this.state !== 'ready' || !this.host.fanout) return
    const ids = [...this.awarenessOwner].filter(([, o]) => o instanceof Connection).map(([id]) => id)
    if (ids.length) this.host.fanout.publishAwareness(this.name, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
  }

  /** Writes a snapshot when enough has accumulated and nothing unsaved is in the doc. */
  maybeSnapshot(minUpdates?: number): Promise<void> | void {
    const { settings } = this.host
    if (this.state !== 'ready' || this.snapshotting || this.laterSeqs.size > 0) return
    const pending = this.contiguousSeq - this.snapshotSeq
    if (pending <= 0) return
    const due =
      minUpdates !== undefined
        ? pending >= minUpdates
        : pending >= settings.snapshotEvery || this.bytesSinceSnapshot >= settings.snapshotBytes
    if (!due) return
    if (this.unflushed > 0) {
      // unsaved edits are in the doc: hold new local edits until those are written (one commit,
      // a few ms), so a quiet moment comes even under constant editing
      this.snapshotBarrier = true
      return
    }
    // the doc holds exactly the durable log up to contiguousSeq (plus durable later seqs at most)
    const seq = this.contiguousSeq
    const state = Y.encodeStateAsUpdate(this.doc)
    const bytes = this.bytesSinceSnapshot
    this.snapshotting = true
    this.releaseBarrier() // only now: held edits must not be in the snapshot
    return writeSnapshot(this.host.db, this.name, seq, state)
      .then(() => {
        this.snapshotSeq = Math.max(this.snapshotSeq, seq)
        this.bytesSinceSnapshot = Math.max(0, this.bytesSinceSnapshot - bytes)
      })
      .catch((err) => this.host.logger.error({ err, doc: this.name }, 'snapshot failed'))
      .finally(() => {
        this.snapshotting = false
      })
  }

  /** Lets the edits held for a snapshot through, in arrival order. */
  private releaseBarrier() {
    if (!this.snapshotBarrier) return
    this.snapshotBarrier = false
    const held = this.held
    this.held = []
    for (const h of held) {
      if (this.snapshotBarrier)
        this.held.push(h) // a new barrier went up meanwhile
      else h.run()
    }
  }

  // ── presence and lifetime ────────────────────────────────────────────────

  private updatePresence() {
    const users = new Map<string, { id: string; name: string; colour: string }>()
    for (const conn of this.conns) users.set(conn.identity.id, conn.identity)
    for (const state of this.awareness.getStates().values()) {
      const u = (state as { user?: { id?: unknown; name?: unknown; colour?: unknown } }).user
      if (u && typeof u.id === 'string' && !users.has(u.id))
        users.set(u.id, { id: u.id, name: String(u.name ?? ''), colour: String(u.colour ?? '') })
    }
    const list = [...users.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    const key = list.map((u) => u.id).join(',')
    if (key === this.presenceKey) return
    this.presenceKey = key
    this.host.events.emit('doc.presence', { doc: this.name, users: list })
  }

  private cancelIdle() {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }

  maybeIdle() {
    if (this.state !== 'ready' || this.conns.size > 0 || this.holds > 0 || this.unflushed > 0 || this.idleTimer) return
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null
      void this.unload()
    }, this.host.settings.idleUnloadMs)
    this.idleTimer.unref()
  }

  /** Drops the room from memory (a last snapshot first when many updates are not in one). */
  async unload() {
    if (this.state !== 'ready' || this.conns.size > 0 || this.holds > 0 || this.unflushed > 0) return
    // out of the hub's map first: a connection arriving now gets a fresh copy from the log
    this.host.dropRoom(this)
    try {
      if (!this.snapshotting) await this.maybeSnapshot(this.host.settings.snapshotOnUnload)
    } finally {
      this.destroy()
    }
  }

  /** Frees the Y.Doc, awareness, timers and fan-out subscription. */
  destroy() {
    if (this.state !== 'failed') this.state = 'closed'
    this.snapshotBarrier = false
    for (const h of this.held.splice(0)) h.drop()
    this.cancelIdle()
    if (this.gapTimer) clearTimeout(this.gapTimer)
    if (this.renewals.timer) clearTimeout(this.renewals.timer)
    if (this.projectTimer) {
      clearTimeout(this.projectTimer)
      void this.project()
    }
    this.host.dropRoom(this)
    this.host.fanout?.unsubscribe(this.name, this).catch(() => {})
    this.awareness.destroy()
    this.doc.destroy()
  }
}
