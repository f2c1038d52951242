import { sql, type SQL } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import type { OwingCheckDef, OwingReason } from '../../contracts/owing'

/**
 * The visits side's reason a group member owes (the timetable's red line, the roster, the client
 * chip, the client list's filter): visits owed, i.e. written down with no usable pass (of any
 * activity), until a pass bought later settles them or the lesson's "done" is undone.
 *
 * "No usable pass" alone is not a reason to owe: a member who has never attended without a pass
 * owes nothing yet (a new member, a trial), and a pass running out, used up or expired already
 * shows amber or red by its own flag (pass_running_out / pass_used_up / pass_expired) wherever the
 * pass is shown. The moment such a member attends, the visit is owed and the line turns red, as
 * the issue puts it: "red while any member has debt or an owed visit".
 *
 * The SQL form is the same condition.
 */

const standingOwed = (clientId: SQL) => sql`exists (select 1 from pass_visits v where v.client_id = ${clientId} and v.owed
  and v.sign = 1 and not exists (select 1 from pass_visits r where r.reversal_of = v.id))`

export const owingVisits: OwingCheckDef = {
  name: 'passes.visits',
  async check(clientIds, ctx) {
    const out = new Map<string, OwingReason[]>()
    const ids = [...new Set(clientIds)]
    if (!ids.length) return out
    const owed = await queryRows<{ client_id: string; n: number | string }>(
      ctx.db,
      sql`select v.client_id, count(*) as n from pass_visits v
          where v.client_id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}) and v.owed and v.sign = 1
            and not exists (select 1 from pass_visits r where r.reversal_of = v.id)
          group by v.client_id`,
    )
    for (const r of owed) out.set(r.client_id, [{ id: 'visits.owing.owedVisits', params: { count: Number(r.n) } }])
    return out
  },
  sql: (clientId) => standingOwed(clientId),
}
