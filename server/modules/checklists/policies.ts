import type { Role } from '../../../domain/roles'
import { inTheirBranch, policy } from '../../policies/policy'

/** Who fills checklists: every member of a branch's staff (the auditor only reads). */
const FILLERS: readonly Role[] = ['owner', 'manager', 'receptionist', 'teacher', 'storekeeper', 'accountant']
/** Who keeps the templates: the owner and the managers. */
const KEEPERS: readonly Role[] = ['owner', 'manager']

/** A branch's thing (a template, a checklist, its report): its branch. */
type InBranch = { branchId: string | null }

/** Production control (safety and hygiene checklists) in the center's verbs. */
export const checklistsPolicies = {
  read: policy<InBranch>({
    verb: 'checklists.read',
    description: 'See a branch’s checklists, their templates, filled values, photos and the production-control report',
    roles: [...FILLERS, 'auditor'],
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  fill: policy<InBranch>({
    verb: 'checklists.fill',
    description: 'Fill a due checklist (tick, values, notes, photos) and submit it (it is locked from then on)',
    roles: FILLERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  manage: policy<InBranch>({
    verb: 'checklists.manage',
    description: 'Define a branch’s checklist templates: items, schedule and responsible role',
    roles: KEEPERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
}
