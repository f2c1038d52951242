import { sql, type SQL } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import type { OwingCheckDef, OwingReason } from '../../contracts/owing'

/**
 * An open loan past its due day on the day looked at, for the activity looked at: a loan for a
 * course counts for that course's activity, a loan for no course for every activity.
 */
const overdueWhere = (clientId: SQL, activityId: string | null, on: string) =>
  sql`l.client_id = ${clientId} and l.returned_at is null and l.due_on < ${on}::date
      ${activityId ? sql`and (l.group_id is null or exists (select 1 from groups g where g.id = l.group_id and g.activity_id = ${activityId}::uuid))` : sql``}`

/**
 * The owing check `loans.overdue`: a client who has not returned a textbook or kit by its due day
 * owes (their group's line on the timetable turns red, "must return textbooks") until it is back.
 */
export const overdueLoanOwing: OwingCheckDef = {
  name: 'loans.overdue',
  async check(clientIds, ctx) {
    const out = new Map<string, OwingReason[]>()
    if (!clientIds.length) return out
    const rows = await queryRows<{ client_id: string; product: string }>(
      ctx.db,
      sql`select l.client_id, p.name as product
            from loans l join products p on p.id = l.product_id
           where l.client_id in (${sql.join(
             clientIds.map((id) => sql`${id}::uuid`),
             sql`, `,
           )}) and ${overdueWhere(sql`l.client_id`, ctx.activityId, ctx.on)}
           order by l.due_on, p.name`,
    )
    for (const r of rows) {
      const reasons = out.get(r.client_id) ?? []
      reasons.push({ id: 'loans.owing.overdue', params: { product: r.product } })
      out.set(r.client_id, reasons)
    }
    return out
  },
  sql: (clientId, ctx) => sql`exists (select 1 from loans l where ${overdueWhere(clientId, ctx.activityId, ctx.on)})`,
}
