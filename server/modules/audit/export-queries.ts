import { and, eq, sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import { users } from '../../../db/schema/index'
import { windowRanges, type Bound } from './window'

/**
 * The changes of a window whose latest mark is "queried", oldest first: the few queried marks, each
 * looked up in its table under the window's ranges (as `countQueried` counts them).
 */
export async function queriedInWindow(db: Queryable, since: Bound, until: Bound): Promise<number[]> {
  const parts: SQL[] = []
  for (const table of [sql`audit_log`, sql`doc_updates`, sql`medical_views`])
    for (const range of windowRanges(since, until))
      parts.push(
        sql`(select t.trail_seq as ts from queried q join ${table} t on t.trail_seq = q.trail_seq where ${and(...range) ?? sql`true`})`,
      )
  const rows = await queryRows<{ ts: string | number }>(
    db,
    sql`with queried as (
          select trail_seq from (
            select distinct on (trail_seq) trail_seq, status from audit_marks order by trail_seq, id desc
          ) m where m.status = 'queried')
        select ts from (${sql.join(parts, sql` union all `)}) x order by ts`,
  )
  return rows.map((r) => Number(r.ts))
}

/** Logins by user id (for who closed a checkpoint). */
export async function loginOf(db: Queryable, id: string | null): Promise<string | null> {
  if (!id) return null
  const [u] = await db.select({ login: users.login }).from(users).where(eq(users.id, id)).limit(1)
  return u?.login ?? null
}
