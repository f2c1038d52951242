import { api, withQuery } from './api'
import type { AuditChangeItem } from './audit-highlight'

/**
 * The Audit screens (issue #16): every change since the last audit, step by step
 * (GET /api/audit/changes…), the counts, marks, checkpoints and documents as they were. The filters
 * live in the page's URL, so a link reproduces the view.
 */

export type AuditChange = AuditChangeItem
export type ChangeKind = AuditChange['changes'][number]['kind']
export const CHANGE_KINDS: readonly ChangeKind[] = ['added', 'changed', 'removed', 'viewed']

/** What the audit's window and filters are, as the URL holds them (every field optional). */
export interface AuditFilters {
  /** A checkpoint id, an ISO date-time or `start`; absent: the last audit closed. */
  since?: string
  /** A checkpoint id or an ISO date-time; absent: now. */
  until?: string
  area?: string
  /** The author's login (or id). */
  actor?: string
  /** A document name (`timetable:<branch>:<week>`, `client:<id>`). */
  doc?: string
  kind?: ChangeKind
  /** Only the changes that affect money. */
  money?: boolean
}

const FILTER_KEYS = ['since', 'until', 'area', 'actor', 'doc', 'kind'] as const

/**
 * The filters a page's query string holds (unknown values dropped).
 * @example filtersFromSearch('?area=timetable&money=true&change=12') // { area: 'timetable', money: true }
 */
export function filtersFromSearch(search: string): AuditFilters {
  const p = new URLSearchParams(search)
  const f: AuditFilters = {}
  for (const k of FILTER_KEYS) {
    const v = p.get(k)?.trim()
    if (!v) continue
    if (k === 'kind') {
      if ((CHANGE_KINDS as readonly string[]).includes(v)) f.kind = v as ChangeKind
    } else f[k] = v
  }
  if (p.get('money') === 'true') f.money = true
  return f
}

/** The query of an API call or a page's URL for these filters (no empty values; `money` only when on). */
export function filterQuery(f: AuditFilters): Record<string, string | undefined> {
  return {
    since: f.since,
    until: f.until,
    area: f.area,
    actor: f.actor,
    doc: f.doc,
    kind: f.kind,
    money: f.money ? 'true' : undefined,
  }
}

/**
 * The page's URL for these filters and (optionally) the change shown in the step view.
 * @example auditUrl({ area: 'clients' }, 42) // '/audit?area=clients&change=42'
 */
export function auditUrl(f: AuditFilters, change?: number | null, extra?: Record<string, string | undefined>): string {
  return withQuery('/audit', { ...filterQuery(f), change: change ?? undefined, ...extra })
}

/** Are any filters set (besides the window)? */
export const hasFilters = (f: AuditFilters) => !!(f.area || f.actor || f.doc || f.kind || f.money)

/** The change shown in the step view (`?change=<id>`), or null. */
export function changeFromSearch(search: string): number | null {
  const v = new URLSearchParams(search).get('change')
  return v && /^\d{1,16}$/.test(v) ? Number(v) : null
}

// ── time zones: the filters' from/to are typed in the center's zone ───────────────────────────────

/** The offset of `zone` from UTC at the moment `ms`, in ms (east positive). */
function zoneOffset(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms))
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'))
  return asUtc - Math.floor(ms / 1000) * 1000
}

/**
 * A datetime-local value read in `zone` → ISO (UTC), or undefined when it is not one.
 * @example zonedToIso('2026-11-03T09:30', 'Asia/Yerevan') // '2026-11-03T05:30:00.000Z'
 */
export function zonedToIso(local: string, zone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!m) return undefined
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5])
  if (Number.isNaN(wall)) return undefined
  // the offset at the guess, then again at the corrected moment (a change of offset between them)
  let ms = wall - zoneOffset(wall, zone)
  ms = wall - zoneOffset(ms, zone)
  return new Date(ms).toISOString()
}

/**
 * An ISO moment as a datetime-local value in `zone` ('' when it is not a moment).
 * @example isoToZoned('2026-11-03T05:30:00Z', 'Asia/Yerevan') // '2026-11-03T09:30'
 */
export function isoToZoned(iso: string | undefined | null, zone: string): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  return new Date(ms + zoneOffset(ms, zone)).toISOString().slice(0, 16)
}

/** Is this `since`/`until` a moment (not a checkpoint's number nor `start`)? */
export const isMoment = (v: string | undefined): v is string => !!v && !/^\d+$/.test(v) && v !== 'start'

// ── the API ─────────────────────────────────────────────────────────────────────────────────────

export interface AuditWindowEnd {
  checkpointId: number | null
  at: string | null
}
export interface AuditWindow {
  since: AuditWindowEnd | null
  until: AuditWindowEnd | null
}

export interface AuditSummary {
  total: number
  byArea: Record<string, number>
  byActor: Array<{ id: string | null; login: string | null; count: number }>
  topDocuments: Array<{ doc: string; count: number; label: string | null }>
  queried: number
}

export interface AuditCheckpoint {
  id: number
  closedAt: string
  closedBy: { id: string; login: string } | null
  note: string | null
  summary: AuditSummary
  queried: number
}

export interface Assignee {
  id: string
  login: string
  name: string
}

export const fetchChanges = (f: AuditFilters, cursor: string | null, limit = 50) =>
  api<{ items: AuditChange[]; cursor: string | null; window: AuditWindow }>(
    'GET',
    withQuery('/api/audit/changes', { ...filterQuery(f), cursor: cursor ?? undefined, limit }),
  )

export const fetchChange = (id: number, f: AuditFilters) =>
  api<{ item: AuditChange; prev: number | null; next: number | null }>(
    'GET',
    withQuery(`/api/audit/changes/${id}`, filterQuery(f)),
  )

export const fetchSummary = (f: Pick<AuditFilters, 'since' | 'until'>) =>
  api<{ summary: AuditSummary; window: AuditWindow }>('GET', withQuery('/api/audit/summary', { since: f.since, until: f.until }))

export const markChange = (id: number, body: { status: 'verified' | 'queried'; comment?: string | null; assigneeId?: string | null }) =>
  api<{ item: AuditChange }>('PUT', `/api/audit/changes/${id}/mark`, body)

export const fetchCheckpoints = (cursor?: string | null) =>
  api<{ items: AuditCheckpoint[]; nextCursor: string | null }>('GET', withQuery('/api/audit/checkpoints', { cursor: cursor ?? undefined, limit: 50 }))

export const closeAudit = (note: string | null) => api<AuditCheckpoint>('POST', '/api/audit/checkpoints', { note })

/** The follow-up list: changes whose latest mark is "queried", newest first. */
export const fetchQueried = () =>
  api<{ items: Array<{ markId: number; change: AuditChange }>; nextCursor: string | null }>('GET', '/api/audit/queried?limit=200')

export const fetchAssignees = () => api<{ items: Assignee[] }>('GET', '/api/audit/assignees').then((r) => r.items)

/** A document as it was: just after update `seq`, or at a moment. */
export const fetchDocAt = (name: string, at: { seq: number } | { time: string }) =>
  api<{ doc: string; time: string | null; seq: number; at: string | null; state: unknown }>(
    'GET',
    withQuery(`/api/docs/${encodeURIComponent(name)}/at`, 'seq' in at ? { seq: at.seq } : { time: at.time }),
  )

/** The exports (the same filters as the list). */
export const changesCsvUrl = (f: AuditFilters) => withQuery('/api/audit/changes.csv', filterQuery(f))
export const reportPdfUrl = (f: Pick<AuditFilters, 'since' | 'until'>) =>
  withQuery('/api/audit/report.pdf', { since: f.since, until: f.until })
export const checkpointPdfUrl = (id: number) => `/api/audit/checkpoints/${id}/report.pdf`
