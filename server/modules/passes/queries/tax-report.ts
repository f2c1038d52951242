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
  return (await taxReportByMonth(db, from, to, branchIds, false)).get('') ?? []
}

/**
 * The same, for each calendar month (`YYYY-MM`) of the period that has any: two queries for the
 * whole period however many months it spans (the VAT report of a year). With `byMonth` false,
 * everything is under ''.
 */
export async function taxReportByMonth(
  db: Queryable,
  from: string,
  to: string,
  branchIds: string[] | null,
  byMonth = true,
): Promise<Map<string, TaxReportRow[]>> {
  const branch = (col: string) =>
    branchIds
      ? sql`and ${sql.raw(col)} in (${sql.join(
          branchIds.map((b) => sql`${b}::uuid`),
          sql`, `,
        )})`
      : sql``
  const month = (col: string) => (byMonth ? sql`to_char(${sql.raw(col)}, 'YYYY-MM')` : sql`''`)
  const sales = await queryRows<{ month: string; bp: number; mode: string; net: string; tax: string; gross: string }>(
    db,
    sql`select ${month('i.issued_on')} as month, l.tax_rate_bp as bp, l.tax_mode as mode,
               sum(l.net) as net, sum(l.tax) as tax, sum(l.gross) as gross
        from invoice_lines l join invoices i on i.id = l.invoice_id
        where i.cancelled_at is null and i.issued_on between ${from}::date and ${to}::date ${branch('i.branch_id')}
        group by 1, 2, 3`,
  )
  const backs = await queryRows<{ month: string; bp: number; mode: string; tax: string; gross: string }>(
    db,
    sql`select ${month('r.day')} as month, coalesce(l.tax_rate_bp, 0) as bp, coalesce(l.tax_mode, 'exempt') as mode,
               sum(r.tax) as tax, sum(r.amount) as gross
        from refunds r
        left join lateral (select tax_rate_bp, tax_mode from invoice_lines where invoice_id = r.invoice_id order by id limit 1) l on true
        where r.day between ${from}::date and ${to}::date ${branch('r.branch_id')}
        group by 1, 2, 3`,
  )
  const rows = new Map<string, Map<string, TaxReportRow>>()
  const row = (m: string, bp: number, mode: string) => {
    const key = `${mode}:${bp}`
    let ofMonth = rows.get(m)
    if (!ofMonth) rows.set(m, (ofMonth = new Map()))
    let r = ofMonth.get(key)
    if (!r)
      ofMonth.set(
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
    const r = row(s.month, s.bp, s.mode)
    r.sales = { net: Number(s.net), tax: Number(s.tax), gross: Number(s.gross) }
  }
  for (const b of backs) {
    const r = row(b.month, b.bp, b.mode)
    r.refunds = { net: Number(b.gross) - Number(b.tax), tax: Number(b.tax), gross: Number(b.gross) }
  }
  const out = new Map<string, TaxReportRow[]>()
  for (const [m, ofMonth] of rows) {
    for (const r of ofMonth.values()) {
      r.net = r.sales.net - r.refunds.net
      r.tax = r.sales.tax - r.refunds.tax
      r.gross = r.sales.gross - r.refunds.gross
    }
    out.set(
      m,
      [...ofMonth.values()].sort((a, b) => a.mode.localeCompare(b.mode) || a.rateBp - b.rateBp),
    )
  }
  return out
}
