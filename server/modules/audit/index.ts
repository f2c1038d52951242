import { defineModule } from '../module'
import { auditRoutes } from './routes'

/** The audit trail: every change, with who made it. */
export const audit = defineModule({
  name: 'audit',
  routes: [auditRoutes],
})
