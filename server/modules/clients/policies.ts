import type { Role } from '../../../domain/roles'
import { policy } from '../../policies/policy'

/** Everyone who works with clients sees them; the storekeeper and the accountant do not. */
const SEE: readonly Role[] = ['owner', 'manager', 'receptionist', 'teacher', 'auditor']
/** The front desk and the management register and keep client files. */
const KEEP: readonly Role[] = ['owner', 'manager', 'receptionist']
/** Medical data: the management only (teachers see the allergy summary through their roster). */
const MEDICAL: readonly Role[] = ['owner', 'manager']

/**
 * What staff do with clients. Clients belong to the whole center (a receptionist of one branch
 * finds a family registered at the other), so no policy here has a branch rule.
 */
export const clientsPolicies = {
  read: policy({
    verb: 'clients.read',
    description: 'See clients: the list, a client’s file, records and documents, the registration settings',
    roles: SEE,
    writes: false,
  }),
  register: policy({
    verb: 'clients.register',
    description: 'Register a client',
    roles: KEEP,
    writes: true,
  }),
  edit: policy({
    verb: 'clients.edit',
    description: 'Edit a client’s file (personal data, guardians, notes) and change their status',
    roles: KEEP,
    writes: true,
  }),
  addRecord: policy({
    verb: 'clients.addRecord',
    description: 'Add an achievement, award, penalty, certificate or diploma to a client’s file',
    roles: KEEP,
    writes: true,
  }),
  attachDocument: policy({
    verb: 'clients.attachDocument',
    description: 'Attach a document (PDF, JPEG, PNG) to a client’s file',
    roles: KEEP,
    writes: true,
  }),
  observe: policy({
    verb: 'clients.observe',
    description: 'Add a dated observation to a client’s file',
    roles: ['owner', 'manager', 'receptionist', 'teacher'],
    writes: true,
  }),
  readMedical: policy({
    verb: 'clients.readMedical',
    description: 'Open a client’s medical file (every view is logged)',
    roles: MEDICAL,
    writes: false,
  }),
  editMedical: policy({
    verb: 'clients.editMedical',
    description: 'Edit a client’s medical file',
    roles: MEDICAL,
    writes: true,
  }),
  export: policy({
    verb: 'clients.export',
    description: 'Export everything stored about one client (JSON, PDF; the medical file only with clients.readMedical)',
    roles: KEEP,
    writes: false,
  }),
  exportList: policy({
    verb: 'clients.exportList',
    description: 'Export the client list as CSV (a bulk export of personal data)',
    roles: ['owner', 'manager'],
    writes: false,
  }),
  erase: policy({
    verb: 'clients.erase',
    description: 'Erase (anonymise) a client on request; financial and attendance records stay, anonymised',
    roles: ['owner'],
    writes: true,
    refusal: 'errors.clients.eraseOwnerOnly',
  }),
  configure: policy({
    verb: 'clients.configure',
    description: 'Set the mandatory registration fields and the age categories',
    roles: ['owner', 'manager'],
    writes: true,
  }),
}
