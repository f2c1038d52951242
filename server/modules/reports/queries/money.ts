import { sql } from 'drizzle-orm'
import { queryRows, type Db, type Queryable } from '../../../../db/client'
import type { Currency } from '../../../../domain/i18n/format'
import type { Minor } from '../../../../domain/money'
import { debtors, taxReportByMonth } from '../../passes/index'
import { lessonCostReport } from '../../staff/index'
import { branchCond, monthsOf, reportBranches } from './period'

/** Where revenue came from: sessions written off at their value (per activity), or goods sold at the point of sale. */
export type RevenueSource = 'sessions' | 'sales'

export interface RevenueRow {
  month: string
  branchId: string
  branch: string
  source: RevenueSource
  /** The activity of the sessions (null for sales). */
  activityId: string | null
  activity: string
  gross: Minor
  vat: Minor
  net: Minor
}

export interface RevenueReport {
  from: string
  to: string
  currency: Currency
  rows: RevenueRow[]
  /** Per month (every month of the period, in order): sessions and sales, gross. */
  months: Array<{ month: string; sessions: Minor; sales: Minor; gross: Minor }>
  totals: { sessions: Minor; sales: Minor; gross: Minor; vat: Minor; net: Minor }
}

/**
 * Revenue by month, branch and activity for [from, to]: the sessions written off at their value
 * (the staff area's lesson cost report, grouped by activity, for each branch and month: its
 * revenue and the VAT in it), and the goods sold at the point of sale less their returns (by the
 * cash-desk day). With `activityId`, that activity's sessions only (sales have no activity).
 */
export async function revenueReport(
  db: Db,
  opts: { branchIds: readonly string[] | null; from: string; to: string; activityId?: string; currency: Currency },
): Promise<RevenueReport> {
  const branches = await reportBranches(db, opts.branchIds)
  const months = monthsOf(opts.from, opts.to)
  const rows: RevenueRow[] = []
  for (const b of branches)
    for (const m of months) {
      const r = await lessonCostReport(db, {
        branchIds: [b.id],
        from: m.from,
        to: m.to,
        groupBy: 'activity',
        currency: opts.currency,
      })
      for (const a of r.rows) {
        if (opts.activityId && a.key !== opts.activityId) continue
        if (!a.revenueGross && !a.vat) continue
        rows.push({
          month: m.month,
          branchId: b.id,
          branch: b.name,
          source: 'sessions',
          activityId: a.key,
          activity: a.name,
          gross: a.revenueGross,
          vat: a.vat,
          net: a.revenueNet,
        })
      }
    }
  if (!opts.activityId && branches.length) {
    const ids = branches.map((b) => b.id)
    const sales = await queryRows<{ month: string; branch_id: string; gross: string; vat: string }>(
      db,
      sql`with s as (
            select to_char(day, 'YYYY-MM') as month, branch_id, total as gross, tax as vat from sales
            where day between ${opts.from}::date and ${opts.to}::date ${branchCond(sql`branch_id`, ids)}
            union all
            select to_char(day, 'YYYY-MM'), branch_id, -amount, -tax from sale_returns
            where day between ${opts.from}::date and ${opts.to}::date ${branchCond(sql`branch_id`, ids)})
          select month, branch_id::text, sum(gross) as gross, sum(vat) as vat from s group by 1, 2`,
    )
    for (const s of sales) {
      const b = branches.find((x) => x.id === s.branch_id)
      if (!b || (!Number(s.gross) && !Number(s.vat))) continue
      rows.push({
        month: s.month,
        branchId: b.id,
        branch: b.name,
        source: 'sales',
        activityId: null,
        activity: '',
        gross: Number(s.gross),
        vat: Number(s.vat),
        net: Number(s.gross) - Number(s.vat),
      })
    }
  }
  rows.sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      a.branch.localeCompare(b.branch) ||
      a.source.localeCompare(b.source) ||
      a.activity.localeCompare(b.activity),
  )
  const sum = (pick: (r: RevenueRow) => number, rs: readonly RevenueRow[] = rows) => rs.reduce((n, r) => n + pick(r), 0)
  return {
    from: opts.from,
    to: opts.to,
    currency: opts.currency,
    rows,
    months: months.map(({ month }) => {
      const of = rows.filter((r) => r.month === month)
      const sessions = sum((r) => (r.source === 'sessions' ? r.gross : 0), of)
      const salesGross = sum((r) => (r.source === 'sales' ? r.gross : 0), of)
      return { month, sessions, sales: salesGross, gross: sessions + salesGross }
    }),
    totals: {
      sessions: sum((r) => (r.source === 'sessions' ? r.gross : 0)),
      sales: sum((r) => (r.source === 'sales' ? r.gross : 0)),
      gross: sum((r) => r.gross),
      vat: sum((r) => r.vat),
      net: sum((r) => r.net),
    },
  }
}

/** The ageing buckets of a debt, by days past the due date of the client's oldest unpaid invoice. */
export const AGEING = ['0-30', '31-60', '61-90', '90+'] as const
export type Ageing = (typeof AGEING)[number]

/** The bucket of a debt `days` past due (not yet due counts as 0–30). */
export function ageingOf(days: number): Ageing {
  return days <= 30 ? '0-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '90+'
}

export interface DebtRow {
  clientId: string
  name: string
  phone: string | null
  branchId: string
  branch: string
  debt: Minor
  invoices: number
  oldestDueOn: string
  daysOverdue: number
  bucket: Ageing
}

export interface DebtsReport {
  today: string
  currency: Currency
  rows: DebtRow[]
  buckets: Array<{ bucket: Ageing; clients: number; debt: Minor }>
  total: Minor
}

/**
 * Debts and their ageing on `today`: the passes area's debtors (what is still due on each
 * client's invoices of those branches, aged by the oldest unpaid invoice's due date), in four
 * buckets: 0–30, 31–60, 61–90 and over 90 days. Biggest debt first.
 */
export async function debtsReport(
  db: Queryable,
  opts: { branchIds: readonly string[] | null; today: string; currency: Currency },
): Promise<DebtsReport> {
  const [list, branches] = await Promise.all([
    debtors(db, opts.branchIds ? [...opts.branchIds] : null, opts.today),
    reportBranches(db, opts.branchIds),
  ])
  const rows: DebtRow[] = list.map((d) => ({
    clientId: d.clientId,
    name: d.name,
    phone: d.phone,
    branchId: d.branchId,
    branch: branches.find((b) => b.id === d.branchId)?.name ?? '',
    debt: d.debt,
    invoices: d.invoices,
    oldestDueOn: d.oldestDueOn,
    daysOverdue: d.daysOverdue,
    bucket: ageingOf(d.daysOverdue),
  }))
  return {
    today: opts.today,
    currency: opts.currency,
    rows,
    buckets: AGEING.map((bucket) => {
      const of = rows.filter((r) => r.bucket === bucket)
      return { bucket, clients: of.length, debt: of.reduce((n, r) => n + r.debt, 0) }
    }),
    total: rows.reduce((n, r) => n + r.debt, 0),
  }
}

/** Where VAT was collected: on invoices (passes and their refunds) or at the point of sale (less returns). */
export type VatSource = 'invoices' | 'sales'

export interface VatRow {
  month: string
  source: VatSource
  rateBp: number
  mode: string
  /** Sold in the month (gross, VAT in it). */
  salesGross: Minor
  salesVat: Minor
  /** Given back in the month (gross, VAT in it). */
  refundsGross: Minor
  refundsVat: Minor
  /** Sold less given back. */
  net: Minor
  vat: Minor
  gross: Minor
}

export interface VatReport {
  from: string
  to: string
  currency: Currency
  rows: VatRow[]
  months: Array<{ month: string; vat: Minor }>
  totals: { gross: Minor; vat: Minor; net: Minor }
}

/**
 * VAT collected per month of [from, to], by rate: the passes area's tax report for each month
 * (invoices issued less refunds made), and the point of sale's lines less the returns' shares.
 */
export async function vatReport(
  db: Queryable,
  opts: { branchIds: readonly string[] | null; from: string; to: string; currency: Currency },
): Promise<VatReport> {
  const months = monthsOf(opts.from, opts.to)
  const rows: VatRow[] = []
  const ids = opts.branchIds ? [...opts.branchIds] : null
  const byMonth = await taxReportByMonth(db, opts.from, opts.to, ids)
  for (const m of months)
    for (const r of byMonth.get(m.month) ?? [])
      rows.push({
        month: m.month,
        source: 'invoices',
        rateBp: r.rateBp,
        mode: r.mode,
        salesGross: r.sales.gross,
        salesVat: r.sales.tax,
        refundsGross: r.refunds.gross,
        refundsVat: r.refunds.tax,
        net: r.net,
        vat: r.tax,
        gross: r.gross,
      })
  const pos = await queryRows<{ month: string; bp: number; mode: string; sg: string; st: string; rg: string; rt: string }>(
    db,
    sql`with x as (
          select to_char(s.day, 'YYYY-MM') as month, l.tax_rate_bp as bp, l.tax_mode as mode, l.gross as sg, l.tax as st, 0 as rg, 0 as rt
          from sale_lines l join sales s on s.id = l.sale_id
          where s.day between ${opts.from}::date and ${opts.to}::date ${branchCond(sql`s.branch_id`, ids)}
          union all
          select to_char(r.day, 'YYYY-MM'), l.tax_rate_bp, l.tax_mode, 0, 0, rl.gross, rl.tax
          from sale_return_lines rl join sale_returns r on r.id = rl.return_id join sale_lines l on l.id = rl.sale_line_id
          where r.day between ${opts.from}::date and ${opts.to}::date ${branchCond(sql`r.branch_id`, ids)})
        select month, bp, mode, sum(sg) as sg, sum(st) as st, sum(rg) as rg, sum(rt) as rt from x group by 1, 2, 3`,
  )
  for (const p of pos) {
    const [sg, st, rg, rt] = [Number(p.sg), Number(p.st), Number(p.rg), Number(p.rt)]
    rows.push({
      month: p.month,
      source: 'sales',
      rateBp: Number(p.bp),
      mode: p.mode,
      salesGross: sg,
      salesVat: st,
      refundsGross: rg,
      refundsVat: rt,
      gross: sg - rg,
      vat: st - rt,
      net: sg - rg - (st - rt),
    })
  }
  rows.sort((a, b) => a.month.localeCompare(b.month) || a.source.localeCompare(b.source) || a.rateBp - b.rateBp)
  return {
    from: opts.from,
    to: opts.to,
    currency: opts.currency,
    rows,
    months: months.map(({ month }) => ({ month, vat: rows.filter((r) => r.month === month).reduce((n, r) => n + r.vat, 0) })),
    totals: {
      gross: rows.reduce((n, r) => n + r.gross, 0),
      vat: rows.reduce((n, r) => n + r.vat, 0),
      net: rows.reduce((n, r) => n + r.net, 0),
    },
  }
}
