/**
 * Flow control of one document connection. Nothing here disconnects a client for sending many
 * small messages (the stock provider re-sends awareness freely, and a tab that was offline sends
 * its edits at once): a connection over its message rate is paused — its socket is not read for
 * the rest of the second, so the client waits in TCP, not in our memory. Only document update
 * bytes are budgeted, and only a sustained flood of them (megabytes a second, beyond a burst
 * allowance) gets the connection closed, with a code the client reconnects from.
 */

/** A token bucket of bytes: `burst` at most, refilled at `perSecond`. */
export class ByteBudget {
  private tokens: number
  private at = performance.now()
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst
  }

  /** Spends `bytes`; false when the budget is overdrawn (the caller decides what follows). */
  take(bytes: number): boolean {
    const now = performance.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond)
    this.at = now
    this.tokens -= bytes
    return this.tokens >= 0
  }
}

/** Counts messages per one-second window; says how long to pause reading once a window is full. */
export class MessagePacer {
  private windowStart = 0
  private count = 0
  constructor(private readonly perSecond: number) {}

  /** Counts one message; returns the ms to pause reading before the next (0: go on). */
  note(): number {
    const now = performance.now()
    if (now - this.windowStart >= 1000) {
      this.windowStart = now
      this.count = 0
    }
    this.count++
    return this.count >= this.perSecond ? Math.max(1, Math.ceil(1000 - (now - this.windowStart))) : 0
  }
}
