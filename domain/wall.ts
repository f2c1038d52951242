/**
 * The live wall dashboard's data and protocol, shared by the server (server/modules/wall) and the
 * screens (/wall, the Dashboard). Pure: no imports.
 *
 * Socket.IO namespace `/wall`: connect with `auth: { token }` (a wall token) or the session
 * cookie; `watch {branchId?}` answers with the branch's whole snapshot (on every connect and
 * reconnect: a screen re-syncs by itself); then `wall.update` brings the parts a committed change
 * touched, computed once on the instance that heard it for every wall of that branch; and
 * `wall.signed_out` tells a screen its token was revoked or its session ended (it is disconnected next).
 */

export const WALL_NAMESPACE = '/wall'

/** A lesson of today in a room (not cancelled, not ended yet). */
export interface WallLesson {
  id: string
  roomId: string
  /** ISO times. */
  startsAt: string
  endsAt: string
  status: string
  groupName: string | null
  activityName: string | null
  color: string | null
  /** Children in the room so far: marked present (late, walked in) or checked in at the desk. */
  present: number
  /** The group's members. */
  expected: number
}

export interface WallRoom {
  id: string
  name: string
  capacity: number
  /** Today's lessons that have not ended, by start: the first that has started is "now", the next one "next". */
  lessons: WallLesson[]
}

export interface WallTotals {
  /** Visits today: check-ins and lessons written off, each once (a reversed one not). */
  checkIns: number
  /** The same weekday a week before, up to the same time of day. */
  checkInsLastWeek: number
  /** Money taken today less refunds, in minor units. */
  revenue: number
  revenueLastWeek: number
  /** Visits per hour of the day (24 values, the branch's time): today, and the whole day a week before. */
  perHour: number[]
  perHourLastWeek: number[]
}

export interface WallFlag {
  id: string
  kind: string
  severity: string
  subject: string
  raisedAt: string
  messageId: string
  params: unknown
  clientId: string | null
  clientName: string | null
  groupName: string | null
}

export interface WallPass {
  id: string
  clientId: string
  clientName: string
  groupName: string | null
  planName: string | null
  /** null: unlimited. */
  sessionsLeft: number | null
  /** ISO date. */
  validUntil: string
  status: 'used_up' | 'expiring' | 'running_out'
  /** An open red flag about this pass. */
  flagged: boolean
}

/** The parts of a wall that change separately. */
export const WALL_PARTS = ['rooms', 'totals', 'flags', 'runningOut'] as const
export type WallPart = (typeof WALL_PARTS)[number]

export interface WallParts {
  rooms: WallRoom[]
  totals: WallTotals
  flags: { items: WallFlag[]; counts: Record<string, number> }
  runningOut: WallPass[]
}

/** One branch's wall, whole. */
export interface WallSnapshot extends WallParts {
  branch: { id: string; name: string; timeZone: string }
  /** The branches this viewer may switch between. */
  branches: Array<{ id: string; name: string }>
  /** ISO 4217 (the center's). */
  currency: string
  /** The branch's local date (ISO). */
  today: string
  /** When it was computed (ISO). */
  generatedAt: string
}

/** A live change: the parts it touched. */
export interface WallUpdate {
  branchId: string
  today: string
  generatedAt: string
  parts: Partial<WallParts>
  /** Unique per emitted update. */
  eventId?: string
}

/** Why a screen was signed out. */
export interface WallSignedOut {
  reason: 'revoked' | 'session_ended'
}

/** The answer to `watch`. */
export type WallWatchAck =
  { ok: true; snapshot: WallSnapshot } | { ok: false; error: 'forbidden' | 'not_found' | 'invalid_payload' | 'unavailable' }

/** `connect_error` messages of the namespace. */
export const WALL_UNAUTHENTICATED = 'unauthenticated'
export const WALL_FORBIDDEN = 'forbidden'

/**
 * A screen's copy with an update applied: each part it carries replaces the one held, unless the
 * held one was computed later (updates may cross a snapshot on the wire). `stamps` keeps when each
 * part was computed. A day's update of another branch or an older day changes nothing.
 * @example const next = applyWallUpdate(wall, stamps, update) // same object when nothing applies
 */
export function applyWallUpdate(wall: WallSnapshot, stamps: Partial<Record<WallPart, string>>, update: WallUpdate): WallSnapshot {
  if (update.branchId !== wall.branch.id) return wall
  let next = wall
  for (const part of WALL_PARTS) {
    const value = update.parts[part]
    if (value === undefined) continue
    const held = stamps[part] ?? wall.generatedAt
    if (held > update.generatedAt) continue
    stamps[part] = update.generatedAt
    next = { ...next, [part]: value, today: update.today }
  }
  return next
}

/** A room's lesson now (started, not ended) and the next one after it, at `now` (ms). */
export function nowAndNext(room: WallRoom, now: number): { now: WallLesson | null; next: WallLesson | null } {
  const open = room.lessons.filter((l) => Date.parse(l.endsAt) > now)
  const current = open.find((l) => Date.parse(l.startsAt) <= now) ?? null
  const next = open.find((l) => Date.parse(l.startsAt) > now) ?? null
  return { now: current, next }
}

/** Change against a week before, as a signed whole percentage, or null when there is nothing to compare with. */
export function changePercent(today: number, lastWeek: number): number | null {
  if (lastWeek === 0) return null
  return Math.round(((today - lastWeek) / lastWeek) * 100)
}
