/**
 * The in-process collaboration load (inproc.ts, ab-inproc.ts): the editors' updates, and the socket
 * stub a Connection writes to.
 */
import * as Y from 'yjs'

/** The load's edits: a lesson map set or changed in one transaction, on each editor's own copy. */
export function makeUpdates(n: number, edits: number): Uint8Array[] {
  const editors = Array.from({ length: n }, () => new Y.Doc())
  const out: Uint8Array[] = []
  for (let k = 0; k < edits; k++) {
    const doc = editors[k % n]
    const lessons = doc.getMap<Y.Map<string>>('lessons')
    let update: Uint8Array | null = null
    const capture = (u: Uint8Array) => (update = u)
    doc.on('update', capture)
    doc.transact(() => {
      const key = `L${k % 40}-${k % n}`
      const existing = lessons.get(key)
      if (!existing) {
        const l = new Y.Map<string>()
        for (const f of ['room', 'start', 'teacher', 'group']) l.set(f, `${f}-${k}`)
        l.set('note', `c${k}`)
        lessons.set(key, l)
      } else {
        existing.set('room', `room-${k}`)
        existing.set('note', `c${k}`)
      }
    })
    doc.off('update', capture)
    out.push(update!)
  }
  return out
}

/** A socket stub ws' fast path accepts: every write is counted and dropped. */
export function stubWs(counter: { writes: number }) {
  return {
    readyState: 1,
    OPEN: 1,
    bufferedAmount: 0,
    isPaused: false,
    _socket: { writable: true, write: () => (counter.writes++, true) },
    _sender: { _state: 0, _queue: [] },
    _extensions: {},
    send: () => void counter.writes++,
    pause() {},
    resume() {},
    close() {},
    terminate() {},
    on() {},
  }
}
