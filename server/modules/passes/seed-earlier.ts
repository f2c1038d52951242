import { sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../db/client'
import { addDays } from '../../../domain/docs/timetable-week'
import type { SeedContext } from '../../contracts/seed'
import { sellOnDay } from './seed-history'

type Desk = ReturnType<SeedContext['as']>

/**
 * How many months of monthly memberships each active member (in name order) held before their
 * first pass of the timetable's weeks: a year's spread, some new this autumn (0).
 */
const MONTHS_BEFORE = [11, 0, 6, 2, 9, 0, 4, 1, 8, 3, 0, 10, 5, 7, 12, 2] as const
/** A monthly membership's days (the plan's validity): one follows the other without a gap. */
export const MONTH_DAYS = 30
/** How the desk was paid, in turn. */
const METHODS = ['cash', 'card', 'card', 'transfer'] as const

interface Member {
  client_id: string
  group_id: string
  activity_id: string
  branch_id: string
  first_day: string
}
interface Leaver {
  client_id: string
  activity_id: string
  branch_id: string
  joined: string
  left: string
}

/**
 * The demo's year before its timetable (the inflow report's cohorts and retention curve, the
 * revenue by month): the monthly memberships the desk sold before the 8-lesson passes, through
 * `passes.sell` and `payments.take`, each invoice dated on its first day and paid in full then.
 * - Each active member whose story is not told (`told`), in name order, held `MONTHS_BEFORE` of
 *   them back to back, the last ending the day before their first pass of the activity.
 * - Each client who has left the center held them from the day they joined their group until the
 *   day they were taken out (the retention curve's drop; their passes raise no alert: they left).
 * Unlimited sessions: the visits of those months are not in Clubroom's books. Returns how many were sold.
 */
export async function sellEarlierPasses(
  tx: Tx,
  opts: {
    monthlyPlanOf: ReadonlyMap<string, string>
    told: ReadonlyMap<string, string>
    deskOf: (branchId: string) => Desk
    today: string
  },
): Promise<number> {
  const members = await queryRows<Member>(
    tx,
    sql`select m.client_id, m.group_id, g.activity_id, g.branch_id, to_char(min(p.starts_on), 'YYYY-MM-DD') as first_day
        from group_members m
        join groups g on g.id = m.group_id
        join clients c on c.id = m.client_id
        join passes p on p.client_id = m.client_id and p.activity_ids @> array[g.activity_id]
        where m.left_at is null and g.deleted_at is null and g.activity_id is not null and c.status = 'active'
        group by m.client_id, m.group_id, g.activity_id, g.branch_id, c.last_name, c.first_name
        order by c.last_name, c.first_name, g.activity_id, m.client_id`,
  )
  const leavers = await queryRows<Leaver>(
    tx,
    sql`select m.client_id, g.activity_id, g.branch_id,
               to_char((m.joined_at at time zone b.timezone)::date, 'YYYY-MM-DD') as joined,
               to_char((m.left_at at time zone b.timezone)::date, 'YYYY-MM-DD') as left
        from group_members m
        join groups g on g.id = m.group_id
        join branches b on b.id = g.branch_id
        join clients c on c.id = m.client_id
        where m.left_at is not null and c.status = 'left' and g.activity_id is not null
        order by c.last_name, c.first_name, m.client_id`,
  )
  let sold = 0
  const sell = async (clientId: string, activityId: string, branchId: string, startsOn: string) => {
    const planId = opts.monthlyPlanOf.get(activityId)
    if (!planId || startsOn >= opts.today) return
    await sellOnDay(tx, opts.deskOf(branchId), {
      clientId,
      planId,
      branchId,
      startsOn,
      today: opts.today,
      method: METHODS[sold % METHODS.length],
    })
    sold++
  }
  let n = 0
  for (const m of members) {
    if (opts.told.has(`${m.client_id}:${m.group_id}`)) continue
    const months = MONTHS_BEFORE[n++ % MONTHS_BEFORE.length]
    for (let k = months; k >= 1; k--) await sell(m.client_id, m.activity_id, m.branch_id, addDays(m.first_day, -k * MONTH_DAYS))
  }
  for (const l of leavers)
    for (let day = l.joined; day < l.left; day = addDays(day, MONTH_DAYS))
      await sell(l.client_id, l.activity_id, l.branch_id, day)
  return sold
}
