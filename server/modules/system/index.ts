import { defineModule } from '../module'
import { systemPolicies } from './policies'
import { systemRoutes } from './routes'

export { systemPolicies } from './policies'

/** How the installation is running, for its owner (the System screen); health and metrics are server/ops. */
export const system = defineModule({
  name: 'system',
  routes: [systemRoutes],
  policies: Object.values(systemPolicies),
  audit: [{ area: 'settings', commands: ['system.'] }],
})
