/**
 * Propagation bookkeeping shared by the load generators (bench/collab/load.ts, bench/timetable/
 * editors-load.ts): N editors in one process, each edit recorded with the sender's clock after it;
 * a remote transaction in any other editor that advances the sender's clock past an edit counts as
 * that edit seen there (state-vector based, so an edit that lost a same-cell conflict counts too).
 */
import type * as Y from 'yjs'

export interface TrackedEdit {
  /** The sender's clock after the edit. */
  end: number
  /** performance.now() when it was made. */
  t0: number
  /** Other editors that have not seen it yet. */
  remaining: number
}

export interface TrackedEditor {
  idx: number
  doc: Y.Doc
  edits: TrackedEdit[]
  /** Per sender index: how many of its edits this editor has seen. */
  cursors: Int32Array
  /** How many of its own edits a `saved` message has covered. */
  ackPos: number
  /** The highest clock of its own a `saved` message named. */
  savedClock: number
}

export class Propagation {
  readonly first: number[] = []
  readonly all: number[] = []
  readonly ack: number[] = []
  fullyObserved = 0
  lastFullAt = 0
  acksReceived = 0
  private readonly byClientID = new Map<number, TrackedEditor>()

  /** `onDelivery` receives every (edit, receiver) latency. */
  constructor(
    readonly n: number,
    private readonly onDelivery: (ms: number) => void,
  ) {}

  /** Registers an editor; gives it a clientID no other editor has. */
  add(ed: TrackedEditor, random: () => number) {
    while (this.byClientID.has(ed.doc.clientID)) ed.doc.clientID = Math.floor(random() * 2 ** 31)
    this.byClientID.set(ed.doc.clientID, ed)
  }

  /** An editor's remote transaction: which edits of which senders it has now seen. */
  onTransaction(recv: TrackedEditor, tr: Y.Transaction) {
    if (tr.local) return
    const now = performance.now()
    tr.afterState.forEach((after, clientID) => {
      const before = tr.beforeState.get(clientID) ?? 0
      if (after <= before) return
      const sender = this.byClientID.get(clientID)
      if (!sender || sender === recv) return
      const list = sender.edits
      let pos = recv.cursors[sender.idx]
      while (pos < list.length && list[pos].end <= after) {
        const e = list[pos]
        const dt = now - e.t0
        this.onDelivery(dt)
        if (e.remaining === this.n - 1) this.first.push(dt)
        if (--e.remaining === 0) {
          this.all.push(dt)
          this.fullyObserved++
          this.lastFullAt = now
        }
        pos++
      }
      recv.cursors[sender.idx] = pos
    })
  }

  /** A `saved` message naming `clock` for this editor's clientID: its edits up to there are acknowledged. */
  onSaved(ed: TrackedEditor, clock: number) {
    this.acksReceived++
    const now = performance.now()
    if (clock > ed.savedClock) ed.savedClock = clock
    while (ed.ackPos < ed.edits.length && ed.edits[ed.ackPos].end <= clock) {
      this.ack.push(now - ed.edits[ed.ackPos].t0)
      ed.ackPos++
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls `pred` every `step` ms; false after `ms`. */
export async function waitFor(pred: () => boolean, ms: number, step = 20): Promise<boolean> {
  const end = performance.now() + ms
  while (!pred()) {
    if (performance.now() > end) return false
    await sleep(step)
  }
  return true
}

/**
 * The open-loop edit schedule: each editor edits `m` times at `rate` per second from `t0`, with a
 * random phase, until `deadline`; how late each edit ran goes to `lateness`. Returns `stop`.
 */
export function scheduleEdits<E extends { idx: number; editsDone: number }>(
  editors: E[],
  o: {
    t0: number
    deadline: number
    rate: number
    m: number
    random: () => number
    lateness: number[]
    edit: (ed: E, k: number) => void
  },
): () => void {
  const interval = 1000 / o.rate
  let stopped = false
  const timers: NodeJS.Timeout[] = []
  for (const ed of editors) {
    const phase = o.random() * interval
    let k = 0
    const tick = () => {
      if (stopped) return
      const now = performance.now()
      if (now > o.deadline) return
      o.lateness.push(now - (o.t0 + phase + k * interval))
      o.edit(ed, k)
      k++
      ed.editsDone = k
      if (k < o.m) timers[ed.idx] = setTimeout(tick, Math.max(0, o.t0 + phase + k * interval - performance.now()))
    }
    timers[ed.idx] = setTimeout(tick, phase)
  }
  return () => {
    stopped = true
    for (const t of timers) clearTimeout(t)
  }
}
