import { and, eq, sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import { cashDays } from '../../../../db/schema/index'

/** Sums by method: what came in (payments, their kept credit included) and what went out (refunds). */
export interface MethodTotals {
  cash: number
  card: number
  transfer: number
  /** Paid from the client's credit (no money moved). */
  credit: number
}

export interface CashDeskDay {
  branchId: string
  day: string
  closed: boolean
  closedAt: string | null
  closedBy: string | null
  /** Money taken, by method (a payment's applied amount plus its kept credit). */
  taken: MethodTotals
  /** Money given back, by method. */
  refunds: Omit<MethodTotals, 'credit'>
  /** cash, card and transfer taken less refunded (credit is no money). */
  net: number
  payments: number
  byUser: Array<{ userId: string; name: string; taken: MethodTotals; refunds: Omit<MethodTotals, 'credit'>; payments: number }>
}

const zero = (): MethodTotals => ({ cash: 0, card: 0, transfer: 0, credit: 0 })
const zeroOut = () => ({ cash: 0, card: 0, transfer: 0 })
type Method = keyof MethodTotals

/**
 * A branch's cash-desk day (its local date): payments and refunds by method and by user. For a
 * closed day, the totals as they were when it closed come with it (`cash_days.totals`), but the
 * figures are always recomputed from the records (a closed day takes no more).
 */
export async function cashDeskDay(db: Queryable, branchId: string, day: string): Promise<CashDeskDay> {
  const pay = await queryRows<{ by: string; name: string | null; method: Method; amount: string; n: string }>(
    db,
    sql`select p.by, u.name, p.method, sum(p.amount + p.credit) as amount, count(*) as n
        from payments p left join users u on u.id = p.by
        where p.branch_id = ${branchId}::uuid and p.day = ${day}::date group by p.by, u.name, p.method`,
  )
  const back = await queryRows<{ by: string; name: string | null; method: Exclude<Method, 'credit'>; amount: string }>(
    db,
    sql`select r.by, u.name, r.method, sum(r.amount) as amount
        from refunds r left join users u on u.id = r.by
        where r.branch_id = ${branchId}::uuid and r.day = ${day}::date group by r.by, u.name, r.method`,
  )
  const taken = zero()
  const refunds = zeroOut()
  let count = 0
  const users = new Map<string, CashDeskDay['byUser'][number]>()
  const user = (id: string, name: string | null) => {
    let u = users.get(id)
    if (!u) users.set(id, (u = { userId: id, name: name ?? '', taken: zero(), refunds: zeroOut(), payments: 0 }))
    return u
  }
  for (const r of pay) {
    const a = Number(r.amount)
    taken[r.method] += a
    count += Number(r.n)
    const u = user(r.by, r.name)
    u.taken[r.method] += a
    u.payments += Number(r.n)
  }
  for (const r of back) {
    const a = Number(r.amount)
    refunds[r.method] += a
    user(r.by, r.name).refunds[r.method] += a
  }
  const [closed] = await db
    .select()
    .from(cashDays)
    .where(and(eq(cashDays.branchId, branchId), eq(cashDays.day, day)))
    .limit(1)
  return {
    branchId,
    day,
    closed: !!closed,
    closedAt: closed ? closed.closedAt.toISOString() : null,
    closedBy: closed?.closedBy ?? null,
    taken,
    refunds,
    net: taken.cash + taken.card + taken.transfer - refunds.cash - refunds.card - refunds.transfer,
    payments: count,
    byUser: [...users.values()].sort((a, b) => a.name.localeCompare(b.name)),
  }
}
