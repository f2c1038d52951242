import { sql } from 'drizzle-orm'
import { clients } from '../../../db/schema/index'
import { allowed } from '../../policies/policy'
import { tableLabels } from '../audit/index'
import type { AuditArea } from '../module'
import { clientsPolicies } from './policies'

/** A client's name (an erased client's row says "Erased client": the label stays erased). */
const clientNames = tableLabels(clients, clients.id, sql`${clients.firstName} || ' ' || ${clients.lastName}`)

/**
 * The clients area in the audit: client files and the commands on clients; and the medical files,
 * whose content only readers with medical access see ("medical file changed by X" to others), with
 * every view of medical data.
 */
export const clientsAudit: AuditArea[] = [
  {
    area: 'clients',
    commands: ['clients.'],
    docTypes: ['client'],
    labels: { client: clientNames },
    names: clientNames,
  },
  {
    area: 'medical',
    docTypes: ['client-medical'],
    medicalViews: true,
    contentVisibleTo: (actor) => allowed(actor, clientsPolicies.readMedical),
    labels: { 'client-medical': clientNames },
  },
]
