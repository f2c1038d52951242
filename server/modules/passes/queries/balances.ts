import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'

/**
 * A client's debt, in minor units: the sum, over the client's invoices that are not cancelled, of
 * what is still due on each — its total less the payments applied to it (`payments.amount`; the
 * part of an overpayment kept as credit, `payments.credit`, is not applied to the invoice).
 *
 * Refunds do not change it: a refund is a credit note and a pay-out at once (it takes the refunded
 * part off what the invoice is worth and off what was paid on it), so what is due stays
 * `total − paid`. A refund is never above what was paid, and a pro-rata refund needs the invoice
 * settled first, so no refund leaves a debt for service the client gave back.
 *
 * It is never negative per invoice (payments never exceed what is due: the excess is credit), so
 * a client's debt is 0 or more. The client's credit (kept overpayments less credit spent) is
 * separate (`clientCredits`) and does not reduce it.
 */
export function debtSql(clientId: SQL): SQL {
  return sql`coalesce((
    select sum(i.total - coalesce((select sum(p.amount) from payments p where p.invoice_id = i.id), 0))
    from invoices i where i.client_id = ${clientId} and i.cancelled_at is null
  ), 0)::bigint`
}

/** The debts of some clients (every id asked for is in the map, 0 when nothing is due). See `debtSql`. */
export async function clientDebts(db: Queryable, clientIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(clientIds.map((id) => [id, 0]))
  if (!clientIds.length) return out
  const ids = sql.join(
    clientIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )
  const rows = await queryRows<{ client_id: string; debt: string | number | bigint }>(
    db,
    sql`select i.client_id, sum(i.total - coalesce(pd.paid, 0))::bigint as debt
        from invoices i
        left join lateral (select sum(p.amount) as paid from payments p where p.invoice_id = i.id) pd on true
        where i.client_id in (${ids}) and i.cancelled_at is null
        group by i.client_id`,
  )
  for (const r of rows) out.set(r.client_id, Number(r.debt))
  return out
}

/**
 * The clients' credit: overpayments kept as credit (`payments.credit`) less the credit spent
 * (payments with method `credit`). Every id asked for is in the map.
 */
export async function clientCredits(db: Queryable, clientIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(clientIds.map((id) => [id, 0]))
  if (!clientIds.length) return out
  const ids = sql.join(
    clientIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )
  const rows = await queryRows<{ client_id: string; credit: string | number | bigint }>(
    db,
    sql`select client_id, (sum(credit) - coalesce(sum(amount) filter (where method = 'credit'), 0))::bigint as credit
        from payments where client_id in (${ids}) group by client_id`,
  )
  for (const r of rows) out.set(r.client_id, Number(r.credit))
  return out
}
