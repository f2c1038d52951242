import type * as Y from 'yjs'
import type { Db } from '../../../db/client'
import type { EventBus } from '../../events/bus'
import type { Logger } from '../../logger'
import type { Actor } from '../../../domain/roles'
import { Connection, SystemSource } from './connection'
import type { DocChange } from './describe'
import type { DocTypes, ResolvedDoc } from './doc-registry'
import type { Fanout } from './fanout'
import { appendUpdates, readHeads } from './persistence'
import { readLagging } from './projection-watermarks'
import { NO_OBSERVER, type CollabObserver } from './observer'

/** Most lagging documents one sweep loads or re-projects (the next sweep takes the rest). */
const SWEEP_BATCH = 20
/**
 * A sweep looks at the documents updated in the last RECENT_MS; the first sweep after start and
 * one every FULL_EVERY_MS look at every projected document (RECENT_MS ≥ FULL_EVERY_MS: nothing
 * falls between them).
 */
const RECENT_MS = 10 * 60_000
const FULL_EVERY_MS = 10 * 60_000
/** How long a commit may wait for its own projection before the sweep projects the document. */
const LAG_GRACE_MS = 2_000
import { Room, type CollabSettings, type Entry, type RoomHost } from './room'

/**
 * The document hub: open rooms by name, and the group-commit writer that appends the local
 * updates of all rooms, one short tick at a time, in one transaction and one INSERT.
 */
export class Hub implements RoomHost {
  readonly rooms = new Map<string, { room: Room; ready: Promise<Room> }>()
  private queue: Entry[] = []
  private scheduled = false
  private flushing: Promise<void> | null = null
  private lastFullSweep = 0
  /** When the last group commit started (performance.now()). */
  private lastCommitAt = -Infinity

  constructor(
    readonly db: Db,
    readonly events: EventBus,
    readonly logger: Logger,
    readonly settings: CollabSettings,
    readonly fanout: Fanout | null,
    /** The document types in force (from the modules, at boot). */
    readonly docTypes: DocTypes,
    /** Told about each group commit and acknowledgement (the metrics). */
    readonly observer: CollabObserver = NO_OBSERVER,
  ) {}

  /** The room for a document, loading it on first use. Rejects when loading fails (nothing is cached then). */
  open(resolved: ResolvedDoc): Promise<Room> {
    const found = this.rooms.get(resolved.name)
    if (found) return found.ready
    const room = new Room(resolved, this)
    const ready = room.load().then(
      () => room,
      (err) => {
        this.logger.error({ err, doc: resolved.name }, 'document failed to load')
        room.state = 'failed'
        room.destroy()
        throw err
      },
    )
    this.rooms.set(resolved.name, { room, ready })
    return ready
  }

  /** Loads a document ahead of its first connection; it unloads after the idle time if none comes. */
  preload(resolved: ResolvedDoc) {
    if (this.rooms.has(resolved.name)) return
    this.open(resolved).then(
      (room) => room.maybeIdle(),
      () => {}, // logged by open; a connection retries the load
    )
  }

  dropRoom(room: Room) {
    if (this.rooms.get(room.name)?.room === room) this.rooms.delete(room.name)
  }

  /** Runs a server-side edit on behalf of a user through the same path as a client's update. */
  async applyAsUser(
    resolved: ResolvedDoc,
    actor: Pick<Actor, 'id'> | null,
    fn: (doc: Y.Doc) => void,
  ): Promise<{ seq: number | null; changes: DocChange[] }> {
    for (let attempt = 0; ; attempt++) {
      const room = await this.open(resolved)
      if (room.state !== 'ready') {
        // lost a race with unload or failure: take the next copy
        if (attempt < 3) continue
        throw new Error(`document ${resolved.name} is not available`)
      }
      room.holds++
      try {
        return await room.applyEdit(new SystemSource(actor?.id ?? null), fn)
      } finally {
        room.holds--
        room.maybeIdle()
      }
    }
  }

  /** Every open connection (for session checks and shutdown). */
  *connections(): Generator<Connection> {
    for (const { room } of this.rooms.values()) yield* room.conns
  }

  // ── group commit ─────────────────────────────────────────────────────────

  enqueue(entry: Entry) {
    this.queue.push(entry)
    if (!this.flushing) this.schedule()
  }

  /** The next group commit: at once, or when the commit interval since the last one has passed. */
  private schedule() {
    if (this.scheduled) return
    this.scheduled = true
    const wait = this.lastCommitAt + this.settings.commitIntervalMs - performance.now()
    if (wait >= 1) setTimeout(() => void this.flush(), wait)
    else setImmediate(() => void this.flush())
  }

  private flush(): Promise<void> {
    this.scheduled = false
    if (this.flushing || this.queue.length === 0) return this.flushing ?? Promise.resolve()
    this.lastCommitAt = performance.now()
    this.flushing = this.writeBatch().finally(() => {
      this.flushing = null
      if (this.queue.length) this.schedule()
    })
    return this.flushing
  }

  private async writeBatch() {
    const take = this.queue.length <= this.settings.maxBatch ? this.queue : this.queue.slice(0, this.settings.maxBatch)
    this.queue = take === this.queue ? [] : this.queue.slice(take.length)
    const list: Array<[Room, Entry[]]> = []
    // most ticks hold one document (or a few): the Map is made only when a tick holds several
    let index: Map<Room, [Room, Entry[]]> | null = null
    for (const e of take) {
      if (e.room.state !== 'ready') {
        e.done?.reject(new Error(`document ${e.room.name} is no longer open`))
        continue
      }
      let group = list.length ? list[list.length - 1] : undefined
      if (group?.[0] !== e.room) {
        if (!index && list.length) index = new Map(list.map((g) => [g[0], g]))
        group = index?.get(e.room)
        if (!group) {
          list.push((group = [e.room, []]))
          index?.set(e.room, group)
        }
      }
      group[1].push(e)
    }
    if (list.length === 0) return
    const input = list.map(([room, entries]) => ({
      doc: room.name,
      lastSeq: room.lastSeq,
      rows: entries.map((e) => ({ userId: e.source.userId, update: e.update, changes: e.changes })),
    }))
    let firstSeqs: number[]
    const started = performance.now()
    try {
      try {
        firstSeqs = await appendUpdates(this.db, input, { verifySeq: this.fanout !== null })
      } catch (err) {
        // another process wrote to the same document: re-read the log's seq under the lock once
        if (!isUniqueViolation(err)) throw err
        this.logger.warn({ docs: input.map((g) => g.doc) }, 'seq conflict in doc_updates; retrying with the log maximum')
        firstSeqs = await appendUpdates(this.db, input, { verifySeq: true })
      }
    } catch (err) {
      for (const [room, entries] of list) room.fail(err as Error, entries)
      return
    }
    for (let i = 0; i < list.length; i++) {
      const [room, entries] = list[i]
      for (let j = 0; j < entries.length; j++) entries[j].seq = firstSeqs[i] + j
      try {
        room.onCommitted(entries)
      } catch (err) {
        this.logger.error({ err, doc: room.name }, 'after-commit handling failed')
      }
    }
    const now = performance.now()
    let written = 0
    for (const [, entries] of list) {
      written += entries.length
      for (const e of entries) this.observer.acknowledged((now - e.at) / 1000)
    }
    this.observer.committed(written, (now - started) / 1000)
  }

  /**
   * With several instances: compares each open document with the head of its log and reads
   * what the fan-out lost (Redis pub/sub delivers at most once). One query for all documents.
   */
  async checkHeads() {
    const rooms = [...this.rooms.values()].map((r) => r.room).filter((r) => r.state === 'ready')
    for (let i = 0; i < rooms.length; i += 500) {
      const chunk = rooms.slice(i, i + 500)
      const heads = await readHeads(
        this.db,
        chunk.map((r) => r.name),
      )
      for (const room of chunk) {
        const head = heads.get(room.name) ?? 0
        if (head > room.contiguousSeq && room.state === 'ready') {
          this.logger.warn({ doc: room.name, head, contiguous: room.contiguousSeq }, 'document behind its log; catching up')
          void room.catchUp()
        }
      }
    }
  }

  /**
   * Projects the documents whose log has been ahead of their projection watermark for longer
   * than a projection takes (`LAG_GRACE_MS` past the first unprojected update: a fresh commit's
   * own projection is still on its way). A document open here is re-projected whole; another is
   * loaded, and its load projects it from the watermark (it unloads again after the idle time).
   */
  async sweepProjections() {
    const full = Date.now() - this.lastFullSweep >= FULL_EVERY_MS
    const rows = await readLagging(this.db, full ? {} : { recentMs: RECENT_MS })
    if (full) this.lastFullSweep = Date.now()
    const grace = Math.max(LAG_GRACE_MS, 10 * this.settings.projectDelayMs)
    let started = 0
    for (const { doc, seq, behindMs } of rows) {
      if (behindMs < grace || started >= SWEEP_BATCH) continue
      const resolved = this.docTypes.resolve(doc)
      if (!resolved.ok || !resolved.doc.def.project) continue
      started++
      this.logger.info({ doc, watermark: seq }, 'document projection behind its log; projecting it again')
      const entry = this.rooms.get(doc)
      if (entry)
        entry.ready.then(
          (room) => room.catchUpProjection(),
          () => {},
        )
      else this.preload(resolved.doc)
    }
  }

  /** Resolves once every queued update is written (or failed). */
  async drain() {
    while (this.queue.length || this.flushing) {
      if (this.flushing) await this.flushing
      else await this.flush()
    }
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (e.code === '23505') return true
  }
  return false
}
