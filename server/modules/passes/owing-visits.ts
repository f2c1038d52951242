import { sql, type SQL } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import type { OwingCheckDef, OwingReason } from '../../contracts/owing'

/**
 * The passes area's reasons a group member owes (the timetable's red line, the roster, the client
 * chip, the client list's filter):
 * - visits owed: a visit written down with no usable pass (any activity), until a pass bought
 *   later settles it or the lesson's "done" is undone;
 * - no usable pass: when the question is about an activity (a group's line, a lesson's roster),
 *   the member holds no pass for it that is not ended, valid on the day (started, not past its
 *   last day, freezes included) and has a session left (or is unlimited). A frozen pass counts as
 *   held: the client has paid for it.
 * The SQL form is the same two conditions.
 */

const standingOwed = (clientId: SQL) => sql`exists (select 1 from pass_visits v where v.client_id = ${clientId} and v.owed
  and v.sign = 1 and not exists (select 1 from pass_visits r where r.reversal_of = v.id))`

const usablePass = (clientId: SQL, activityId: string, on: string) => sql`exists (select 1 from passes p
  where p.client_id = ${clientId} and p.ended_at is null and p.activity_ids @> array[${activityId}::uuid]
    and p.starts_on <= ${on}::date and p.valid_until >= ${on}::date
    and (p.sessions_total is null or p.sessions_used < p.sessions_total))`

export const owingVisits: OwingCheckDef = {
  name: 'passes.visits',
  async check(clientIds, ctx) {
    const out = new Map<string, OwingReason[]>()
    const ids = [...new Set(clientIds)]
    if (!ids.length) return out
    const list = sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )
    const owed = await queryRows<{ client_id: string; n: number | string }>(
      ctx.db,
      sql`select v.client_id, count(*) as n from pass_visits v
          where v.client_id in (${list}) and v.owed and v.sign = 1
            and not exists (select 1 from pass_visits r where r.reversal_of = v.id)
          group by v.client_id`,
    )
    for (const r of owed) out.set(r.client_id, [{ id: 'visits.owing.owedVisits', params: { count: Number(r.n) } }])
    if (ctx.activityId) {
      const rows = await queryRows<{ id: string; activity: string | null }>(
        ctx.db,
        sql`select c.id, (select name from activities a where a.id = ${ctx.activityId}::uuid) as activity
            from unnest(array[${list}]) as c(id)
            where not ${usablePass(sql`c.id`, ctx.activityId, ctx.on)}`,
      )
      for (const r of rows) {
        const reasons = out.get(r.id) ?? []
        reasons.push({ id: 'visits.owing.noUsablePass', params: { activity: r.activity ?? '' } })
        out.set(r.id, reasons)
      }
    }
    return out
  },
  sql(clientId, ctx) {
    if (!ctx.activityId) return standingOwed(clientId)
    return sql`(${standingOwed(clientId)} or not ${usablePass(clientId, ctx.activityId, ctx.on)})`
  },
}
