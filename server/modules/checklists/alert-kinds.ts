import { alertKind, type AlertKind } from '../../contracts/alerts'
import type { Role } from '../../../domain/roles'

/**
 * Production control's red flags, subject `checklist:<id>`, in the checklist's branch.
 * `checklist_overdue`: its due time passed and it is not submitted (raised by the job, cleared by
 * the submission). `checklist_failed`: it was submitted with an item ticked failed or a number out
 * of range (raised by the submission). Each is addressed to the checklist's responsible role.
 */
export const checklistAlerts = {
  checklist_overdue: alertKind({ kind: 'checklist_overdue', severity: 'warning', roles: ['owner', 'manager'] }),
  checklist_failed: alertKind({ kind: 'checklist_failed', severity: 'critical', roles: ['owner', 'manager'] }),
}

/** The kind addressed to a checklist's responsible role too. */
export function forRole(kind: AlertKind, role: string): AlertKind {
  return { ...kind, roles: [...new Set([...kind.roles, role as Role])] }
}
