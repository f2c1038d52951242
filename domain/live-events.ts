/**
 * The Socket.IO protocol between the server and the browser: event names, payloads, acks.
 * Isomorphic on purpose (no imports): the client may import these types.
 *
 * Delivery is at-least-once. Every server → client event carries a unique `eventId`; the same
 * event may arrive twice (a recovered connection replays what it missed, two server processes
 * may both react to one change), so a client handler remembers recent ids and ignores a repeat.
 * @example
 * const seen = new Set<string>()
 * socket.on('entity.changed', (e) => { if (seen.has(e.eventId)) return; seen.add(e.eventId); reload(e) })
 */

/** Every event sent to a client has one. */
export interface Envelope {
  /** Unique per emitted event; the same id on every copy of it. Dedupe by it. */
  eventId: string
}

/** One person in an open document. */
export interface PresenceUser {
  id: string
  name: string
  colour: string
}

/** Payloads of server → client events (without the envelope). */
export interface LiveEventPayloads {
  /** A list row changed: refetch lists of `type` (or the row `id`). Sent to its branch (or everyone) and to `<type>:<id>`. */
  'entity.changed': { type: string; id: string; action: string; branchId?: string | null }
  /** An alert opened; sent to the roles that may read its subject and to its subject room. */
  'alert.raised': {
    id: string
    kind: string
    subject: string
    severity: string
    /** In the recipient's language (theirs, else the center's default). */
    message: string
    /** The message as stored: its catalogue id and parameters (for machine use). */
    messageId?: string
    params?: unknown
    /** The alert's branch (null: the whole center), when it was raised (ISO), and the time zone its times are read in. */
    branchId?: string | null
    raisedAt?: string
    timeZone?: string
  }
  /** An alert went away (its cause was fixed). `branchId`: its branch, when known. */
  'alert.cleared': { id: string; kind: string; subject: string; branchId?: string | null }
  /**
   * Someone acknowledged an open alert: it stays open (and listed) until its cause is fixed, but is
   * no longer unread for anyone. Sent to the same users as the alert.
   */
  'alert.acknowledged': {
    id: string
    kind: string
    subject: string
    /** ISO time. */
    acknowledgedAt: string
    /** Who acknowledged it: their user id and name. */
    acknowledgedBy: string
    acknowledgedByName: string
  }
  /** Who is in one document now (the whole list); sent to `doc:<doc>`. */
  presence: { doc: string; users: PresenceUser[] }
  /**
   * Who is in which document, for one document type (`scope`: `client`, `client-medical`,
   * `workspace`, …); sent to the roles that may read that type, and at connect (only the documents
   * this user may open). Replace your copy for that scope; an empty `docs` clears it.
   */
  'presence.summary': { scope: string; docs: Array<{ doc: string; users: PresenceUser[] }> }
  /** Your session is over (deactivated, password reset, signed out elsewhere); the server disconnects you next. */
  'session.ended': { userId: string; reason: string }
}
export type LiveEventName = keyof LiveEventPayloads
export type LiveEvent<K extends LiveEventName> = LiveEventPayloads[K] & Envelope

/** Server → client events as Socket.IO's typed-events map. */
export type ServerToClientEvents = { [K in LiveEventName]: (payload: LiveEvent<K>) => void }

/** Why a `subscribe` was refused. */
export type SubscribeError = 'invalid_payload' | 'not_subscribable' | 'unknown_room' | 'forbidden' | 'too_many_rooms'

/** The ack of `subscribe` and `unsubscribe`. */
export type SubscribeAck = { ok: true } | { ok: false; error: SubscribeError }

/**
 * Client → server events. Payloads are untrusted: the server validates them and never throws.
 * `subscribe {room}` joins a subject room (`client:<id>`, `doc:<docName>`, `branch:<id>`, …) after a
 * read check; `unsubscribe {room}` leaves it. Both answer through the ack.
 */
export interface ClientToServerEvents {
  subscribe: (payload: { room: string }, ack: (res: SubscribeAck) => void) => void
  unsubscribe: (payload: { room: string }, ack: (res: SubscribeAck) => void) => void
}

/** The `connect_error` message when the handshake is refused by the session check. */
export const UNAUTHENTICATED = 'unauthenticated'
