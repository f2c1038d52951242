/**
 * What the document server (server/realtime/collab/) and the browser (client/src/data/live-doc.ts)
 * add to the y-websocket wire protocol. Plain constants: the client bundle imports this file.
 *
 * Two message types of our own, sent only to a connection that asked for them (the stock
 * provider prints "Unable to compute message" for a type it does not know):
 * - 100 `saved`: varUint8Array holding a Yjs-encoded state vector of the durable clocks of the
 *   connection's own client ids (compare your `doc.clientID`'s clock: saved when ≥ local clock);
 * - 101 `notice`: varString JSON `{"type":"read-only"|"read-write"|"resync","messageId":"collab.notice.…"}`
 *   (a catalogue message id the client words in its language; so is every close frame's reason).
 *
 * A client asks with the query parameter `ext` on the WebSocket URL, a comma-separated list
 * (`/yjs/<doc>?ext=saved,notice`; the provider's `params` option). A client that did not ask
 * hears only sync (0) and awareness (1): a read-only connection's updates are refused without
 * a word (it keeps reading live), a missing-dependency update is answered by sync step 1 only.
 */
export const MSG_SAVED = 100
export const MSG_NOTICE = 101

/** The URL parameter naming the extensions a client understands, and their names. */
export const EXTENSIONS_PARAM = 'ext'
export const EXTENSIONS = { saved: 'saved', notice: 'notice' } as const
/** What Clubroom's own client asks for: `provider params` → `?ext=saved,notice`. */
export const ALL_EXTENSIONS = `${EXTENSIONS.saved},${EXTENSIONS.notice}`

/** Close codes (4400–4499: the provider stops reconnecting; others: it retries). */
export const CLOSE = {
  /** The connection's session is no longer valid (e.g. signed out). */
  sessionEnded: 4001,
  /** The user's roles or branches changed: the session is still good, reconnect to get the new access. */
  accessChanged: 4002,
  /** Malformed or unknown document name (final: the same name would be refused again). */
  badRequest: 4400,
  forbidden: 4403,
  /** The document may no longer be opened (its type's open check refused), or was evicted (e.g. its history was replaced). */
  gone: 4410,
  tooLarge: 4413,
  /**
   * A sustained flood of document updates (megabytes a second beyond a burst allowance). Not
   * final: the client reconnects (with backoff) and resyncs; many small messages never close a
   * connection, they only slow its reading down.
   */
  flood: 1008,
  /** A message that is not the y-websocket protocol (or not binary). Not final: the client reconnects and resyncs. */
  malformed: 1007,
  /** The server could not load or save the document. */
  unavailable: 4500,
  /** The server is shutting down. */
  goingAway: 1001,
} as const
