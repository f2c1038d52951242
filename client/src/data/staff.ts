import { ApiError, api, toApiError, withQuery } from './api'
import type { LiveEvents } from './live-events'
import { t } from '../i18n/locale'

/**
 * Employees and their files (issue #19, server/modules/staff): the list of a branch, an employee's
 * file, pay schemes, bonuses and deductions, services outside the timetable, observations and
 * documents. The only code of the employees screens that fetches. Money is minor units.
 */

export interface PayScheme {
  id: string
  validFrom: string
  validTo: string | null
  perLesson: number
  perClient: number
  revenueBp: number
  hourly: number
  monthly: number
  note: string
}
export type SchemeRates = Pick<PayScheme, 'perLesson' | 'perClient' | 'revenueBp' | 'hourly' | 'monthly'>

export interface EmployeeListItem {
  id: string
  name: string
  positions: string[]
  branchIds: string[]
  userId: string | null
  login: string | null
  currentScheme: PayScheme | null
  minutesThisMonth: number
}

export interface PayAdjustment {
  id: string
  kind: 'bonus' | 'deduction' | 'correction'
  on: string
  amount: number
  reason: string
  corrects: string | null
}

export interface StaffService {
  id: string
  on: string
  kind: 'party' | 'consultation' | 'other'
  minutes: number
  clients: number
  fee: number
  note: string
}

export interface EmployeeFile {
  id: string
  name: string
  positions: string[]
  branchIds: string[]
  userId: string | null
  login: string | null
  phone: string | null
  email: string | null
  hiredOn: string | null
  leftOn: string | null
  schemes: PayScheme[]
  currentScheme: PayScheme | null
  adjustments: PayAdjustment[]
  notes: Array<{ id: number; text: string; at: string; byName: string | null }>
  documents: Array<{ id: string; kind: string; fileName: string; size: number; createdAt: string }>
  approvedMonths: string[]
  month: string
  lessons: Array<{ lessonId: string; day: string; groupName: string | null; activityName: string | null; minutes: number; attending: number }>
  services: StaffService[]
  totals: { lessons: number; lessonMinutes: number; serviceMinutes: number; minutes: number; clientsTaught: number }
}

export interface EmployeeInput {
  name: string
  positions: string[]
  branchIds: string[]
  userId?: string | null
  phone?: string | null
  email?: string | null
  hiredOn?: string | null
}

const path = (id: string, rest = '') => `/api/staff/employees/${encodeURIComponent(id)}${rest}`

export const fetchEmployees = (branchId: string) =>
  api<{ items: EmployeeListItem[]; month: string }>('GET', withQuery('/api/staff/employees', { branchId }))
export const fetchEmployee = (id: string, month?: string) =>
  api<{ employee: EmployeeFile }>('GET', withQuery(path(id), { month })).then((r) => r.employee)
export const createEmployee = (input: EmployeeInput) =>
  api<{ employee: EmployeeFile }>('POST', '/api/staff/employees', input).then((r) => r.employee)
export const updateEmployee = (id: string, patch: Partial<EmployeeInput>) =>
  api<{ employee: EmployeeFile }>('PATCH', path(id), patch).then((r) => r.employee)
export const setPayScheme = (id: string, input: SchemeRates & { validFrom: string; validTo?: string | null; note?: string }) =>
  api<{ scheme: PayScheme }>('POST', path(id, '/schemes'), input).then((r) => r.scheme)
export const addAdjustment = (id: string, input: Omit<PayAdjustment, 'id' | 'corrects'> & { corrects?: string | null }) =>
  api<{ adjustment: PayAdjustment }>('POST', path(id, '/adjustments'), input).then((r) => r.adjustment)
export const addService = (id: string, input: Omit<StaffService, 'id'>) =>
  api<{ service: StaffService }>('POST', path(id, '/services'), input).then((r) => r.service)
export const addNote = (id: string, text: string) => api<{ note: unknown }>('POST', path(id, '/notes'), { text })
export const documentUrl = (id: string, docId: string) => path(id, `/documents/${encodeURIComponent(docId)}`)

/** Files a document (multipart). Rejects with ApiError (`fields.file`). */
export async function uploadEmployeeDocument(id: string, file: File, kind: string): Promise<void> {
  const form = new FormData()
  form.set('file', file)
  form.set('kind', kind)
  let res: Response
  try {
    res = await fetch(path(id, '/documents'), { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' }, body: form })
  } catch {
    throw new ApiError(0, 'network', t('common.error.network'))
  }
  if (!res.ok) throw await toApiError(res)
}

/**
 * The logins an employee may be linked to: those no other employee has, of the user's branches,
 * and `employeeId`'s own (empty when the user may not keep staff files).
 */
export const fetchLogins = (employeeId?: string) =>
  api<{ items: Array<{ id: string; login: string; name: string }> }>('GET', withQuery('/api/staff/logins', { employeeId })).then(
    (r) => r.items,
    () => [] as Array<{ id: string; login: string; name: string }>,
  )

/** Calls `onChange` (debounced) when an employee changes anywhere. */
export function subscribeStaffChanges(live: Pick<LiveEvents, 'on'> | null | undefined, onChange: () => void, delayMs = 300): () => void {
  if (!live) return () => {}
  let timer: ReturnType<typeof setTimeout> | null = null
  const off = live.on('entity.changed', (e) => {
    if (e.type === 'employee') timer ??= setTimeout(() => ((timer = null), onChange()), delayMs)
  })
  return () => {
    off()
    if (timer) clearTimeout(timer)
  }
}

/** What a user's roles may do on the employees screens (mirrors server/modules/staff/policies.ts; the server decides). */
export function staffAbilities(roles: readonly string[]) {
  const has = (...r: string[]) => roles.some((x) => r.includes(x))
  return { manage: has('owner', 'manager'), setPay: has('owner', 'manager', 'accountant') }
}
