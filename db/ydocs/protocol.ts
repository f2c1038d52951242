/**
 * What the document server (server/realtime/collab/) and the browser (client/src/data/live-doc.ts)
 * add to the y-websocket wire protocol. Plain constants: the client bundle imports this file.
 *
 * Two message types of our own, which a stock client ignores unless it registers a handler:
 * - 100 `saved`: varUint8Array holding a Yjs-encoded state vector of the durable clocks of the
 *   connection's own client ids (compare your `doc.clientID`'s clock: saved when ≥ local clock);
 * - 101 `notice`: varString JSON `{"type":"read-only"|"read-write"|"resync","message":"…"}`.
 */
export const MSG_SAVED = 100
export const MSG_NOTICE = 101

/** Close codes (4400–4499: the provider stops reconnecting; others: it retries). */
export const CLOSE = {
  /** The connection's session is no longer valid (e.g. signed out). */
  sessionEnded: 4001,
  /** The user's roles or branches changed: the session is still good, reconnect to get the new access. */
  accessChanged: 4002,
  /** Malformed or unknown document name, or a malformed message. */
  badRequest: 4400,
  forbidden: 4403,
  /** The document may no longer be opened (its type's open check refused), or was evicted (e.g. its history was replaced). */
  gone: 4410,
  tooLarge: 4413,
  tooMany: 4429,
  /** The server could not load or save the document. */
  unavailable: 4500,
  /** The server is shutting down. */
  goingAway: 1001,
} as const
