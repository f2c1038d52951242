import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'

/**
 * Occupancy (issue #20): how full the rooms and groups are, and how many people wait for a place.
 *
 * Definitions (the screen says the same under its heading):
 *
 * - **Period**: the days `from`…`to` in each branch's own time zone; a lesson belongs to the day and
 *   the hour of the week it starts on, as the branch's clock reads them. Lessons deleted or
 *   cancelled are not counted anywhere.
 * - **Open room-minutes** of a room: for each day of the period that no closure of its branch (or of
 *   the whole center) covers, the minutes of that weekday's opening hours; a room without opening
 *   hours, not offered for booking, or archived (from the day of archiving) is never open. Per hour
 *   of the week (weekday × hour), the minutes of those openings inside that hour.
 * - **Booked lesson-minutes**: the minutes of the lessons in those rooms that fall inside the
 *   room's opening hours on an open day (a lesson before opening or after closing, or on a closed
 *   day, books nothing). A room booked twice at once (a clash) counts twice.
 * - **Room fill** = booked lesson-minutes / open room-minutes.
 * - **Held lessons**: lessons marked done or with an attendance mark. **Attendees**: marks
 *   present, late or walk-in. A lesson's **capacity**: its group's capacity (else its activity's
 *   largest group), no more than its room holds; lessons without one are left out.
 * - **Attendance fill** = attendees / capacity of the held lessons, each weighted by its minutes in
 *   the hour (place-minutes taken / place-minutes offered): a lesson wholly inside an hour adds
 *   exactly its attendees and its capacity.
 * - **Groups**: those running in the period (their term overlaps it and they were not deleted
 *   before it). Members / capacity are counted at the report's **moment**: the end of the period,
 *   or now when the period has not ended (its day: the period's last day, or today). Average attendance = attendees / held lessons of the
 *   group in the period; its fill = attendees / the capacity of those lessons.
 * - **Waiting-list pressure** per activity, at the same moment, over its groups still running then
 *   (not deleted, term not over): people waiting (distinct clients with an entry waiting or
 *   offered), free places (capacity less members, never below zero, summed over the groups),
 *   waiting per free place (none when there is no free place) and the oldest wait in days (from the
 *   day the longest-waiting entry was added to the moment's day).
 *
 * Filters: a room (the heat map, the rooms and the groups held there), an activity and a teacher
 * (their lessons book and fill; their groups are listed and pressed). Rates are basis points
 * (10 000 = 100 %), null when there is nothing to divide by.
 */

/** Filters of the occupancy report. */
export interface OccupancyQuery {
  /** The branches covered (null: every branch). */
  branchIds: readonly string[] | null
  from: string
  to: string
  roomId?: string
  activityId?: string
  teacherId?: string
}

/** One hour of the week (ISO weekday 1 = Monday … 7 = Sunday, hour 0–23 of the branch's clock). */
export interface HourCell {
  weekday: number
  hour: number
  openMinutes: number
  bookedMinutes: number
  /** booked / open, basis points. */
  fillBp: number | null
  /** Capacity × minutes of the held lessons in the hour, and attendees × minutes. */
  placeMinutes: number
  takenMinutes: number
  /** taken / place, basis points. */
  attendanceBp: number | null
}

export interface RoomRow {
  roomId: string
  name: string
  branchId: string
  branch: string
  capacity: number
  openMinutes: number
  bookedMinutes: number
  fillBp: number | null
  /** Lessons booked in it in the period (inside or outside its hours). */
  lessons: number
  attendanceBp: number | null
}

export interface GroupRow {
  groupId: string
  name: string
  branch: string
  activity: string
  teacherId: string
  teacher: string
  room: string
  capacity: number
  members: number
  /** members / capacity, basis points. */
  membersBp: number | null
  lessonsHeld: number
  attendees: number
  /** Attendees per held lesson (two decimals), null without held lessons. */
  averageAttendance: number | null
  /** Attendees / capacity of the held lessons, basis points. */
  attendanceBp: number | null
  waiting: number
}

export interface WaitingRow {
  activityId: string
  activity: string
  groups: number
  capacity: number
  members: number
  freePlaces: number
  waiting: number
  /** Waiting per free place (two decimals); null when there is no free place. */
  waitingPerFreePlace: number | null
  /** Days since the longest-waiting entry was added; null when nobody waits. */
  oldestWaitDays: number | null
}

export interface OccupancyReport {
  from: string
  to: string
  /** The day members and waiting lists are counted on (`YYYY-MM-DD`): the period's last day, or today while it runs. */
  asOf: string
  hours: HourCell[]
  rooms: RoomRow[]
  groups: GroupRow[]
  waiting: WaitingRow[]
  totals: {
    openMinutes: number
    bookedMinutes: number
    fillBp: number | null
    placeMinutes: number
    takenMinutes: number
    attendanceBp: number | null
  }
}

const uuids = (ids: readonly string[]) => `{${ids.join(',')}}`
const bp = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10_000) / whole) : null)
const n = (v: unknown) => Number(v ?? 0)

/** The branches in scope with their period bounds and the report's moment (`t`). */
function branchScope(q: OccupancyQuery): SQL {
  return sql`select id, name, timezone,
      (${q.from}::date::timestamp at time zone timezone) as t0,
      ((${q.to}::date + 1)::timestamp at time zone timezone) as t1,
      least(now(), (${q.to}::date + 1)::timestamp at time zone timezone) as t,
      (least(now(), (${q.to}::date + 1)::timestamp at time zone timezone) - interval '1 microsecond') at time zone timezone as t_local
    from branches
    where ${q.branchIds ? sql`id = any(${uuids(q.branchIds)}::uuid[])` : sql`true`}`
}

const eqIf = (col: SQL, v: string | undefined) => (v ? sql`and ${col} = ${v}::uuid` : sql``)

/** Rooms, their opening hours and their open days, booked lesson-minutes and held lessons, per room × weekday × hour. */
async function roomHours(db: Queryable, q: OccupancyQuery) {
  return queryRows<{
    room_id: string | null
    dow: number
    h: number
    open_m: string | null
    booked_m: string | null
    place_m: string | null
    taken_m: string | null
  }>(
    db,
    sql`with b as (${branchScope(q)}),
      days as (
        select b.id as branch_id, d::date as day, extract(isodow from d)::int as dow
        from b cross join generate_series(${q.from}::date, ${q.to}::date, interval '1 day') d
        where not exists (
          select 1 from closures c
          where (c.branch_id is null or c.branch_id = b.id) and d::date between c.from_date and c.to_date)),
      rm as (
        select r.id, r.branch_id, r.opening_hours,
               (r.archived_at at time zone b.timezone)::date as archived_on
        from rooms r join b on b.id = r.branch_id
        where r.bookable ${eqIf(sql`r.id`, q.roomId)}),
      oh as (
        select rm.id as room_id, rm.branch_id, rm.archived_on, k.dow,
               split_part(e.v->>0, ':', 1)::int * 60 + split_part(e.v->>0, ':', 2)::int as o,
               split_part(e.v->>1, ':', 1)::int * 60 + split_part(e.v->>1, ':', 2)::int as c
        from rm cross join lateral jsonb_each(coalesce(rm.opening_hours, '{}'::jsonb)) e(k, v)
        join (values ('mon', 1), ('tue', 2), ('wed', 3), ('thu', 4), ('fri', 5), ('sat', 6), ('sun', 7)) k(k, dow) on k.k = e.k),
      open_n as (
        select oh.room_id, oh.dow, oh.o, oh.c, count(*) as days
        from oh join days d on d.branch_id = oh.branch_id and d.dow = oh.dow
        where oh.c > oh.o and (oh.archived_on is null or d.day < oh.archived_on)
        group by 1, 2, 3, 4),
      opened as (
        select room_id, dow, h, sum(days * (least(c, h * 60 + 60) - greatest(o, h * 60))) as m
        from open_n cross join lateral generate_series(o / 60, (c - 1) / 60) h
        group by 1, 2, 3),
      ls as (
        select l.id, l.room_id, l.status, l.branch_id, l.group_id, l.activity_id, x.s::date as day,
               extract(isodow from x.s)::int as dow,
               floor(extract(epoch from x.s - x.s::date) / 60)::int as sm,
               least(ceil(extract(epoch from x.e - x.s::date) / 60), 1440)::int as em
        from lessons l join b on b.id = l.branch_id
        cross join lateral (select l.starts_at at time zone b.timezone as s, l.ends_at at time zone b.timezone as e) x
        where not l.deleted and l.status <> 'cancelled' and l.ends_at > l.starts_at
          and l.starts_at >= b.t0 and l.starts_at < b.t1
          ${eqIf(sql`l.room_id`, q.roomId)} ${eqIf(sql`l.activity_id`, q.activityId)} ${eqIf(sql`l.teacher_id`, q.teacherId)}),
      booked as (
        select ls.room_id, ls.dow, h, sum(greatest(0, least(ls.em, oh.c, h * 60 + 60) - greatest(ls.sm, oh.o, h * 60))) as m
        from ls join oh on oh.room_id = ls.room_id and oh.dow = ls.dow
        join days d on d.branch_id = ls.branch_id and d.day = ls.day
        cross join lateral generate_series(ls.sm / 60, (ls.em - 1) / 60) h
        where oh.archived_on is null or ls.day < oh.archived_on
        group by 1, 2, 3),
      held as (
        select ls.*, least(coalesce(g.capacity, a.max_group_size), r.capacity) as cap,
               (select count(*) from attendance m where m.lesson_id = ls.id and m.status in ('present', 'late', 'walk_in')) as came
        from ls left join groups g on g.id = ls.group_id
        left join activities a on a.id = coalesce(ls.activity_id, g.activity_id)
        left join rooms r on r.id = ls.room_id
        where ls.status = 'done' or exists (select 1 from attendance m where m.lesson_id = ls.id)),
      seats as (
        select held.room_id, held.dow, h,
               sum(held.cap * (least(held.em, h * 60 + 60) - greatest(held.sm, h * 60))) as place,
               sum(held.came * (least(held.em, h * 60 + 60) - greatest(held.sm, h * 60))) as taken
        from held cross join lateral generate_series(held.sm / 60, (held.em - 1) / 60) h
        where held.cap > 0
        group by 1, 2, 3)
      select room_id::text, dow, h, sum(open_m) as open_m, sum(booked_m) as booked_m, sum(place_m) as place_m, sum(taken_m) as taken_m
      from (
        select room_id, dow, h, m as open_m, 0 as booked_m, 0 as place_m, 0 as taken_m from opened
        union all select room_id, dow, h, 0, m, 0, 0 from booked
        union all select room_id, dow, h, 0, 0, place, taken from seats) x
      group by 1, 2, 3`,
  )
}

/** The rooms in scope (offered for booking), with their lessons in the period. */
async function roomList(db: Queryable, q: OccupancyQuery) {
  return queryRows<{ id: string; name: string; branch_id: string; branch: string; capacity: number; lessons: string }>(
    db,
    sql`with b as (${branchScope(q)})
      select r.id::text, r.name, r.branch_id::text, b.name as branch, r.capacity,
             (select count(*) from lessons l
              where l.room_id = r.id and not l.deleted and l.status <> 'cancelled' and l.starts_at >= b.t0 and l.starts_at < b.t1
                ${eqIf(sql`l.activity_id`, q.activityId)} ${eqIf(sql`l.teacher_id`, q.teacherId)}) as lessons
      from rooms r join b on b.id = r.branch_id
      where r.bookable and (r.archived_at is null or r.archived_at > b.t0) ${eqIf(sql`r.id`, q.roomId)}
      order by b.name, r.name, r.id`,
  )
}

/** The groups running in the period, with members at the moment, held lessons and attendees, and who waits. */
async function groupList(db: Queryable, q: OccupancyQuery) {
  return queryRows<{
    id: string
    name: string
    branch: string
    activity_id: string
    activity: string
    teacher_id: string
    teacher: string | null
    room: string | null
    capacity: number | null
    running: boolean
    members: string
    held: string
    came: string
    places: string
    waiting: string
  }>(
    db,
    sql`with b as (${branchScope(q)}),
      gs as (
        select g.id, g.name, g.activity_id, g.teacher_id, g.room_id, b.name as branch, b.t, b.t0, b.t1,
               least(coalesce(g.capacity, a.max_group_size), r.capacity) as capacity, a.name as activity, r.name as room,
               (g.deleted_at is null or g.deleted_at > b.t) and g.term_end >= b.t_local::date as running
        from groups g join b on b.id = g.branch_id join activities a on a.id = g.activity_id
        left join rooms r on r.id = g.room_id
        where (g.deleted_at is null or g.deleted_at > b.t0) and g.term_start <= ${q.to}::date and g.term_end >= ${q.from}::date
          ${eqIf(sql`g.room_id`, q.roomId)} ${eqIf(sql`g.activity_id`, q.activityId)} ${eqIf(sql`g.teacher_id`, q.teacherId)}),
      held as (
        select l.group_id, count(*) as held, sum(x.came) as came,
               sum(least(coalesce(g.capacity, a.max_group_size), r.capacity)) as places
        from gs join lessons l on l.group_id = gs.id
        join groups g on g.id = l.group_id
        left join activities a on a.id = coalesce(l.activity_id, g.activity_id)
        left join rooms r on r.id = l.room_id
        cross join lateral (
          select count(*) filter (where m.status in ('present', 'late', 'walk_in')) as came, count(*) as marks
          from attendance m where m.lesson_id = l.id) x
        where not l.deleted and l.status <> 'cancelled' and l.starts_at >= gs.t0 and l.starts_at < gs.t1
          and (l.status = 'done' or x.marks > 0)
        group by 1),
      waits as (
        select w.group_id, count(distinct w.client_id) as waiting
        from gs join waiting_list w on w.group_id = gs.id
        where gs.running and w.added_at <= gs.t
          and (w.closed_at > gs.t or (w.closed_at is null and w.status in ('waiting', 'offered')))
        group by 1)
      select gs.id::text, gs.name, gs.branch, gs.activity_id::text, gs.activity, gs.teacher_id::text, coalesce(e.name, u.name) as teacher, gs.room,
             gs.capacity, gs.running,
             (select count(*) from group_members m
              where m.group_id = gs.id and m.joined_at <= gs.t and (m.left_at is null or m.left_at > gs.t)) as members,
             coalesce(h.held, 0) as held, coalesce(h.came, 0) as came, coalesce(h.places, 0) as places,
             coalesce(w.waiting, 0) as waiting
      from gs left join held h on h.group_id = gs.id left join waits w on w.group_id = gs.id
      left join users u on u.id = gs.teacher_id
      left join lateral (select name from employees where user_id = gs.teacher_id order by created_at limit 1) e on true
      order by gs.branch, gs.activity, gs.name, gs.id`,
  )
}

/** Distinct clients waiting per activity at the moment (one client waiting for two of its groups is one person). */
async function waitingByActivity(db: Queryable, q: OccupancyQuery) {
  return queryRows<{ activity_id: string; waiting: string; oldest_days: number | null }>(
    db,
    sql`with b as (${branchScope(q)})
      select g.activity_id::text, count(distinct w.client_id) as waiting,
             max(b.t_local::date - (w.added_at at time zone b.timezone)::date) as oldest_days
      from groups g join b on b.id = g.branch_id join waiting_list w on w.group_id = g.id
      where (g.deleted_at is null or g.deleted_at > b.t) and g.term_end >= b.t_local::date
        and g.term_start <= ${q.to}::date
        and w.added_at <= b.t and (w.closed_at > b.t or (w.closed_at is null and w.status in ('waiting', 'offered')))
        ${eqIf(sql`g.room_id`, q.roomId)} ${eqIf(sql`g.activity_id`, q.activityId)} ${eqIf(sql`g.teacher_id`, q.teacherId)}
      group by 1`,
  )
}

/** The day members and waiting lists are counted on: the period's last day, or today (the branch's) while it runs. */
async function momentOf(db: Queryable, q: OccupancyQuery): Promise<string> {
  const [row] = await queryRows<{ d: string | null }>(
    db,
    sql`with b as (${branchScope(q)}) select max(t_local::date)::text as d from b`,
  )
  return row?.d ?? q.to
}

/** The occupancy report: the heat map of the week's hours, the rooms, the groups and the waiting-list pressure. */
export async function occupancyReport(db: Queryable, q: OccupancyQuery): Promise<OccupancyReport> {
  const [cellsRaw, roomRows, groupRows, waitRows, asOf] = await Promise.all([
    roomHours(db, q),
    roomList(db, q),
    groupList(db, q),
    waitingByActivity(db, q),
    momentOf(db, q),
  ])
  type Sum = { open: number; booked: number; place: number; taken: number }
  const zero = (): Sum => ({ open: 0, booked: 0, place: 0, taken: 0 })
  const add = (s: Sum, r: (typeof cellsRaw)[number]) => {
    s.open += n(r.open_m)
    s.booked += n(r.booked_m)
    s.place += n(r.place_m)
    s.taken += n(r.taken_m)
  }
  const byCell = new Map<string, Sum & { weekday: number; hour: number }>()
  const byRoom = new Map<string, Sum>()
  const total = zero()
  for (const r of cellsRaw) {
    const key = `${r.dow}:${r.h}`
    const cell = byCell.get(key) ?? { ...zero(), weekday: Number(r.dow), hour: Number(r.h) }
    byCell.set(key, cell)
    add(cell, r)
    add(total, r)
    if (r.room_id) {
      const room = byRoom.get(r.room_id) ?? zero()
      byRoom.set(r.room_id, room)
      add(room, r)
    }
  }
  // an hour neither open nor with a held lesson (a lesson running past closing) is no cell of the map
  const hours: HourCell[] = [...byCell.values()]
    .filter((c) => c.open || c.booked || c.place)
    .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour)
    .map((c) => ({
      weekday: c.weekday,
      hour: c.hour,
      openMinutes: c.open,
      bookedMinutes: c.booked,
      fillBp: bp(c.booked, c.open),
      placeMinutes: c.place,
      takenMinutes: c.taken,
      attendanceBp: bp(c.taken, c.place),
    }))
  const rooms: RoomRow[] = roomRows.map((r) => {
    const s = byRoom.get(r.id) ?? zero()
    return {
      roomId: r.id,
      name: r.name,
      branchId: r.branch_id,
      branch: r.branch,
      capacity: Number(r.capacity),
      openMinutes: s.open,
      bookedMinutes: s.booked,
      fillBp: bp(s.booked, s.open),
      lessons: n(r.lessons),
      attendanceBp: bp(s.taken, s.place),
    }
  })
  const groups: GroupRow[] = groupRows.map((g) => {
    const [held, came] = [n(g.held), n(g.came)]
    const capacity = n(g.capacity)
    const members = n(g.members)
    return {
      groupId: g.id,
      name: g.name,
      branch: g.branch,
      activity: g.activity,
      teacherId: g.teacher_id,
      teacher: g.teacher ?? '',
      room: g.room ?? '',
      capacity,
      members,
      membersBp: bp(members, capacity),
      lessonsHeld: held,
      attendees: came,
      averageAttendance: held ? Math.round((came * 100) / held) / 100 : null,
      attendanceBp: bp(came, n(g.places)),
      waiting: n(g.waiting),
    }
  })
  const waited = new Map(waitRows.map((w) => [w.activity_id, w]))
  const perActivity = new Map<string, WaitingRow>()
  for (const g of groupRows) {
    const row = perActivity.get(g.activity_id) ?? {
      activityId: g.activity_id,
      activity: g.activity,
      groups: 0,
      capacity: 0,
      members: 0,
      freePlaces: 0,
      waiting: n(waited.get(g.activity_id)?.waiting),
      waitingPerFreePlace: null,
      oldestWaitDays: waited.get(g.activity_id)?.oldest_days ?? null,
    }
    perActivity.set(g.activity_id, row)
    if (!g.running) continue
    const [capacity, members] = [n(g.capacity), n(g.members)]
    row.groups += 1
    row.capacity += capacity
    row.members += members
    row.freePlaces += Math.max(0, capacity - members)
  }
  const waiting = [...perActivity.values()]
    .map((w) => ({
      ...w,
      oldestWaitDays: w.oldestWaitDays === null ? null : Number(w.oldestWaitDays),
      waitingPerFreePlace: w.freePlaces > 0 ? Math.round((w.waiting * 100) / w.freePlaces) / 100 : null,
    }))
    .sort(
      (a, b) =>
        pressure(b) - pressure(a) ||
        b.waiting - a.waiting ||
        a.activity.localeCompare(b.activity) ||
        a.activityId.localeCompare(b.activityId),
    )
  return {
    from: q.from,
    to: q.to,
    asOf,
    hours,
    rooms,
    groups,
    waiting,
    totals: {
      openMinutes: total.open,
      bookedMinutes: total.booked,
      fillBp: bp(total.booked, total.open),
      placeMinutes: total.place,
      takenMinutes: total.taken,
      attendanceBp: bp(total.taken, total.place),
    },
  }
}

/** How pressing a waiting list is, for ordering: people waiting with no free place first. */
function pressure(w: WaitingRow): number {
  if (!w.waiting) return 0
  return w.freePlaces ? w.waiting / w.freePlaces : Number.MAX_SAFE_INTEGER
}
