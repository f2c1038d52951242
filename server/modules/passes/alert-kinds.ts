import { alertKind } from '../../contracts/alerts'

/**
 * The red flags of passes and payments. Each is raised and cleared in the transaction that causes
 * or removes it (a write-off, a payment, a refund); those that come from the clock (a pass expiring
 * within days, an invoice past due) by the area's daily job. Subjects: `pass:<id>`, `invoice:<id>`,
 * `client:<id>` (debt, owed visits).
 */
export const passAlerts = {
  pass_running_out: alertKind({ kind: 'pass_running_out', severity: 'warning', roles: ['owner', 'manager', 'receptionist'] }),
  pass_used_up: alertKind({ kind: 'pass_used_up', severity: 'critical', roles: ['owner', 'manager', 'receptionist'] }),
  pass_expired: alertKind({ kind: 'pass_expired', severity: 'critical', roles: ['owner', 'manager', 'receptionist'] }),
  debt: alertKind({ kind: 'debt', severity: 'warning', roles: ['owner', 'manager', 'receptionist', 'accountant'] }),
  invoice_overdue: alertKind({
    kind: 'invoice_overdue',
    severity: 'critical',
    roles: ['owner', 'manager', 'receptionist', 'accountant'],
  }),
  visit_owed: alertKind({ kind: 'visit_owed', severity: 'critical', roles: ['owner', 'manager', 'receptionist'] }),
}
