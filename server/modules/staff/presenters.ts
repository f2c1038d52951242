import { schemeOn } from '../../../domain/payroll/schemes'
import type { employeeDocuments, payAdjustments, staffServices } from '../../../db/schema/index'
import type { EmployeeRow, SchemeRow } from './queries/employees'

/** A pay scheme as the API gives it. */
export const presentScheme = (s: SchemeRow) => ({
  id: s.id,
  validFrom: s.validFrom,
  validTo: s.validTo,
  perLesson: s.perLesson,
  perClient: s.perClient,
  revenueBp: s.revenueBp,
  hourly: s.hourly,
  monthly: s.monthly,
  note: s.note,
})

/** The scheme in force on a day (today), or the next one to start when none is yet. */
export function currentScheme(schemes: readonly SchemeRow[], today: string) {
  const s = schemeOn(schemes, today) ?? schemes.find((x) => x.validFrom > today) ?? null
  return s ? presentScheme(s) : null
}

export const presentAdjustment = (a: typeof payAdjustments.$inferSelect) => ({
  id: a.id,
  kind: a.kind,
  on: a.on,
  amount: a.amount,
  reason: a.reason,
  corrects: a.corrects,
  branchId: a.branchId,
})

export const presentService = (s: typeof staffServices.$inferSelect) => ({
  id: s.id,
  on: s.on,
  kind: s.kind,
  minutes: s.minutes,
  clients: s.clients,
  fee: s.fee,
  note: s.note,
})

export const presentDocument = (
  d: Pick<typeof employeeDocuments.$inferSelect, 'id' | 'kind' | 'fileName' | 'mime' | 'size' | 'createdAt'>,
) => ({ id: d.id, kind: d.kind, fileName: d.fileName, mime: d.mime, size: d.size, createdAt: d.createdAt.toISOString() })

/** An employee's person and placement. */
export const presentPerson = (e: EmployeeRow, login: string | null) => ({
  id: e.id,
  name: e.name,
  positions: e.positions,
  branchIds: e.branchIds,
  userId: e.userId,
  login,
  phone: e.phone,
  email: e.email,
  hiredOn: e.hiredOn,
  leftOn: e.leftOn,
})
