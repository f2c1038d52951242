import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'

/**
 * Make-up credits (issue #15): a credit is written for each member of a group when a lesson is
 * cancelled offering make-up (timetable, `make_up_credits`), and is usable once, for a lesson of the
 * same activity in another group (`POST /api/check-ins` with `makeUpCreditId`, or the lesson
 * panel's `POST /api/lessons/{id}/make-up`). Credits do not expire: a credit is open until used.
 */

/** The lesson a credit came from, with its day and time in its branch's time zone. */
export interface MakeUpFromLesson {
  id: string
  branchId: string | null
  /** The branch's IANA time zone (the lesson's day and time below are in it). */
  timezone: string | null
  /** When the cancelled lesson was to start (ISO), null when it had no time. */
  startsAt: string | null
  /** `YYYY-MM-DD` in the branch's zone. */
  on: string | null
  /** `HH:MM` in the branch's zone. */
  time: string | null
  groupId: string | null
  group: string | null
}

/** An open (unused) make-up credit. */
export interface MakeUpCreditView {
  id: number
  activityId: string
  activity: string | null
  createdAt: string
  fromLessonId: string
  fromLesson: MakeUpFromLesson
}

type CreditRow = {
  id: string | number
  client_id: string
  activity_id: string
  activity: string | null
  created_at: string | Date
  from_lesson_id: string
  branch_id: string | null
  timezone: string | null
  starts_at: string | Date | null
  on: string | null
  time: string | null
  group_id: string | null
  group_name: string | null
}

const creditSelect = sql`select c.id, c.client_id, c.activity_id, a.name as activity, c.created_at, c.from_lesson_id,
    l.branch_id, b.timezone, l.starts_at, l.group_id, g.name as group_name,
    to_char(l.starts_at at time zone coalesce(b.timezone, 'UTC'), 'YYYY-MM-DD') as "on",
    to_char(l.starts_at at time zone coalesce(b.timezone, 'UTC'), 'HH24:MI') as "time"
  from make_up_credits c
  left join activities a on a.id = c.activity_id
  left join lessons l on l.id = c.from_lesson_id
  left join branches b on b.id = l.branch_id
  left join groups g on g.id = l.group_id`

function present(r: CreditRow): MakeUpCreditView {
  return {
    id: Number(r.id),
    activityId: r.activity_id,
    activity: r.activity,
    createdAt: new Date(r.created_at).toISOString(),
    fromLessonId: r.from_lesson_id,
    fromLesson: {
      id: r.from_lesson_id,
      branchId: r.branch_id,
      timezone: r.timezone,
      startsAt: r.starts_at ? new Date(r.starts_at).toISOString() : null,
      on: r.on,
      time: r.time,
      groupId: r.group_id,
      group: r.group_name,
    },
  }
}

const order = sql`order by l.starts_at nulls last, c.id`

/** A client's open make-up credits, the oldest cancelled lesson first (one indexed query). */
export async function openCredits(db: Queryable, clientId: string): Promise<MakeUpCreditView[]> {
  const rows = await queryRows<CreditRow>(
    db,
    sql`${creditSelect} where c.client_id = ${clientId}::uuid and c.used_lesson_id is null ${order}`,
  )
  return rows.map(present)
}

/** A lesson as the make-up candidates need it. */
export interface MakeUpLesson {
  id: string
  branchId: string
  activityId: string | null
  groupId: string | null
}

export interface MakeUpCandidate {
  clientId: string
  name: string
  credits: MakeUpCreditView[]
}

/**
 * Who may come to `lesson` with a make-up credit: the clients (not erased) holding an open credit of
 * the lesson's activity from a cancelled lesson of the lesson's branch in another group (the rule
 * the check-in applies), not already checked in for it; by name, each with their usable credits.
 */
export async function makeUpCandidates(db: Queryable, lesson: MakeUpLesson): Promise<MakeUpCandidate[]> {
  if (!lesson.activityId) return []
  const otherGroup: SQL = lesson.groupId ? sql`and (l.group_id is null or l.group_id <> ${lesson.groupId}::uuid)` : sql``
  const rows = await queryRows<CreditRow & { first_name: string; last_name: string }>(
    db,
    sql`select x.*, cl.first_name, cl.last_name from (${creditSelect}
          where c.used_lesson_id is null and c.activity_id = ${lesson.activityId}::uuid
            and l.branch_id = ${lesson.branchId}::uuid and c.from_lesson_id <> ${lesson.id} ${otherGroup}) x
        join clients cl on cl.id = x.client_id and cl.erased_at is null
        where not exists (select 1 from pass_visits v where v.lesson_id = ${lesson.id} and v.client_id = x.client_id
            and v.sign = 1 and not exists (select 1 from pass_visits r where r.reversal_of = v.id))
        order by cl.last_name, cl.first_name, x.client_id, x.starts_at nulls last, x.id`,
  )
  const out = new Map<string, MakeUpCandidate>()
  for (const r of rows) {
    let c = out.get(r.client_id)
    if (!c) out.set(r.client_id, (c = { clientId: r.client_id, name: `${r.first_name} ${r.last_name}`.trim(), credits: [] }))
    c.credits.push(present(r))
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name))
}
