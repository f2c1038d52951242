import { sql } from 'drizzle-orm'
import { clients } from '../../../db/schema/index'
import { allowed } from '../../policies/policy'
import { tableLabels } from '../audit/index'
import type { AuditArea, AuditLabeler } from '../module'
import { translatorFor } from '../../../domain/i18n/translator'
import { clientsPolicies } from './policies'

const names = tableLabels(
  clients,
  clients.id,
  sql`case when ${clients.erasedAt} is null then ${clients.firstName} || ' ' || ${clients.lastName} end`,
)

/** A client's name; an erased client's stays erased ("Erased client" in the reader's language). */
const clientNames: AuditLabeler = async (db, ids, locale) => {
  const found = await names(db, ids, locale)
  const erased = translatorFor(locale).t('clients.erased.name')
  return new Map([...found].map(([id, name]) => [id, name ?? erased]))
}

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
