import { inArray } from 'drizzle-orm'
import { employees } from '../../../db/schema/index'
import { isId } from '../audit/index'
import type { AuditArea, AuditLabeler } from '../module'

/** An employee as people say them: their name. */
const employeeLabels: AuditLabeler = async (db, ids) => {
  const wanted = [...new Set(ids.filter(isId))]
  if (!wanted.length) return new Map()
  const rows = await db.select({ id: employees.id, name: employees.name }).from(employees).where(inArray(employees.id, wanted))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** Staff, pay schemes, payroll and cost settings in the audit: pay is money. */
export const staffAudit: AuditArea = {
  area: 'staff',
  commands: ['staff.', 'payroll.', 'costs.'],
  moneyAffecting: ['staff.scheme', 'staff.adjustment', 'payroll.', 'costs.'],
  labels: { employee: employeeLabels },
  names: employeeLabels,
}
