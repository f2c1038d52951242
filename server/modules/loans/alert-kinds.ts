import { alertKind } from '../../contracts/alerts'

/**
 * The loans area's red flag. `loan_overdue`: a textbook or kit not returned by its due day; subject
 * `loan:<loanId>`, raised by the daily job (./overdue.ts) and cleared by the return (or the job).
 */
export const loanAlerts = {
  loan_overdue: alertKind({
    kind: 'loan_overdue',
    severity: 'warning',
    roles: ['owner', 'manager', 'storekeeper', 'receptionist'],
  }),
}
