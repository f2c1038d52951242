/**
 * Wall-clock time in a branch's time zone, fast enough for thousands of lessons per render:
 * the zone offset is computed once per zone and UTC hour and cached, so turning an ISO
 * date-time into "which day, how many minutes after midnight" is arithmetic.
 */
import { addDays } from '../../data/timetable'

const formatters = new Map<string, Intl.DateTimeFormat>()
const offsets = new Map<string, Map<number, number>>()
const HOUR = 3_600_000

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/**
 * The zone's offset from UTC in minutes at an instant (+60 for Berlin in winter).
 * Offsets change on whole UTC hours (every zone in use), so one lookup per hour is exact.
 */
export function offsetAt(timeZone: string, epochMs: number): number {
  let byHour = offsets.get(timeZone)
  if (!byHour) offsets.set(timeZone, (byHour = new Map()))
  const bucket = Math.floor(epochMs / HOUR)
  let off = byHour.get(bucket)
  if (off === undefined) {
    const at = bucket * HOUR
    const p: Record<string, number> = {}
    for (const part of formatter(timeZone).formatToParts(new Date(at)))
      if (part.type !== 'literal') p[part.type] = Number(part.value)
    off = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute) - at) / 60_000)
    byHour.set(bucket, off)
  }
  return off
}

export interface WallTime {
  /** 'YYYY-MM-DD' in the zone. */
  date: string
  /** Minutes after that day's midnight. */
  minutes: number
}

/**
 * An ISO date-time → the zone's calendar day and minutes after midnight; null when unparsable.
 * @example zoned('2026-11-23T16:00:00+01:00', 'Europe/Berlin') // { date: '2026-11-23', minutes: 960 }
 */
export function zoned(iso: string, timeZone: string): WallTime | null {
  // a week's thousands of lessons start and end at a few hundred distinct times: each is worked out once
  let known = seen.get(timeZone)
  if (!known) seen.set(timeZone, (known = new Map()))
  const hit = known.get(iso)
  if (hit !== undefined) return hit && { date: hit.date, minutes: hit.minutes }
  const w = zonedOnce(iso, timeZone)
  if (known.size >= 20_000) known.clear()
  known.set(iso, w)
  return w && { date: w.date, minutes: w.minutes }
}

/** Zone → ISO date-time → its wall time there (or null: unparsable). */
const seen = new Map<string, Map<string, WallTime | null>>()

function zonedOnce(iso: string, timeZone: string): WallTime | null {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return null
  const off = offsetAt(timeZone, t)
  // the usual case: written with the zone's own offset, so the wall time is in the string
  const m = WITH_OFFSET.exec(iso)
  if (m && (m[3] === 'Z' ? 0 : (m[3][0] === '-' ? -1 : 1) * (Number(m[3].slice(1, 3)) * 60 + Number(m[3].slice(4, 6)))) === off) {
    return { date: m[1], minutes: Number(m[2].slice(0, 2)) * 60 + Number(m[2].slice(3, 5)) }
  }
  const local = new Date(t + off * 60_000)
  return { date: local.toISOString().slice(0, 10), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() }
}

const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * A day and minutes after its midnight in a zone → ISO date-time with that zone's offset.
 * Minutes of 1440 or more roll over to the next day.
 * @example zonedIso('2026-11-23', 960, 'Europe/Berlin') // '2026-11-23T16:00:00+01:00'
 */
export function zonedIso(date: string, minutes: number, timeZone: string): string {
  const day = addDays(date, Math.floor(minutes / 1440))
  const m = ((minutes % 1440) + 1440) % 1440
  const wallAsUtc = Date.parse(`${day}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00Z`)
  // the offset at the instant that wall time names (two rounds settle it, also around DST changes)
  let off = offsetAt(timeZone, wallAsUtc)
  off = offsetAt(timeZone, wallAsUtc - off * 60_000)
  const sign = off < 0 ? '-' : '+'
  const a = Math.abs(off)
  return `${day}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`
}

/** 960 → "16:00" (1440 → "24:00"). */
export function formatMinutes(m: number): string {
  return `${pad(Math.floor(m / 60))}:${pad(((m % 60) + 60) % 60)}`
}

/** "16:00" → 960, or null. */
export function parseMinutes(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim())
  if (!m) return null
  const v = Number(m[1]) * 60 + Number(m[2])
  return Number(m[2]) < 60 && v <= 1440 ? v : null
}

/** Today's date in a zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // (a Date's ISO string always reads; the UTC date is only a formal fallback)
  return zoned(now.toISOString(), timeZone)?.date ?? now.toISOString().slice(0, 10)
}

/** Minutes after midnight now, in a zone. */
export function nowMinutesIn(timeZone: string, now: Date = new Date()): number {
  return zoned(now.toISOString(), timeZone)?.minutes ?? now.getUTCHours() * 60 + now.getUTCMinutes()
}

/** Snaps minutes down to a multiple of `step`. */
export const snapDown = (m: number, step: number) => Math.floor(m / step) * step
/** Snaps minutes to the nearest multiple of `step`. */
export const snap = (m: number, step: number) => Math.round(m / step) * step
