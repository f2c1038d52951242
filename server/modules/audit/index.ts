import { defineModule } from '../module'
import { auditPolicies } from './policies'
import { auditRoutes } from './routes'

export { auditPolicies } from './policies'

/** The audit trail: every change, with who made it. */
export const audit = defineModule({
  name: 'audit',
  routes: [auditRoutes],
  policies: Object.values(auditPolicies),
})
