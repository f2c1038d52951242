import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'

export interface TaxReportRow {
  rateBp: number
  mode: string
  /** Sales (invoice lines of invoices issued in the period, not cancelled). */
  sales: { net: number; tax: number; gross: number }
  /** Refunds made in the period (their stored tax share), at the rate of the invoice they refund. */
  refunds: { net: number; tax: number; gross: number }
  /** Sales less refunds. */
  net: number
  tax: number
  gross: number
}

/**
 * Net, tax and gross by tax rate (basis points and mode, as stored on each line) for invoices
 * issued between `from` and `to` (inclusive) in some branches (or all), less the refunds made in that
 * period (each at the rate of its invoice's first line; a pass invoice has one line).
 */
export async function taxReport(db: Queryable, from: string, to: string, branchIds: string[] | null): Promise<TaxReportRow[]> {
  const branch = (col: string) =>
    branchIds
      ? sql`and ${sql.raw(col)} in (${sql.join(
          branchIds.map((b) => sql`${b}::uuid`),
          sql`, `,
        )})`
      : sql``
  const sales = await queryRows<{ bp: number; mode: string; net: string; tax: string; gross: string }>(
    db,
    sql`select l.tax_rate_bp as bp, l.tax_mode as mode, sum(l.net) as net, sum(l.tax) as tax, sum(l.gross) as gross
        from invoice_lines l join invoices i on i.id = l.invoice_id
        where i.cancelled_at is null and i.issued_on between ${from}::date and ${to}::date ${branch('i.branch_id')}
        group by l.tax_rate_bp, l.tax_mode`,
  )
  const backs = await queryRows<{ bp: number; mode: string; tax: string; gross: string }>(
    db,
    sql`select coalesce(l.tax_rate_bp, 0) as bp, coalesce(l.tax_mode, 'exempt') as mode, sum(r.tax) as tax, sum(r.amount) as gross
        from refunds r
        left join lateral (select tax_rate_bp, tax_mode from invoice_lines where invoice_id = r.invoice_id order by id limit 1) l on true
        where r.day between ${from}::date and ${to}::date ${branch('r.branch_id')}
        group by 1, 2`,
  )
  const rows = new Map<string, TaxReportRow>()
  const row = (bp: number, mode: string) => {
    const key = `${mode}:${bp}`
    let r = rows.get(key)
    if (!r)
      rows.set(
        key,
        (r = {
          rateBp: Number(bp),
          mode,
          sales: { net: 0, tax: 0, gross: 0 },
          refunds: { net: 0, tax: 0, gross: 0 },
          net: 0,
          tax: 0,
          gross: 0,
        }),
      )
    return r
  }
  for (const s of sales) {
    const r = row(s.bp, s.mode)
    r.sales = { net: Number(s.net), tax: Number(s.tax), gross: Number(s.gross) }
  }
  for (const b of backs) {
    const r = row(b.bp, b.mode)
    r.refunds = { net: Number(b.gross) - Number(b.tax), tax: Number(b.tax), gross: Number(b.gross) }
  }
  for (const r of rows.values()) {
    r.net = r.sales.net - r.refunds.net
    r.tax = r.sales.tax - r.refunds.tax
    r.gross = r.sales.gross - r.refunds.gross
  }
  return [...rows.values()].sort((a, b) => a.mode.localeCompare(b.mode) || a.rateBp - b.rateBp)
}
