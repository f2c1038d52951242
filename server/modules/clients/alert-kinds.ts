import { alertKind } from '../../contracts/alerts'
import type { AlertMessage } from '../alerts/index'
import { problemMessage } from './problem-messages'

/** The alerts the clients area raises. */
export const clientAlerts = {
  client_file_incomplete: alertKind({
    kind: 'client_file_incomplete',
    severity: 'warning',
    roles: ['owner', 'manager', 'receptionist'],
  }),
}

/** The client file's problems (the registration rules' words, as catalogue messages) for each reader. */
export const fileIncompleteMessage = (client: string, problems: Readonly<Record<string, string>>): AlertMessage => ({
  id: 'alerts.clientFileIncomplete',
  params: {
    client,
    problems: { messages: Object.values(problems).map((text) => ({ id: problemMessage(text) })), separate: true },
  },
})
