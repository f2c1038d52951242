import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'

export type AgeingBucket = '0-30' | '31-60' | '60+'

export interface Debtor {
  clientId: string
  name: string
  phone: string | null
  payerName: string | null
  payerPhone: string | null
  branchId: string
  debt: number
  invoices: number
  /** The due date of the oldest invoice with something still due. */
  oldestDueOn: string
  /** Days since then (0 or less: not yet due). */
  daysOverdue: number
  bucket: AgeingBucket
}

/** The ageing bucket of a debt by days past its oldest unpaid invoice's due date (not yet due counts as 0–30). */
export function bucketOf(daysOverdue: number): AgeingBucket {
  return daysOverdue <= 30 ? '0-30' : daysOverdue <= 60 ? '31-60' : '60+'
}

/**
 * The debtors of some branches (all when `branchIds` is null) on `today`: each client with
 * something due on a non-cancelled invoice of those branches, their debt there, and its age by
 * the oldest unpaid invoice's due date. Biggest debt first.
 */
export async function debtors(db: Queryable, branchIds: string[] | null, today: string): Promise<Debtor[]> {
  const branchCond = branchIds
    ? sql`and i.branch_id in (${sql.join(
        branchIds.map((b) => sql`${b}::uuid`),
        sql`, `,
      )})`
    : sql``
  const rows = await queryRows<{
    client_id: string
    first_name: string | null
    last_name: string | null
    phone: string | null
    payer_name: string | null
    payer_phone: string | null
    branch_id: string
    debt: string
    invoices: string
    oldest: string
  }>(
    db,
    sql`with paid as (
          select p.invoice_id, sum(p.amount) as amount from payments p
          group by 1
        ),
        open as (
          select i.id, i.client_id, i.branch_id, i.due_on, i.created_at, i.payer_name, i.payer_phone,
                 i.total - coalesce(paid.amount, 0) as due
          from invoices i left join paid on paid.invoice_id = i.id where i.cancelled_at is null ${branchCond}
        )
        select o.client_id, c.first_name, c.last_name, c.phone,
               (array_agg(o.payer_name order by o.created_at desc))[1] as payer_name,
               (array_agg(o.payer_phone order by o.created_at desc))[1] as payer_phone,
               (array_agg(o.branch_id::text order by o.created_at desc))[1] as branch_id,
               sum(o.due) as debt, count(*) as invoices, to_char(min(o.due_on), 'YYYY-MM-DD') as oldest
        from open o left join clients c on c.id = o.client_id
        where o.due > 0
        group by o.client_id, c.first_name, c.last_name, c.phone
        order by sum(o.due) desc, c.last_name, c.first_name`,
  )
  const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000
  return rows.map((r) => {
    const days = dayNo(today) - dayNo(r.oldest)
    return {
      clientId: r.client_id,
      name: `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim(),
      phone: r.phone,
      payerName: r.payer_name,
      payerPhone: r.payer_phone,
      branchId: r.branch_id,
      debt: Number(r.debt),
      invoices: Number(r.invoices),
      oldestDueOn: r.oldest,
      daysOverdue: days,
      bucket: bucketOf(days),
    }
  })
}
