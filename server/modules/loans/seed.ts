import { sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../db/client'
import { addDays } from '../../../domain/docs/timetable-week'
import type { SeedContext } from '../../contracts/seed'
import { lendItem } from './commands/lend'
import { reviewOverdueLoans, todayIn } from './overdue'

/** A name's words by their first five letters (English, Englisch; Шахматный, шахматы; Դաշնամուր, Դաշնամուրի). */
const stems = (name: string) =>
  name
    .toLocaleLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4)
    .map((w) => w.slice(0, 5))

/** How many demo loans, and how many of them are overdue (the first ones). */
const LOANS = 8
const OVERDUE = 2

/**
 * The demo's loans: textbooks and kits lent out of the stores the stock seed filled, to members of
 * the store's branch's groups for their course, through the real command (stock goes out, audit row
 * by the storekeeper or, in another branch, the manager). The first two are overdue (lent five
 * weeks ago for three weeks): `loan_overdue` is raised and their group lines are red on the
 * timetable, "must return textbooks". Without lendable stock (no stock seed) there is nothing to lend.
 */
export async function seedLoans(tx: Tx, ctx: SeedContext): Promise<void> {
  const stock = await queryRows<{
    product_id: string
    name: string
    activity_id: string | null
    store_id: string
    branch_id: string
    on_hand: number
    tz: string
  }>(
    tx,
    sql`select sb.product_id, p.name, p.activity_id, sb.store_id, s.branch_id, sb.on_hand, b.timezone as tz
          from stock_balances sb join products p on p.id = sb.product_id join stores s on s.id = sb.store_id
          join branches b on b.id = s.branch_id
         where p.kind in ('textbook', 'kit') and p.archived_at is null and s.archived_at is null and sb.on_hand >= 2
         order by b.name, s.name, p.name`,
  )
  if (!stock.length) return
  const members = await queryRows<{
    client_id: string
    group_id: string
    branch_id: string
    activity_id: string
    course: string
  }>(
    tx,
    // each member once (their first course by name), in the order of their names: the same demo every time
    sql`select m.* from (
          select distinct on (gm.client_id) gm.client_id, gm.group_id, g.branch_id, g.activity_id,
              g.name || ' ' || a.name as course, c.last_name, c.first_name
            from group_members gm join groups g on g.id = gm.group_id join activities a on a.id = g.activity_id
            join clients c on c.id = gm.client_id
           where gm.left_at is null and g.deleted_at is null
           order by gm.client_id, g.name) m
        order by m.last_name, m.first_name, m.client_id`,
  )
  const keeper = ctx.as(ctx.staff.storekeeper ?? 'storekeeper')
  const manager = ctx.as(ctx.staff.manager ?? 'manager')
  const onHand = new Map(stock.map((s) => [`${s.product_id}@${s.store_id}`, s.on_hand]))
  const lent = new Set<string>()
  let made = 0
  for (let i = 0; made < LOANS && i < members.length; i++) {
    const member = members[i]
    if (lent.has(member.client_id)) continue
    // the course's own textbook or kit when the branch has one on hand (its activity's, else one
    // named like the course: "Chess primer" for the Chess Club), else none for this member
    const course = stems(member.course)
    const inBranch = stock.filter(
      (s) => s.branch_id === member.branch_id && (onHand.get(`${s.product_id}@${s.store_id}`) ?? 0) > 1,
    )
    const item =
      inBranch.find((s) => s.activity_id === member.activity_id) ??
      inBranch.find((s) => stems(s.name).some((w) => course.includes(w)))
    if (!item) continue
    const today = todayIn(item.tz)
    const overdue = made < OVERDUE
    // overdue: lent five weeks ago for three weeks; else lent last week for a month
    const day = overdue ? addDays(today, -35) : addDays(today, -7 + made)
    const due = overdue ? addDays(today, -14 + made) : addDays(day, 30)
    const by = keeper.actor.branchIds.includes(item.branch_id) ? keeper : manager
    const loan = await lendItem(
      by.ctx,
      by.actor,
      {
        clientId: member.client_id,
        productId: item.product_id,
        storeId: item.store_id,
        quantity: 1,
        groupId: member.group_id,
        dueDate: due,
      },
      { id: item.store_id, branchId: item.branch_id },
      day,
      today,
    )
    await queryRows(tx, sql`update loans set issued_at = ${`${day}T10:30:00Z`}::timestamptz where id = ${loan.id}::uuid`)
    onHand.set(`${item.product_id}@${item.store_id}`, (onHand.get(`${item.product_id}@${item.store_id}`) ?? 0) - 1)
    lent.add(member.client_id)
    made++
  }
  await reviewOverdueLoans(tx)
}
