import { alertKind } from '../../contracts/alerts'
import type { MessageId } from '../../../domain/i18n/catalogue'
import type { AlertMessage } from '../alerts/index'

/** The alerts the clients area raises. */
export const clientAlerts = {
  client_file_incomplete: alertKind({
    kind: 'client_file_incomplete',
    severity: 'warning',
    roles: ['owner', 'manager', 'receptionist'],
  }),
}

/** The client file's problems (the registration rules' message ids), rendered for each reader. */
export const fileIncompleteMessage = (client: string, problems: Readonly<Record<string, MessageId>>): AlertMessage => ({
  id: 'alerts.clientFileIncomplete',
  params: {
    client,
    problems: { messages: Object.values(problems).map((id) => ({ id })), separate: true },
  },
})
