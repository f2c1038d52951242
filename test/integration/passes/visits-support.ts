import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { queryRows } from '../../../db/client'
import { clients, groupMembers, lessons, passes, passPlans } from '../../../db/schema/index'
import { encodeTimetableDocName, isoWeekOf } from '../../../domain/docs/timetable-week'
import { buildTwoBranches } from '../../support/two-branches'

/**
 * A center for the visits tests: two branches as in the demo, a plan for Robotics, passes put in
 * as a sale would leave them (the sale itself is the money side's), clients in the groups, and
 * lessons of the groups when the test asks.
 */
export async function buildVisitsCenter(db: Db) {
  const center = await buildTwoBranches(db)
  const [plan] = await db
    .insert(passPlans)
    .values({
      name: 'Robotics ×10',
      activityIds: [center.activity.id],
      sessions: 10,
      validDays: 30,
      freezeMaxDays: 14,
      freezeMaxTimes: 2,
    })
    .returning()
  let n = 0

  /** A client, a member of the group when given. */
  async function client(groupId?: string, name = `Client${++n}`) {
    const [c] = await db
      .insert(clients)
      .values({ firstName: name, lastName: 'Test', status: 'active', branchId: center.central.branch.id })
      .returning()
    if (groupId) await db.insert(groupMembers).values({ groupId, clientId: c.id })
    return c
  }

  /** A pass as sold: `sessions` (null: unlimited), valid from `startsOn` to `validUntil`. */
  async function pass(
    clientId: string,
    opts: {
      sessions?: number | null
      startsOn?: string
      validUntil?: string
      burns?: boolean
      branchId?: string
      freezeMaxDays?: number
      freezeMaxTimes?: number
      activityIds?: string[]
      used?: number
    } = {},
  ) {
    const today = new Date().toISOString().slice(0, 10)
    const until = opts.validUntil ?? addDaysIso(today, 60)
    const [p] = await db
      .insert(passes)
      .values({
        clientId,
        planId: plan.id,
        branchId: opts.branchId ?? center.central.branch.id,
        activityIds: opts.activityIds ?? [center.activity.id],
        sessionsTotal: opts.sessions === undefined ? 10 : opts.sessions,
        sessionsUsed: opts.used ?? 0,
        startsOn: opts.startsOn ?? addDaysIso(today, -10),
        validUntil: until,
        soldValidUntil: until,
        burnsUnexcused: opts.burns ?? false,
        freezeMaxDays: opts.freezeMaxDays ?? 14,
        freezeMaxTimes: opts.freezeMaxTimes ?? 2,
        price: 50_000,
      })
      .returning()
    return p
  }

  let lessonN = 0
  /** A lesson of a group `minutesFromNow` (negative: already started). */
  async function lesson(side: 'central' | 'riverside' = 'central', minutesFromNow = -30, groupId?: string) {
    const s = center[side]
    const start = new Date(Date.now() + minutesFromNow * 60_000)
    const [row] = await db
      .insert(lessons)
      .values({
        id: `visits-lesson-${side}-${++lessonN}-${Math.random().toString(36).slice(2, 8)}`,
        branchId: s.branch.id,
        doc: encodeTimetableDocName(s.branch.id, isoWeekOf(start.toISOString().slice(0, 10))),
        roomId: s.room.id,
        startsAt: start,
        endsAt: new Date(start.getTime() + 60 * 60_000),
        activityId: center.activity.id,
        groupId: groupId ?? s.group.id,
        teacherId: s.group.teacherId,
      })
      .returning()
    return row
  }

  return { ...center, plan, client, pass, lesson }
}

export function addDaysIso(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** A pass's counter and the sum of its ledger's signs (they must agree). */
export async function passLedger(db: Db, passId: string): Promise<{ used: number; ledger: number; total: number | null }> {
  const [row] = await queryRows<{ used: number; ledger: string | number; total: number | null }>(
    db,
    sql`select p.sessions_used as used, p.sessions_total as total,
          coalesce((select sum(sign) from pass_visits v where v.pass_id = p.id), 0) as ledger
        from passes p where p.id = ${passId}::uuid`,
  )
  return { used: row.used, ledger: Number(row.ledger), total: row.total }
}

/** The open alerts of a subject, by kind. */
export async function openAlerts(db: Db, subject: string): Promise<string[]> {
  const rows = await queryRows<{ kind: string }>(
    db,
    sql`select kind from alerts where subject = ${subject} and cleared_at is null order by kind`,
  )
  return rows.map((r) => r.kind)
}

/** Owed visits of a client still standing. */
export async function owedVisits(db: Db, clientId: string): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    db,
    sql`select count(*) as n from pass_visits v where v.client_id = ${clientId}::uuid and v.owed and v.sign = 1
          and not exists (select 1 from pass_visits r where r.reversal_of = v.id)`,
  )
  return Number(row.n)
}
