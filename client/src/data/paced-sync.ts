import type { WebsocketProvider } from 'y-websocket'
import * as encoding from 'lib0/encoding'

/** y-websocket's message type for sync messages, and the sync sub-type that asks for a reply. */
const MESSAGE_SYNC = 0
const SYNC_STEP_1 = 0

export interface PacingOptions {
  /** A message at least this large gives the browser a turn before what follows it. */
  largeBytes: number
  /** Queued messages are applied in one go until this long has passed (ms), then the browser gets a turn. */
  budgetMs?: number
  /**
   * Runs `fn` once the browser had its turn (painted a frame, took input), with the time left in
   * that idle period when it knows it (then that, rather than `budgetMs`, bounds the turn).
   */
  nextTurn?: (fn: (idleMs?: number) => void) => void
  /** Is the tab hidden? Then nothing is painted and nothing waits (idle callbacks and timers are throttled there). */
  isHidden?: () => boolean
}

const tabHidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden'

/**
 * When the browser is idle: pending renders, paints and input go first (at the latest after
 * `IDLE_TIMEOUT_MS`, so a busy page still gets its document), and `fn` learns how long the idle
 * period lasts. Without idle callbacks (Node, old Safari): the next task.
 */
export function whenIdle(fn: (idleMs?: number) => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback((d) => fn(d.didTimeout ? undefined : d.timeRemaining()), { timeout: IDLE_TIMEOUT_MS })
  else setTimeout(() => fn(), 0)
}
const IDLE_TIMEOUT_MS = 200
const IDLE_RESERVE_MS = 15

/**
 * Lets the browser paint and take input between the large document messages the server sends.
 * A week of thousands of lessons arrives as several slices (the server's `syncSliceBytes`); the
 * provider would apply them back to back in one burst of tasks, and the browser would neither paint
 * nor answer a click until all were decoded. Here a large message waits for the browser's turn
 * (what it has to draw and answer goes first), and so does whatever arrives behind it; each turn
 * then applies waiting messages, in the server's order, while the idle period lasts (or for
 * `budgetMs` when the browser does not say). A hidden tab paints nothing: there everything is
 * applied at once. Sync step 1 (the server asking what we have) is answered at once: it changes
 * nothing. Everything else passes straight through. Returns a disposer that drops what is queued.
 */
export function paceSyncMessages(provider: WebsocketProvider, options: PacingOptions): () => void {
  const nextTurn = options.nextTurn ?? whenIdle
  const apply = provider.messageHandlers[MESSAGE_SYNC]
  const queue: Array<() => void> = []
  let waiting = false
  let disposed = false

  const isHidden = options.isHidden ?? tabHidden
  const budgetMs = options.budgetMs ?? 12
  /** Applies queued messages (at least one) while the turn lasts, then waits for the next turn. */
  const pump = (idleMs?: number) => {
    waiting = false
    if (disposed) return
    const start = performance.now()
    // an idle period is left with room for one more message (a 64 KiB slice decodes in 10–20 ms)
    const over = idleMs === undefined ? () => performance.now() - start >= budgetMs : () => idleMs - (performance.now() - start) < IDLE_RESERVE_MS
    while (queue.length) {
      ;(queue.shift() as () => void)()
      if (over() && !isHidden()) break
    }
    if (queue.length) wait()
  }
  const wait = () => {
    if (waiting) return
    waiting = true
    nextTurn(pump)
  }

  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
    const step1 = decoder.arr[decoder.pos] === SYNC_STEP_1
    const large = decoder.arr.length >= options.largeBytes
    if (step1 || (!large && !queue.length && !waiting) || isHidden()) {
      if (!step1 && queue.length) pump() // hidden now: what waited goes first
      apply(encoder, decoder, p, emitSynced, messageType)
      return
    }
    // no reply to write for an update or sync step 2: the queued call writes into a spare encoder
    queue.push(() => apply(encoding.createEncoder(), decoder, p, emitSynced, messageType))
    wait()
  }
  return () => {
    disposed = true
    queue.length = 0
    provider.messageHandlers[MESSAGE_SYNC] = apply
  }
}
