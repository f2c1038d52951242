import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'

/** A branch as the reports name and date it. */
export interface ReportBranch {
  id: string
  name: string
  timezone: string
}

/** The branches a report covers: those asked for (null: every branch), by name. */
export async function reportBranches(db: Queryable, branchIds: readonly string[] | null): Promise<ReportBranch[]> {
  return queryRows<ReportBranch>(
    db,
    sql`select id::text as id, name, timezone from branches
        where ${branchIds ? sql`id = any(${`{${branchIds.join(',')}}`}::uuid[])` : sql`true`} order by name, id`,
  )
}

/** `col in (…)` for some branches, or nothing for every branch. */
export function branchCond(col: SQL, branchIds: readonly string[] | null): SQL {
  return branchIds ? sql`and ${col} = any(${`{${branchIds.join(',')}}`}::uuid[])` : sql``
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * The calendar months a period touches, each cut to the period: `[{ month: '2026-01', from, to }]`.
 * @example monthsOf('2026-01-15', '2026-02-10') // [{ month: '2026-01', from: '2026-01-15', to: '2026-01-31' }, { month: '2026-02', from: '2026-02-01', to: '2026-02-10' }]
 */
export function monthsOf(from: string, to: string): Array<{ month: string; from: string; to: string }> {
  const out: Array<{ month: string; from: string; to: string }> = []
  let [y, m] = from.slice(0, 7).split('-').map(Number)
  for (;;) {
    const month = `${y}-${pad(m)}`
    if (month > to.slice(0, 7)) return out
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
    const first = `${month}-01`
    const end = `${month}-${pad(last)}`
    out.push({ month, from: first < from ? from : first, to: end > to ? to : end })
    m += 1
    if (m > 12) [y, m] = [y + 1, 1]
  }
}
