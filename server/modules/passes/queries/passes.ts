import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import { passFlag, passSettings, todayIn, type PassSettingsRow } from '../pass-alerts'

/** A pass as every screen shows it (client file, check-in, pass list, roster). */
export interface PassView {
  id: string
  clientId: string
  branchId: string
  planId: string
  planName: string
  activityIds: string[]
  sessionsTotal: number | null
  sessionsUsed: number
  /** null = unlimited. */
  sessionsLeft: number | null
  startsOn: string
  validUntil: string
  soldValidUntil: string
  burnsUnexcused: boolean
  freezeMaxDays: number
  freezeMaxTimes: number
  /** The pass's own freezes' days used so far (mass freezes not counted), and how many. */
  freezeDaysUsed: number
  freezesUsed: number
  /** Frozen today (until this day, exclusive), else null. */
  frozenUntil: string | null
  invoiceId: string | null
  status: PassStatus
  /** The pass's open flag (its colour while it is open: amber for running out, red for the others), else null. */
  alert: 'pass_running_out' | 'pass_used_up' | 'pass_expired' | null
  colour: 'red' | 'amber' | null
  endedAt: string | null
  createdAt: string
}

export type PassStatus = 'active' | 'running_out' | 'used_up' | 'expired' | 'frozen' | 'ended'

interface Row {
  id: string
  client_id: string
  branch_id: string
  plan_id: string
  plan_name: string
  activity_ids: string[]
  sessions_total: number | null
  sessions_used: number
  starts_on: string
  valid_until: string
  sold_valid_until: string
  burns_unexcused: boolean
  freeze_max_days: number
  freeze_max_times: number
  freeze_days_used: number | string
  freezes_used: number | string
  frozen_until: string | null
  invoice_id: string | null
  ended_at: string | Date | null
  created_at: string | Date
  tz: string | null
  alert: string | null
}

const SELECT = sql`select p.id, p.client_id, p.branch_id, p.plan_id, pl.name as plan_name, p.activity_ids, p.sessions_total,
    p.sessions_used, to_char(p.starts_on, 'YYYY-MM-DD') as starts_on, to_char(p.valid_until, 'YYYY-MM-DD') as valid_until,
    to_char(p.sold_valid_until, 'YYYY-MM-DD') as sold_valid_until, p.burns_unexcused, p.freeze_max_days, p.freeze_max_times,
    coalesce((select sum(case when f.resumed_on is null then f.days else least(f.days, greatest(0, f.resumed_on - f.from_on)) end)
      from pass_freezes f where f.pass_id = p.id and f.undone_at is null and f.batch_id is null), 0) as freeze_days_used,
    (select count(*) from pass_freezes f where f.pass_id = p.id and f.undone_at is null and f.batch_id is null) as freezes_used,
    (select to_char(max(coalesce(f.resumed_on, f.from_on + f.days)), 'YYYY-MM-DD') from pass_freezes f
      where f.pass_id = p.id and f.undone_at is null and f.from_on <= (now() at time zone coalesce(b.timezone, 'UTC'))::date
        and (now() at time zone coalesce(b.timezone, 'UTC'))::date < coalesce(f.resumed_on, f.from_on + f.days)) as frozen_until,
    p.invoice_id, p.ended_at, p.created_at, b.timezone as tz,
    (select a.kind from alerts a where a.subject = 'pass:' || p.id and a.cleared_at is null
      and a.kind in ('pass_used_up', 'pass_expired', 'pass_running_out')
      order by case a.kind when 'pass_used_up' then 0 when 'pass_expired' then 1 else 2 end limit 1) as alert
  from passes p join pass_plans pl on pl.id = p.plan_id left join branches b on b.id = p.branch_id`

/** The status a pass is in today (its branch's day): ended, frozen, used up, expired, running out or active. */
export function passStatus(r: Row, settings: PassSettingsRow, today: string): PassStatus {
  if (r.ended_at) return 'ended'
  if (r.frozen_until) return 'frozen'
  const flag = passFlag(
    {
      sessionsTotal: r.sessions_total,
      sessionsUsed: r.sessions_used,
      validUntil: r.valid_until,
      ended: false,
      renewed: false,
      clientLeft: false,
    },
    settings,
    today,
  )
  return flag === 'pass_used_up'
    ? 'used_up'
    : flag === 'pass_expired'
      ? 'expired'
      : flag === 'pass_running_out'
        ? 'running_out'
        : 'active'
}

function present(r: Row, settings: PassSettingsRow, now: Date): PassView {
  const alert = (r.alert as PassView['alert']) ?? null
  return {
    id: r.id,
    clientId: r.client_id,
    branchId: r.branch_id,
    planId: r.plan_id,
    planName: r.plan_name,
    activityIds: r.activity_ids,
    sessionsTotal: r.sessions_total,
    sessionsUsed: r.sessions_used,
    sessionsLeft: r.sessions_total === null ? null : r.sessions_total - r.sessions_used,
    startsOn: r.starts_on,
    validUntil: r.valid_until,
    soldValidUntil: r.sold_valid_until,
    burnsUnexcused: r.burns_unexcused,
    freezeMaxDays: r.freeze_max_days,
    freezeMaxTimes: r.freeze_max_times,
    freezeDaysUsed: Number(r.freeze_days_used),
    freezesUsed: Number(r.freezes_used),
    frozenUntil: r.frozen_until,
    invoiceId: r.invoice_id,
    status: passStatus(r, settings, todayIn(r.tz, now)),
    alert,
    colour: alert === 'pass_running_out' ? 'amber' : alert ? 'red' : null,
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  }
}

/** A client's passes, the newest first (ended ones too). */
export async function clientPasses(db: Queryable, clientId: string): Promise<PassView[]> {
  const rows = await queryRows<Row>(
    db,
    sql`${SELECT} where p.client_id = ${clientId}::uuid order by p.valid_until desc, p.created_at desc`,
  )
  const settings = await passSettings(db)
  const now = new Date()
  return rows.map((r) => present(r, settings, now))
}

/** Passes by id, as shown (in the order asked; unknown ids left out). */
export async function passViews(db: Queryable, ids: string[]): Promise<PassView[]> {
  if (!ids.length) return []
  const rows = await queryRows<Row>(
    db,
    sql`${SELECT} where p.id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  )
  const settings = await passSettings(db)
  const now = new Date()
  const byId = new Map(rows.map((r) => [r.id, present(r, settings, now)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** A pass's branch and client (for the policy), or null. */
export async function passOwner(db: Queryable, id: string): Promise<{ id: string; branchId: string; clientId: string } | null> {
  const [row] = await queryRows<{ id: string; branch_id: string; client_id: string }>(
    db,
    sql`select id, branch_id, client_id from passes where id = ${id}::uuid`,
  )
  return row ? { id: row.id, branchId: row.branch_id, clientId: row.client_id } : null
}
