import { defineModule } from '../module'
import { alertRoutes } from './routes'

export { raiseAlert, raiseAlerts, clearAlert, clearAlerts, setAlert, applyAlerts } from './engine'
export type { AlertEvent, RaiseInput, AlertKindName } from './engine'

/** Alerts: what needs someone's attention now, raised by every area's rules. */
export const alerts = defineModule({
  name: 'alerts',
  routes: [alertRoutes],
})
