import { alertKind } from '../../contracts/alerts'

/** The alerts the clients area raises. */
export const clientAlerts = {
  client_file_incomplete: alertKind({
    kind: 'client_file_incomplete',
    severity: 'warning',
    roles: ['owner', 'manager', 'receptionist'],
  }),
}
