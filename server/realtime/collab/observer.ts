/**
 * What the document hub reports about its hot path, for the metrics (server/ops/metrics.ts builds
 * one on prom-client). Called per update and per group commit: an implementation does no more
 * than a histogram observation (no allocation-heavy work, no I/O).
 */
export interface CollabObserver {
  /** A client's update message was handled (decoded, checked, applied, described) in `seconds`. */
  updateApplied(seconds: number): void
  /** A group commit wrote `updates` updates in one INSERT, taking `seconds`. */
  committed(updates: number, seconds: number): void
  /** A local update became durable, was broadcast and acknowledged `seconds` after it was applied. */
  acknowledged(seconds: number): void
}

/** Observes nothing (tests, benchmarks, a server without metrics). */
export const NO_OBSERVER: CollabObserver = {
  updateApplied() {},
  committed() {},
  acknowledged() {},
}
