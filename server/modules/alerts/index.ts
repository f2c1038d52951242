import { defineModule } from '../module'
import { alertsPolicies } from './policies'
import { alertRoutes } from './routes'

export { raiseAlert, raiseAlerts, clearAlert, clearAlerts, setAlert, applyAlerts } from './engine'
export type { AlertEvent, RaiseInput } from './engine'
export { alertsPolicies } from './policies'
export { presentAlert } from './presenters'
export { alertRecipients, alertAudience } from './visibility'
export { renderAlertMessage } from '../../../domain/alerts/messages'
export type { AlertMessage, AlertParam } from '../../../domain/alerts/messages'

/** Alerts: what needs someone's attention now, raised by every area's rules. */
export const alerts = defineModule({
  name: 'alerts',
  routes: [alertRoutes],
  policies: Object.values(alertsPolicies),
  audit: [{ area: 'alerts', commands: ['alerts.'] }],
})
