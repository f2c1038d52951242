import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import type { WallFlag, WallLesson, WallPass, WallRoom, WallTotals } from '../../../domain/wall'

/**
 * The wall's read-only queries on the passes and timetable tables (db/schema/passes.ts,
 * db/schema/timetable.ts). Every figure is of one branch and of its local day (the branch's time
 * zone). Nothing here writes, apart from a wall token's last use.
 */

/** The red flags the wall shows: the passes area's alert kinds (server/modules/passes/alert-kinds.ts), stock running low (server/modules/stock/alert-kinds.ts), loans not returned (server/modules/loans/alert-kinds.ts) and checklists overdue or failed (server/modules/checklists/alert-kinds.ts). */
export const WALL_FLAG_KINDS = [
  'pass_used_up',
  'pass_expired',
  'visit_owed',
  'invoice_overdue',
  'debt',
  'pass_running_out',
  'stock_low',
  'loan_overdue',
  'checklist_failed',
  'checklist_overdue',
] as const

/** Attendance statuses that mean the child is in the room. */
const PRESENT = sql`('present', 'late', 'walk_in')`

const list = (values: readonly string[]): SQL =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))

/** A branch as the wall needs it, with its local day now and a week ago (ISO dates). */
export interface WallBranch {
  id: string
  name: string
  timeZone: string
  today: string
  lastWeek: string
}

/** The branch, or null; its local date now, and the same weekday a week before. */
export async function wallBranch(db: Queryable, branchId: string): Promise<WallBranch | null> {
  const [row] = await queryRows<{ id: string; name: string; timezone: string; today: string; last_week: string }>(
    db,
    sql`select id, name, timezone, to_char((now() at time zone timezone)::date, 'YYYY-MM-DD') as today,
          to_char((now() at time zone timezone)::date - 7, 'YYYY-MM-DD') as last_week
        from branches where id = ${branchId}::uuid`,
  )
  return row ? { id: row.id, name: row.name, timeZone: row.timezone, today: row.today, lastWeek: row.last_week } : null
}

/** The branches of these ids (every branch for null), by name: what a wall may switch between. */
export async function wallBranchList(db: Queryable, ids: readonly string[] | null): Promise<Array<{ id: string; name: string }>> {
  if (ids && !ids.length) return []
  return queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from branches ${
      ids
        ? sql`where id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql``
    } order by name, id`,
  )
}

export type WallLessonRow = WallLesson

export type WallRoomRow = WallRoom

/** The branch's rooms with today's lessons that have not ended (not cancelled), with attendance so far. */
export async function wallRooms(db: Queryable, branch: WallBranch): Promise<WallRoomRow[]> {
  const rooms = await queryRows<{ id: string; name: string; capacity: number }>(
    db,
    sql`select id, name, capacity from rooms where branch_id = ${branch.id}::uuid and archived_at is null order by name, id`,
  )
  const lessons = await queryRows<{
    id: string
    room_id: string
    starts_at: Date | string
    ends_at: Date | string
    status: string
    group_name: string | null
    activity_name: string | null
    color: string | null
    present: string | number
    expected: string | number
  }>(
    db,
    sql`with l as (
          select l.id, l.room_id, l.starts_at, l.ends_at, l.status, l.group_id, g.name as group_name, a.name as activity_name, a.color
          from lessons l
          left join groups g on g.id = l.group_id
          left join activities a on a.id = l.activity_id
          where l.branch_id = ${branch.id}::uuid and not l.deleted and l.status <> 'cancelled' and l.room_id is not null
            and l.ends_at > now()
            and l.starts_at < ((${branch.today}::date + 1)::timestamp at time zone ${branch.timeZone})
        ),
        came as (
          select lesson_id, client_id from attendance where lesson_id in (select id from l) and status in ${PRESENT}
          union
          select lesson_id, client_id from pass_visits
            where lesson_id in (select id from l) and source in ('check_in', 'make_up', 'lesson')
            group by lesson_id, client_id having sum(sign) > 0
        )
        select l.id, l.room_id, l.starts_at, l.ends_at, l.status, l.group_name, l.activity_name, l.color,
          (select count(*) from came where came.lesson_id = l.id) as present,
          (select count(*) from group_members m where m.group_id = l.group_id and m.left_at is null) as expected
        from l order by l.starts_at, l.id`,
  )
  const byRoom = new Map<string, WallLessonRow[]>()
  for (const r of lessons) {
    const row: WallLessonRow = {
      id: r.id,
      roomId: r.room_id,
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
      status: r.status,
      groupName: r.group_name,
      activityName: r.activity_name,
      color: r.color,
      present: num(r.present),
      expected: num(r.expected),
    }
    byRoom.set(r.room_id, [...(byRoom.get(r.room_id) ?? []), row])
  }
  return rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, lessons: byRoom.get(r.id) ?? [] }))
}

export type WallToday = WallTotals

/**
 * A day's visits that stand (not reversed), of one branch. A visit of a day is never written
 * before that day (a check-in is the day's, a lesson is written off when marked done, an owed
 * visit settled later is written later): the bound on `at` (a day's slack for the time zone) lets
 * the (branch_id, at) index find them in a ledger of millions.
 */
const standingVisits = (branchId: string, day: string) =>
  sql`select v.at from pass_visits v
      where v.branch_id = ${branchId}::uuid and v.at >= ${day}::date - 1 and v.on = ${day}::date
        and v.sign = 1 and v.source <> 'absence'
        and not exists (select 1 from pass_visits r where r.reversal_of = v.id)`

/** Today's visits and takings against the same weekday a week before (up to the same time). */
export async function wallToday(db: Queryable, branch: WallBranch): Promise<WallToday> {
  const [totals] = await queryRows<Record<string, string | number | null>>(
    db,
    sql`select
        (select count(*) from (${standingVisits(branch.id, branch.today)}) t) as check_ins,
        (select count(*) from (${standingVisits(branch.id, branch.lastWeek)}) t where t.at <= now() - interval '7 days') as check_ins_last_week,
        (select coalesce(sum(amount), 0) from payments where branch_id = ${branch.id}::uuid and day = ${branch.today}::date and method <> 'credit')
          - (select coalesce(sum(amount), 0) from refunds where branch_id = ${branch.id}::uuid and day = ${branch.today}::date) as revenue,
        (select coalesce(sum(amount), 0) from payments where branch_id = ${branch.id}::uuid and day = ${branch.lastWeek}::date
            and method <> 'credit' and at <= now() - interval '7 days')
          - (select coalesce(sum(amount), 0) from refunds where branch_id = ${branch.id}::uuid and day = ${branch.lastWeek}::date
            and at <= now() - interval '7 days') as revenue_last_week`,
  )
  const hours = await queryRows<{ which: string; h: number; n: string | number }>(
    db,
    sql`select 'today' as which, extract(hour from t.at at time zone ${branch.timeZone})::int as h, count(*) as n
          from (${standingVisits(branch.id, branch.today)}) t group by 2
        union all
        select 'last', extract(hour from t.at at time zone ${branch.timeZone})::int, count(*)
          from (${standingVisits(branch.id, branch.lastWeek)}) t group by 2`,
  )
  const perHour = Array.from({ length: 24 }, () => 0)
  const perHourLastWeek = Array.from({ length: 24 }, () => 0)
  for (const r of hours) (r.which === 'today' ? perHour : perHourLastWeek)[num(r.h)] = num(r.n)
  return {
    checkIns: num(totals?.check_ins),
    checkInsLastWeek: num(totals?.check_ins_last_week),
    revenue: num(totals?.revenue),
    revenueLastWeek: num(totals?.revenue_last_week),
    perHour,
    perHourLastWeek,
  }
}

export type WallFlagRow = WallFlag

/** The client an alert is about (its subject: `client:<id>`, `pass:<id>`, `invoice:<id>`). */
const SUBJECT_ID = (prefix: string) =>
  sql.raw(`case when a.subject ~ '^${prefix}:[0-9a-fA-F-]{36}$' then substr(a.subject, ${prefix.length + 2})::uuid end`)

/** A client's groups in the branch, by name. */
const groupsOf = (clientId: SQL, branchId: string) =>
  sql`(select string_agg(g.name, ', ' order by g.name) from group_members gm join groups g on g.id = gm.group_id
        where gm.client_id = ${clientId} and gm.left_at is null and g.deleted_at is null and g.branch_id = ${branchId}::uuid)`

/**
 * The branch's open red flags, newest first (at most `limit`), with the client's name and groups,
 * and how many are open of each kind. A flag of no branch (a client's debt) counts for the
 * branches where the client has a group or a pass.
 */
export async function wallFlags(
  db: Queryable,
  branch: WallBranch,
  limit = 60,
): Promise<{ items: WallFlagRow[]; counts: Record<string, number> }> {
  const rows = await queryRows<{
    id: string | number
    kind: string
    severity: string
    subject: string
    raised_at: Date | string
    message_id: string
    params: unknown
    client_id: string | null
    first_name: string | null
    last_name: string | null
    group_name: string | null
    total: string | number
  }>(
    db,
    sql`with f as (
          select a.*, coalesce(p.client_id, i.client_id, l.client_id, ${SUBJECT_ID('client')}) as cid
          from alerts a
          left join passes p on p.id = ${SUBJECT_ID('pass')}
          left join invoices i on i.id = ${SUBJECT_ID('invoice')}
          left join loans l on l.id = ${SUBJECT_ID('loan')}
          where a.cleared_at is null and a.kind in (${list(WALL_FLAG_KINDS)})
        ),
        mine as (
          select f.* from f where f.branch_id = ${branch.id}::uuid
            or (f.branch_id is null and f.cid is not null and (
              exists (select 1 from passes p2 where p2.client_id = f.cid and p2.branch_id = ${branch.id}::uuid)
              or exists (select 1 from group_members gm join groups g on g.id = gm.group_id
                where gm.client_id = f.cid and gm.left_at is null and g.branch_id = ${branch.id}::uuid)))
        )
        select m.id, m.kind, m.severity, m.subject, m.raised_at, m.message_id, m.params, c.id as client_id,
          c.first_name, c.last_name, ${groupsOf(sql`m.cid`, branch.id)} as group_name,
          count(*) over (partition by m.kind) as total
        from mine m left join clients c on c.id = m.cid
        order by m.raised_at desc, m.id desc
        limit ${limit}`,
  )
  const counts: Record<string, number> = {}
  for (const r of rows) counts[r.kind] = num(r.total)
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      kind: r.kind,
      severity: r.severity,
      subject: r.subject,
      raisedAt: new Date(r.raised_at).toISOString(),
      messageId: r.message_id,
      params: typeof r.params === 'string' ? (JSON.parse(r.params) as unknown) : r.params,
      clientId: r.client_id,
      clientName: r.client_id ? `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim() || null : null,
      groupName: r.group_name,
    })),
    counts,
  }
}

export type WallPassRow = WallPass

/**
 * The branch's passes running out this week: in use today, and with at most the setting's sessions
 * left (`pass_settings.running_out_sessions`, none left included) or ending within its days
 * (`running_out_days`); soonest first.
 */
export async function wallRunningOut(db: Queryable, branch: WallBranch, limit = 60): Promise<WallPassRow[]> {
  const rows = await queryRows<{
    id: string
    client_id: string
    first_name: string
    last_name: string
    group_name: string | null
    plan_name: string | null
    left: number | null
    valid_until: string
    expiring: boolean
    flagged: boolean
  }>(
    db,
    sql`with s as (
          select coalesce(max(running_out_sessions), 2) as sessions, coalesce(max(running_out_days), 7) as days from pass_settings
        )
        select p.id, p.client_id, c.first_name, c.last_name, pl.name as plan_name,
          case when p.sessions_total is null then null else p.sessions_total - p.sessions_used end as left,
          to_char(p.valid_until, 'YYYY-MM-DD') as valid_until,
          p.valid_until < ${branch.today}::date + s.days as expiring,
          ${groupsOf(sql`p.client_id`, branch.id)} as group_name,
          exists (select 1 from alerts a where a.cleared_at is null and a.subject = 'pass:' || p.id::text) as flagged
        from passes p cross join s
        join clients c on c.id = p.client_id
        left join pass_plans pl on pl.id = p.plan_id
        where p.branch_id = ${branch.id}::uuid and p.ended_at is null
          and p.starts_on <= ${branch.today}::date and p.valid_until >= ${branch.today}::date
          and ((p.sessions_total is not null and p.sessions_total - p.sessions_used <= s.sessions)
            or p.valid_until < ${branch.today}::date + s.days)
        order by (case when p.sessions_total is null then 1 else p.sessions_total - p.sessions_used end), p.valid_until, p.id
        limit ${limit}`,
  )
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    clientName: `${r.first_name} ${r.last_name}`.trim(),
    groupName: r.group_name,
    planName: r.plan_name,
    sessionsLeft: r.left === null ? null : num(r.left),
    validUntil: r.valid_until,
    status: r.left !== null && num(r.left) <= 0 ? 'used_up' : r.expiring ? 'expiring' : 'running_out',
    flagged: r.flagged,
  }))
}

// ── wall tokens ──

export interface WallTokenRow {
  id: string
  name: string
  branchId: string | null
  createdAt: Date
  createdBy: string
  revokedAt: Date | null
  lastSeenAt: Date | null
}

const TOKEN_COLUMNS = sql`id, name, branch_id as "branchId", created_at as "createdAt", created_by as "createdBy",
  revoked_at as "revokedAt", last_seen_at as "lastSeenAt"`

const tokenRow = (r: WallTokenRow): WallTokenRow => ({
  ...r,
  createdAt: new Date(r.createdAt),
  revokedAt: r.revokedAt ? new Date(r.revokedAt) : null,
  lastSeenAt: r.lastSeenAt ? new Date(r.lastSeenAt) : null,
})

/** The live (not revoked) token with this hash, or null. */
export async function wallTokenByHash(db: Queryable, hash: string): Promise<WallTokenRow | null> {
  const [row] = await queryRows<WallTokenRow>(
    db,
    sql`select ${TOKEN_COLUMNS} from wall_tokens where token_hash = ${hash} and revoked_at is null`,
  )
  return row ? tokenRow(row) : null
}

/** One token (revoked or not), or null. */
export async function wallTokenById(db: Queryable, id: string): Promise<WallTokenRow | null> {
  const [row] = await queryRows<WallTokenRow>(db, sql`select ${TOKEN_COLUMNS} from wall_tokens where id = ${id}::uuid`)
  return row ? tokenRow(row) : null
}

/** The tokens of these branches (null: all, whole-center ones included), newest first. */
export async function listWallTokens(db: Queryable, branchIds: readonly string[] | null): Promise<WallTokenRow[]> {
  const rows = await queryRows<WallTokenRow>(
    db,
    sql`select ${TOKEN_COLUMNS} from wall_tokens
        ${
          branchIds
            ? branchIds.length
              ? sql`where branch_id in (${sql.join(
                  branchIds.map((b) => sql`${b}::uuid`),
                  sql`, `,
                )})`
              : sql`where false`
            : sql``
        }
        order by created_at desc, id`,
  )
  return rows.map(tokenRow)
}

/** Of these token ids, those still live (not revoked, not deleted). */
export async function liveWallTokenIds(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from wall_tokens where revoked_at is null and id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  )
  return new Set(rows.map((r) => r.id))
}

/** Notes that a token was used (at most once a minute: a screen reconnecting is not news). */
export async function touchWallToken(db: Queryable, id: string): Promise<void> {
  await db.execute(
    sql`update wall_tokens set last_seen_at = now()
        where id = ${id}::uuid and (last_seen_at is null or last_seen_at < now() - interval '1 minute')`,
  )
}
