/**
 * Clients and families: typed calls for /api/clients, /api/settings/registration and the
 * client's records, documents, export and erasure (server/modules/clients/*).
 */
import { t } from '../i18n/locale'
import type { CLIENT_STATUSES as ServerStatuses, LEAD_SOURCES as ServerSources, LEAVE_REASONS as ServerReasons, RECORD_KINDS as ServerKinds } from '../../../domain/clients/vocabulary'
import type { ClientListFilter } from '../../../domain/clients/list-filter'
import { ApiError, api, toApiError, withQuery } from './api'
import type { LiveEvents } from './live-events'

export const CLIENT_STATUSES = ['lead', 'trial', 'active', 'paused', 'left'] as const
export type ClientStatus = (typeof CLIENT_STATUSES)[number]
export const LEAVE_REASONS = ['moved', 'schedule', 'price', 'lost_interest', 'health', 'unhappy', 'teacher_conflict', 'other'] as const
export type LeaveReason = (typeof LEAVE_REASONS)[number]
export const LEAD_SOURCES = ['referral', 'social', 'search', 'website', 'walk_in', 'school', 'event', 'returning', 'other'] as const
export type LeadSource = (typeof LEAD_SOURCES)[number]
export const RECORD_KINDS = ['achievement', 'award', 'penalty', 'certificate', 'diploma'] as const
export type RecordKind = (typeof RECORD_KINDS)[number]

// Compile-time guard: these lists and the server's (db/schema/clients.ts) stay the same sets.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const _same: [
  Same<ClientStatus, (typeof ServerStatuses)[number]>,
  Same<LeaveReason, (typeof ServerReasons)[number]>,
  Same<LeadSource, (typeof ServerSources)[number]>,
  Same<RecordKind, (typeof ServerKinds)[number]>,
] = [true, true, true, true]
void _same

/** A client as lists show it (server/modules/clients/presenters.ts ClientListItem). */
export interface ClientListItem {
  id: string
  name: string
  firstName: string
  lastName: string
  birthDate: string | null
  age: number | null
  /** The age category's label ("6–9", "Adult"). */
  ageCategory: string | null
  status: ClientStatus | string
  phone: string | null
  /** Red flags: file_incomplete, allergy, … */
  flags: string[]
}

export interface Guardian {
  key: string
  name: string
  relation: string
  phone: string
  email: string | null
  canPickUp: boolean
}

export interface StatusChange {
  from: string | null
  to: string
  /** On leaving: a leave reason's code. */
  reason: string | null
  /** What was typed with the change. */
  note: string | null
  at: string
  /** The login of who changed it. */
  by: string | null
}

export interface ClientDocument {
  id: string
  recordId: string | null
  fileName: string
  mime: string
  size: number
  sha256: string
  createdAt: string
}

export interface ClientRecord {
  id: string
  clientId: string
  kind: RecordKind | string
  activity: string | null
  date: string
  title: string
  description: string
  createdAt: string
  createdBy: string | null
  documents: ClientDocument[]
}

export interface ClientAlert {
  id: string
  kind: string
  severity: string
  subject: string
  message: string
  details: unknown
  raisedAt: string
  clearedAt: string | null
  acknowledgedAt: string | null
  acknowledgedBy: string | null
}

/** GET /api/clients/:id */
export interface ClientDetail extends ClientListItem {
  email: string | null
  source: string | null
  sourceNote?: string | null
  leaveReason: string | null
  consent: boolean
  branchId: string | null
  minor: boolean
  createdAt: string
  guardians: Guardian[]
  family: ClientListItem[]
  statusHistory: StatusChange[]
  records: ClientRecord[]
  documents: ClientDocument[]
  alerts: ClientAlert[]
  /** Filled by the electronic journal (timetable issue); empty until then. */
  progress: unknown[]
  /** The live document's name, `client:<id>`. */
  document: string
}

export interface AgeCategory {
  key: string
  label: string
  min: number
  max: number | null
}

export type RequirableField = 'firstName' | 'lastName' | 'birthDate' | 'phoneOrGuardianPhone' | 'email' | 'consent' | 'source'

export interface RegistrationSettings {
  /** The center's mandatory fields: every category's unless it has its own list, and a client of unknown age's. */
  requiredFields: RequirableField[]
  ageCategories: AgeCategory[]
  /** Per age category (its key), its own mandatory fields (absent from servers before issue #17). */
  requiredByCategory?: Record<string, RequirableField[]>
}

/** The list's filters and sort order (domain/clients/list-filter.ts, shared with the server). */
export type { ClientListFilter }

export interface PossibleDuplicate {
  id: string
  firstName: string
  lastName: string
  birthDate: string | null
  phone: string | null
}

export interface KnownGuardian {
  name: string
  relation: string
  phone: string
  email: string | null
  child: { id: string; name: string }
}

export interface GuardianInput {
  name: string
  relation: string
  phone: string
  email?: string | null
  canPickUp?: boolean
}

export interface ClientCreateInput {
  firstName?: string
  lastName?: string
  birthDate?: string | null
  phone?: string | null
  email?: string | null
  guardians: GuardianInput[]
  consent?: boolean
  status?: ClientStatus
  source?: LeadSource | null
  sourceNote?: string | null
  confirmNotDuplicate?: boolean
}

export interface RecordInput {
  kind: RecordKind
  date: string
  title: string
  description?: string
  activity?: string | null
}

/** The list filter as query parameters (shared by the list call and the CSV link). */
export function filterQuery(f: ClientListFilter) {
  return {
    q: f.q?.trim() || undefined,
    status: f.status || undefined,
    ageCategory: f.ageCategory || undefined,
    flagged: f.flagged ? 'true' : undefined,
    birthdayThisMonth: f.birthdayThisMonth ? 'true' : undefined,
    activityId: f.activityId || undefined,
    groupId: f.groupId || undefined,
    teacherId: f.teacherId || undefined,
    owing: f.owing ? 'true' : undefined,
    sort: f.sort && f.sort !== 'name' ? f.sort : undefined,
  }
}

/** One page of the client list; pass the previous page's nextCursor for the next one. */
export const fetchClients = (f: ClientListFilter, cursor: string | null, limit = 100, signal?: AbortSignal) =>
  api<{ items: ClientListItem[]; nextCursor: string | null }>('GET', withQuery('/api/clients', { ...filterQuery(f), cursor: cursor ?? undefined, limit }), undefined, { signal })

/** The current list as CSV (same filters, no paging). */
export const clientsCsvUrl = (f: ClientListFilter) => withQuery('/api/clients/export.csv', filterQuery(f))

/** What the list's activity, group and teacher filters offer (from the timetable area). */
export interface ListChoices {
  activities: Array<{ id: string; name: string }>
  groups: Array<{ id: string; name: string; activityId: string; teacherId: string; assistantId: string | null; branchId: string }>
  teachers: Array<{ id: string; name: string }>
}

/** The choices for those filters; a role that may not read the timetable gets none (the filters hide). */
export async function fetchListChoices(): Promise<ListChoices> {
  const items = async <T>(path: string): Promise<T[]> => {
    try {
      return (await api<{ items: T[] }>('GET', path)).items
    } catch {
      return []
    }
  }
  const [activities, groups, teachers] = await Promise.all([items<ListChoices['activities'][number]>('/api/activities'), items<ListChoices['groups'][number]>('/api/groups'), items<ListChoices['teachers'][number]>('/api/teachers')])
  return { activities, groups, teachers }
}

export const fetchRegistrationSettings = () => api<RegistrationSettings>('GET', '/api/settings/registration')

/** Possible duplicates of a registration and known guardians for a guardian phone. */
export const checkDuplicates = (query: { firstName?: string; lastName?: string; birthDate?: string; phone?: string; guardianPhone?: string }, signal?: AbortSignal) =>
  api<{ duplicates: PossibleDuplicate[]; knownGuardians: KnownGuardian[] }>('GET', withQuery('/api/clients/duplicates', query), undefined, { signal })

/** 409 possible_duplicate: the registration was not saved; `duplicates` are the existing clients it may be. */
export class DuplicateClientError extends ApiError {
  constructor(
    message: string,
    readonly duplicates: PossibleDuplicate[],
  ) {
    super(409, 'possible_duplicate', message)
    this.name = 'DuplicateClientError'
  }
}

/**
 * Sends a request the JSON wrapper cannot (multipart upload, or a 409 whose body carries more
 * than `fields`). On a 401 it asks /api/auth/me through `api()` so the app's usual
 * "session ended" flow runs.
 */
async function send(path: string, init: RequestInit): Promise<Response> {
  let res: Response
  try {
    res = await fetch(path, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...(init.headers ?? {}) } })
  } catch {
    throw new ApiError(0, 'network', t('common.error.network'))
  }
  if (res.status === 401) await api('GET', '/api/auth/me').catch(() => undefined)
  return res
}

/**
 * Registers a client. Rejects with DuplicateClientError (409: re-send with
 * `confirmNotDuplicate: true` to register anyway) or ApiError (400 with `fields`:
 * `guardians`, `guardians.0.phone`, `birthDate`…).
 */
export async function createClient(input: ClientCreateInput): Promise<{ id: string; client: ClientListItem }> {
  const res = await send('/api/clients', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) })
  if (res.ok) return (await res.json()) as { id: string; client: ClientListItem }
  if (res.status === 409) {
    const body = (await res
      .clone()
      .json()
      .catch(() => null)) as { error?: { code?: string; message?: string; duplicates?: PossibleDuplicate[] } } | null
    if (body?.error?.code === 'possible_duplicate') throw new DuplicateClientError(body.error.message ?? 'Possible duplicate', body.error.duplicates ?? [])
  }
  throw await toApiError(res)
}

export const fetchClient = (id: string, signal?: AbortSignal) => api<{ client: ClientDetail }>('GET', `/api/clients/${encodeURIComponent(id)}`, undefined, { signal }).then((r) => r.client)

/** One client as the list shows it (after someone changed it). */
export async function fetchClientListItem(id: string): Promise<ClientListItem> {
  const c = await fetchClient(id)
  return {
    id: c.id,
    name: c.name,
    firstName: c.firstName,
    lastName: c.lastName,
    birthDate: c.birthDate,
    age: c.age,
    ageCategory: c.ageCategory,
    status: c.status,
    phone: c.phone,
    flags: c.flags,
  }
}

/**
 * Follows other people's changes to clients: `changed(id)` when a client was saved,
 * `addedOrErased()` when one was registered or erased (the list's order and length changed).
 * Returns a disposer.
 * @example const stop = subscribeClientChanges(ctx.live, { changed: (id) => refreshRow(id), addedOrErased: () => (stale = true) })
 */
export function subscribeClientChanges(live: LiveEvents | null, on: { changed: (id: string) => void; addedOrErased: () => void }): () => void {
  if (!live) return () => {}
  return live.on('entity.changed', (e) => {
    if (e.type !== 'client') return
    if (e.action === 'create' || e.action === 'erase') on.addedOrErased()
    else on.changed(e.id)
  })
}

/** Status change; `reason` is required when leaving. */
export const changeClientStatus = (id: string, input: { status: ClientStatus; reason?: LeaveReason; note?: string }) =>
  api<{ client: ClientListItem }>('POST', `/api/clients/${encodeURIComponent(id)}/status`, input).then((r) => r.client)

/** A dated observation, stamped by the server with its author (teachers use this). */
export const addObservation = (id: string, input: { text: string; activity?: string }) => api<{ id: string }>('POST', `/api/clients/${encodeURIComponent(id)}/observations`, input)

export const addClientRecord = (id: string, input: RecordInput) => api<{ record: ClientRecord }>('POST', `/api/clients/${encodeURIComponent(id)}/records`, input).then((r) => r.record)

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
export const ACCEPTED_DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png']

/** A problem with a file before uploading it, or null (the server checks again, by content). */
export function documentProblem(file: { size: number; type: string }): string | null {
  if (file.size === 0) return 'The file is empty'
  if (file.size > MAX_DOCUMENT_BYTES) return 'The file is larger than 10 MB'
  if (file.type && !ACCEPTED_DOCUMENT_TYPES.includes(file.type)) return 'Only PDF, JPEG and PNG files are accepted'
  return null
}

/** Attaches a document (multipart), optionally to a record. Rejects with ApiError (`fields.file`). */
export async function uploadClientDocument(id: string, file: File, recordId?: string): Promise<ClientDocument> {
  const form = new FormData()
  form.set('file', file)
  if (recordId) form.set('recordId', recordId)
  const res = await send(`/api/clients/${encodeURIComponent(id)}/documents`, { method: 'POST', body: form })
  if (!res.ok) throw await toApiError(res)
  return ((await res.json()) as { document: ClientDocument }).document
}

export const documentUrl = (clientId: string, documentId: string) => `/api/clients/${encodeURIComponent(clientId)}/documents/${encodeURIComponent(documentId)}`
export const exportJsonUrl = (clientId: string) => `/api/clients/${encodeURIComponent(clientId)}/export`
export const exportPdfUrl = (clientId: string) => `/api/clients/${encodeURIComponent(clientId)}/export.pdf`

/** Erases (anonymises) a client: owner only, with a reason. */
export const eraseClient = (id: string, reason: string) => api<{ erased: boolean }>('POST', `/api/clients/${encodeURIComponent(id)}/erase`, { reason })

/** Open alerts about one client (e.g. client_file_incomplete). */
export const fetchClientAlerts = (id: string) => api<{ items: ClientAlert[] }>('GET', withQuery('/api/alerts', { open: 'true', subject: `client:${id}` })).then((r) => r.items)

/**
 * What a person with these roles may do with clients; mirrors the clients policies (docs/PERMISSIONS.md)
 * (clients: owner and manager all, receptionist read/create/update, teacher and auditor read;
 * medical: owner and manager; erase: owner). The server still decides every call.
 */
export function clientAbilities(roles: readonly string[]) {
  const has = (...r: string[]) => r.some((x) => roles.includes(x))
  return {
    edit: has('owner', 'manager', 'receptionist'),
    create: has('owner', 'manager', 'receptionist'),
    observe: has('owner', 'manager', 'receptionist', 'teacher'),
    medical: has('owner', 'manager'),
    export: has('owner', 'manager', 'receptionist'),
    /** The whole list as CSV: a bulk export of personal data. */
    bulkExport: has('owner', 'manager'),
    erase: has('owner'),
  }
}
export type ClientAbilities = ReturnType<typeof clientAbilities>
