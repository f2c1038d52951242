import { sql } from 'drizzle-orm'
import { clients, loans, products } from '../../../db/schema/index'
import { tableLabels } from '../audit/index'
import type { AuditArea } from '../module'

/** A loan as people say it: "English File 1 (TB-EN1) → Anna Petrosyan". */
const loanLabels = tableLabels(
  loans,
  loans.id,
  sql`(select ${products.name} || ' (' || ${products.sku} || ')' from ${products} where ${products.id} = ${loans.productId})
    || ' → ' || (select trim(${clients.firstName} || ' ' || ${clients.lastName}) from ${clients} where ${clients.id} = ${loans.clientId})`,
)

/** The loans area of the audit: lending and taking back (their stock documents are in the stock area). */
export const loansAudit: AuditArea = { area: 'loans', commands: ['loans.'], labels: { loan: loanLabels } }
