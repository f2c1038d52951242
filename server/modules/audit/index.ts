import { defineModule } from '../module'
import { eraseClientMarks } from './erase-client-marks'
import { auditPolicies } from './policies'
import { auditRoutes } from './routes'
import { auditAssigneeRoutes } from './routes-assignees'
import { auditExportRoutes } from './routes-export'
import { auditHighlightRoutes } from './routes-highlight'

export { auditPolicies } from './policies'
export { isId, keyedLabels, tableLabels } from './labels'
export { auditsClosedBetween, closedAuditReportPdf } from './checkpoint-report'

/**
 * The audit (issue #16): every change since the last audit in both streams (commands and document
 * updates, with the views of medical data), in one order, step by step; checkpoints; marks; any
 * document as of a moment. Each area appears through its module's `audit` declaration.
 */
export const audit = defineModule({
  name: 'audit',
  routes: [auditRoutes, auditHighlightRoutes, auditExportRoutes, auditAssigneeRoutes],
  policies: Object.values(auditPolicies),
  audit: [{ area: 'audit', commands: ['audit.'] }],
  hooks: { 'client.erased': eraseClientMarks },
})
