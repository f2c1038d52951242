import { defineModule } from '../module'
import { checklistAlerts } from './alert-kinds'
import { checklistsAudit } from './audit-area'
import { checklistDocType } from './docs'
import { checklistsDueJob } from './due'
import { checklistsPolicies } from './policies'
import { checklistRoutes } from './routes'
import { seedChecklists } from './seed'

export { checklistsPolicies } from './policies'
export { checklistAlerts } from './alert-kinds'
export { productionControlReport, productionControlPdf, type ProductionControlReport } from './report'

/**
 * Production control (issue #20): safety and hygiene checklists. Templates per branch or room
 * (items: a tick, a number in a range, a text; a schedule; a responsible role); the checklists
 * due are made each day by the `checklists.due` job and filled together as the live document
 * `checklist:<id>` (each value signed with who and when, notes, photos); submitting locks one and
 * keeps its values. An overdue checklist raises `checklist_overdue`, a failed one
 * `checklist_failed`, to its responsible role; the monthly production-control report is a PDF.
 */
export const checklists = defineModule({
  name: 'checklists',
  routes: [checklistRoutes],
  uploadRoutes: [/^\/api\/checklists\/[^/]+\/photos$/],
  policies: Object.values(checklistsPolicies),
  docTypes: [checklistDocType],
  alertKinds: Object.values(checklistAlerts),
  jobs: [checklistsDueJob],
  audit: [checklistsAudit],
  liveEntities: {
    checklist: { read: checklistsPolicies.read, branchScoped: true },
    checklist_template: { read: checklistsPolicies.read, branchScoped: true },
  },
  // the demo's templates per branch and a month of filled checklists (a few late, one failed)
  seed: seedChecklists,
})
