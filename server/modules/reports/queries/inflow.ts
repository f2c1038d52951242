import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import type { Currency } from '../../../../domain/i18n/format'
import type { Minor } from '../../../../domain/money'
import { branchCond, monthsOf } from './period'

/** How many months after the first pass the cohort table follows its clients. */
export const COHORT_MONTHS = 12

/** New clients of a month by how they heard of the center ('' for not recorded). */
export interface NewClientsRow {
  month: string
  source: string
  clients: number
}

/** A month's cohort: the clients whose first pass started in it, and how many still hold a valid pass k months later. */
export interface CohortRow {
  month: string
  clients: number
  /** For k = 1 … 12: the clients already k months past their first pass (null: none yet), those holding a valid pass then, and the rate in basis points. */
  cells: Array<{ eligible: number; retained: number; rateBp: number } | null>
  /** Lifetime revenue of the cohort's clients: invoices (not cancelled) less refunds, gross, per client. */
  revenue: Minor
  averageRevenue: Minor
  medianRevenue: Minor
}

/** Lifetime revenue per client of those who started in the period, by how they heard of the center. */
export interface SourceRevenueRow {
  source: string
  clients: number
  revenue: Minor
  averageRevenue: Minor
  medianRevenue: Minor
}

/** Churn of a reason: clients who left the center (their status became "left") and members taken out of groups. */
export interface ChurnRow {
  reason: string
  clients: number
  groupLeavers: number
}

export interface InflowReport {
  from: string
  to: string
  today: string
  currency: Currency
  /** New clients (registered in the period) per month and source; every month of the period has its total in `months`. */
  newClients: NewClientsRow[]
  months: Array<{ month: string; clients: number; trials: number; converted: number }>
  /** New clients per source over the period, most first. */
  sources: Array<{ source: string; clients: number }>
  /** Clients who became a trial in the period, how many bought a pass since (on or after the trial's day), and in how many days. */
  trials: {
    started: number
    converted: number
    conversionBp: number | null
    averageDays: number | null
    medianDays: number | null
  }
  cohorts: CohortRow[]
  /** The retention curve: months 1 … 12 after the first pass, all cohorts together. */
  curve: Array<{ months: number; eligible: number; retained: number; rateBp: number | null }>
  churn: ChurnRow[]
  churnTotals: { clients: number; groupLeavers: number }
  bySource: SourceRevenueRow[]
}

export interface InflowOptions {
  branchIds: readonly string[] | null
  from: string
  to: string
  /** Only passes covering this activity (cohorts, conversion, lifetime revenue) and its groups' leavers. */
  activityId?: string
  currency: Currency
  /** Today in the center's time zone: months not yet reached stay empty. */
  today: string
  /** The center's time zone, for clients of no branch. */
  timeZone: string
}

const bp = (part: number, whole: number) => (whole ? Math.round((part * 10_000) / whole) : null)

/**
 * Inflow and retention for [from, to], in some branches (null: all), set-based (one query per
 * measure, no loop per client):
 * - new clients: registered in the period (their day in their branch's time zone), per month and
 *   by how they heard of the center (`clients.source`, '' when not recorded);
 * - trial to paid: the clients whose first "trial" status fell in the period; converted when they
 *   bought a pass (of the branches, and the activity if asked) on or after that day — the days to
 *   the first such purchase (its invoice's day, else the day it was sold);
 * - cohorts: the clients whose first pass (of the branches and activity) started in the period, by
 *   that month; cell k: of those already k months past their first pass's start, how many held a
 *   valid pass (started, not past its last valid day, not ended by a refund) on that day;
 * - churn: clients whose status became "left" in the period, and members taken out of the
 *   branches' groups (of the activity), by reason;
 * - lifetime revenue of the cohorts' clients (invoices of the branches not cancelled, less refunds,
 *   gross, up to today): total, average and median per client, per cohort and per source.
 */
export async function inflowReport(db: Queryable, opts: InflowOptions): Promise<InflowReport> {
  const { from, to, today } = opts
  const tz = sql`coalesce(b.timezone, ${opts.timeZone})`
  const covers: SQL = opts.activityId ? sql`and ${opts.activityId}::uuid = any(p.activity_ids)` : sql``

  const newRowsAsked = queryRows<{ month: string; source: string; n: string }>(
    db,
    sql`select to_char((c.created_at at time zone ${tz})::date, 'YYYY-MM') as month, coalesce(c.source, '') as source,
               count(*) as n
        from clients c left join branches b on b.id = c.branch_id
        where (c.created_at at time zone ${tz})::date between ${from}::date and ${to}::date
          ${branchCond(sql`c.branch_id`, opts.branchIds)}
        group by 1, 2 order by 1, 3 desc, 2`,
  )

  // the clients' passes of the report's branches (and activity), with the day each was bought
  const scopedPasses = sql`select p.client_id, p.id, p.starts_on, p.valid_until, p.price,
          coalesce(i.issued_on, (p.created_at at time zone b.timezone)::date) as bought_on,
          (p.ended_at at time zone b.timezone)::date as ended_on
        from passes p join branches b on b.id = p.branch_id left join invoices i on i.id = p.invoice_id
        where true ${branchCond(sql`p.branch_id`, opts.branchIds)} ${covers}`

  const trialRowsAsked = queryRows<{ month: string; client_id: string; days: number | null }>(
    db,
    sql`with sp as (${scopedPasses}),
        tr as (
          select h.client_id, (min(h.at) at time zone ${tz})::date as day
          from client_status_history h join clients c on c.id = h.client_id left join branches b on b.id = c.branch_id
          where h.to_status = 'trial' ${branchCond(sql`c.branch_id`, opts.branchIds)}
          group by h.client_id, b.timezone)
        select to_char(tr.day, 'YYYY-MM') as month, tr.client_id::text, min(sp.bought_on) - tr.day as days
        from tr left join sp on sp.client_id = tr.client_id and sp.bought_on >= tr.day
        where tr.day between ${from}::date and ${to}::date
        group by tr.client_id, tr.day`,
  )

  const cohortRowsAsked = queryRows<{ month: string; k: number; clients: string; eligible: string; retained: string }>(
    db,
    sql`with sp as (${scopedPasses}),
        f as (select client_id, min(starts_on) as first_day from sp group by 1),
        co as (select client_id, first_day, to_char(first_day, 'YYYY-MM') as month from f
               where first_day between ${from}::date and ${to}::date),
        k as (select generate_series(1, ${COHORT_MONTHS}::int) as k),
        kd as (select co.client_id, co.month, k.k, (co.first_day + make_interval(months => k.k))::date as day
               from co cross join k where (co.first_day + make_interval(months => k.k))::date <= ${today}::date),
        -- the cohort's clients holding a valid pass on each day after (a join on the client, not a
        -- look-up per row in the passes gathered above, which has no index)
        held as (select distinct kd.client_id, kd.k from kd
                 join sp q on q.client_id = kd.client_id and q.starts_on <= kd.day and q.valid_until >= kd.day
                  and (q.ended_on is null or q.ended_on > kd.day))
        select co.month, 0 as k, count(*) as clients, 0 as eligible, 0 as retained from co group by 1
        union all
        select kd.month, kd.k, 0, count(*), count(held.client_id)
        from kd left join held on held.client_id = kd.client_id and held.k = kd.k group by 1, 2
        order by 1, 2`,
  )

  const revenueRowsAsked = queryRows<{ kind: string; key: string; clients: string; revenue: string; median: string }>(
    db,
    sql`with sp as (${scopedPasses}),
        co as (select client_id, to_char(min(starts_on), 'YYYY-MM') as month from sp group by 1
               having min(starts_on) between ${from}::date and ${to}::date),
        inv as (select i.client_id, sum(i.total) as total from invoices i
                where i.cancelled_at is null and i.client_id in (select client_id from co)
                  ${branchCond(sql`i.branch_id`, opts.branchIds)} group by 1),
        ref as (select r.client_id, sum(r.amount) as total from refunds r
                where r.client_id in (select client_id from co) ${branchCond(sql`r.branch_id`, opts.branchIds)} group by 1),
        lt as (select co.client_id, co.month, coalesce(c.source, '') as source,
                      coalesce(inv.total, 0) - coalesce(ref.total, 0) as revenue
               from co join clients c on c.id = co.client_id
               left join inv on inv.client_id = co.client_id left join ref on ref.client_id = co.client_id)
        select 'cohort' as kind, month as key, count(*) as clients, sum(revenue) as revenue,
               percentile_cont(0.5) within group (order by revenue) as median
        from lt group by month
        union all
        select 'source', source, count(*), sum(revenue), percentile_cont(0.5) within group (order by revenue)
        from lt group by source`,
  )

  const churnRowsAsked = queryRows<{ kind: string; reason: string; n: string }>(
    db,
    sql`select 'clients' as kind, coalesce(h.reason, '') as reason, count(distinct h.client_id) as n
        from client_status_history h join clients c on c.id = h.client_id left join branches b on b.id = c.branch_id
        where h.to_status = 'left' and (h.at at time zone ${tz})::date between ${from}::date and ${to}::date
          ${branchCond(sql`c.branch_id`, opts.branchIds)}
        group by 2
        union all
        select 'groups', coalesce(gm.left_reason_code, ''), count(*)
        from group_members gm join groups g on g.id = gm.group_id join branches b on b.id = g.branch_id
        where gm.left_at is not null and (gm.left_at at time zone b.timezone)::date between ${from}::date and ${to}::date
          ${branchCond(sql`g.branch_id`, opts.branchIds)}
          ${opts.activityId ? sql`and g.activity_id = ${opts.activityId}::uuid` : sql``}
        group by 2`,
  )
  // the five are independent: asked at once, each on its own connection of the pool
  const [newRows, trialRows, cohortRows, revenueRows, churnRows] = await Promise.all([
    newRowsAsked,
    trialRowsAsked,
    cohortRowsAsked,
    revenueRowsAsked,
    churnRowsAsked,
  ])

  // new clients, trials and conversions per month of the period
  const months = monthsOf(from, to).map(({ month }) => ({ month, clients: 0, trials: 0, converted: 0 }))
  const monthOf = new Map(months.map((m) => [m.month, m]))
  const newClients = newRows.map((r) => ({ month: r.month, source: r.source, clients: Number(r.n) }))
  const sourceTotals = new Map<string, number>()
  for (const r of newClients) {
    const m = monthOf.get(r.month)
    if (m) m.clients += r.clients
    sourceTotals.set(r.source, (sourceTotals.get(r.source) ?? 0) + r.clients)
  }
  const sources = [...sourceTotals].map(([source, clients]) => ({ source, clients }))
  sources.sort((a, b) => b.clients - a.clients || a.source.localeCompare(b.source))

  const days: number[] = []
  for (const r of trialRows) {
    const m = monthOf.get(r.month)
    if (m) m.trials += 1
    if (r.days === null) continue
    days.push(Number(r.days))
    if (m) m.converted += 1
  }
  days.sort((a, b) => a - b)
  const median = (xs: number[]) =>
    xs.length ? (xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2) : null
  const trials = {
    started: trialRows.length,
    converted: days.length,
    conversionBp: bp(days.length, trialRows.length),
    averageDays: days.length ? Math.round((days.reduce((s, d) => s + d, 0) * 10) / days.length) / 10 : null,
    medianDays: median(days),
  }

  const revenueOf = new Map(revenueRows.map((r) => [`${r.kind}:${r.key}`, r]))
  const money = (r: (typeof revenueRows)[number] | undefined) => {
    const clients = Number(r?.clients ?? 0)
    const revenue = Number(r?.revenue ?? 0)
    return {
      revenue,
      averageRevenue: clients ? Math.round(revenue / clients) : 0,
      medianRevenue: Math.round(Number(r?.median ?? 0)),
    }
  }
  const cohortOf = new Map<string, CohortRow>()
  for (const r of cohortRows) {
    let c = cohortOf.get(r.month)
    if (!c) {
      c = { month: r.month, clients: 0, cells: Array(COHORT_MONTHS).fill(null), ...money(revenueOf.get(`cohort:${r.month}`)) }
      cohortOf.set(r.month, c)
    }
    const k = Number(r.k)
    if (k === 0) c.clients = Number(r.clients)
    else {
      const [eligible, retained] = [Number(r.eligible), Number(r.retained)]
      c.cells[k - 1] = { eligible, retained, rateBp: bp(retained, eligible) ?? 0 }
    }
  }
  const cohorts = [...cohortOf.values()].sort((a, b) => a.month.localeCompare(b.month))
  const curve = Array.from({ length: COHORT_MONTHS }, (_, i) => {
    const cells = cohorts.map((c) => c.cells[i]).filter((x) => x !== null)
    const eligible = cells.reduce((s, x) => s + x.eligible, 0)
    const retained = cells.reduce((s, x) => s + x.retained, 0)
    return { months: i + 1, eligible, retained, rateBp: bp(retained, eligible) }
  })

  const bySource = revenueRows
    .filter((r) => r.kind === 'source')
    .map((r) => ({ source: r.key, clients: Number(r.clients), ...money(r) }))
    .sort((a, b) => b.clients - a.clients || a.source.localeCompare(b.source))

  const churnOf = new Map<string, ChurnRow>()
  for (const r of churnRows) {
    const row = churnOf.get(r.reason) ?? { reason: r.reason, clients: 0, groupLeavers: 0 }
    if (r.kind === 'clients') row.clients += Number(r.n)
    else row.groupLeavers += Number(r.n)
    churnOf.set(r.reason, row)
  }
  const churn = [...churnOf.values()].sort(
    (a, b) => b.clients + b.groupLeavers - (a.clients + a.groupLeavers) || a.reason.localeCompare(b.reason),
  )
  const churnTotals = {
    clients: churn.reduce((s, r) => s + r.clients, 0),
    groupLeavers: churn.reduce((s, r) => s + r.groupLeavers, 0),
  }

  return {
    from,
    to,
    today,
    currency: opts.currency,
    newClients,
    months,
    sources,
    trials,
    cohorts,
    curve,
    churn,
    churnTotals,
    bySource,
  }
}
