import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { localDateTime } from '../../../domain/docs/timetable-week'
import type { LessonDoneInput } from '../../contracts/hooks'
import { centerTimeZone } from '../center/index'
import { moveStock } from './commands/move'

interface DueRow {
  product_id: string
  store_id: string
  used: string
  written_off: number
  on_hand: number
  allow_negative: boolean
}

/**
 * A lesson marked done writes the activity's consumables off its branch's store (issue #18; the
 * timetable records them in `consumable_uses` by the activity's norms).
 *
 * - A norm names its item in words ("A3 paper"): it is the branch's consumable product of that name
 *   (or SKU), case aside. A norm no product matches is not stocked, and nothing is written off for it.
 * - The store is the branch's first store (the oldest not archived; by name among those made together).
 * - Norms may be fractions of a unit (half a battery a session) while the ledger counts whole units:
 *   what is written off is the whole units of everything the branch's lessons have used, less what
 *   was written off before — half a battery now, the battery at the next lesson. Uses count from
 *   the day the product was stocked (lessons before it are not the ledger's).
 * - A lesson is never refused for want of consumables: what is short (nothing on hand) waits, and
 *   is written off after the next receipt's lesson; the product is low then anyway (`stock_low`).
 * - A lesson undone takes its uses back (`consumable_uses` sign −1): the next lesson owes less.
 */
export async function writeOffConsumables(input: LessonDoneInput): Promise<void> {
  const { tx, lessonId } = input
  // one branch's consumables at a time: two lessons done at once never write the same units off twice
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended('consumables:' || (select branch_id::text from lessons where id = ${lessonId}), 0))`,
  )
  const rows = await queryRows<DueRow>(
    tx,
    sql`with lesson as (select branch_id from lessons where id = ${lessonId}),
         store as (select s.id from stores s, lesson l where s.branch_id = l.branch_id and s.archived_at is null
                   order by s.created_at, s.name limit 1),
         used as (
           select p.id as product_id, sum(cu.sign * cu.quantity) as used
             from consumable_uses cu
             join lessons l2 on l2.id = cu.lesson_id
             join products p on p.kind = 'consumable' and p.archived_at is null
                            and (lower(p.name) = lower(cu.item) or lower(p.sku) = lower(cu.item))
                            and cu.at >= p.created_at
            where l2.branch_id = (select branch_id from lesson)
              and cu.item in (select cu2.item from consumable_uses cu2 where cu2.lesson_id = ${lessonId})
            group by p.id)
       select u.product_id, st.id as store_id, u.used::text as used,
              coalesce((select -sum(m.quantity) from stock_movements m
                          join stock_documents d on d.id = m.document_id
                         where d.kind = 'consumption' and m.product_id = u.product_id
                           and d.store_id in (select s.id from stores s where s.branch_id = (select branch_id from lesson))), 0)::int as written_off,
              coalesce((select b.on_hand from stock_balances b where b.product_id = u.product_id and b.store_id = st.id), 0) as on_hand,
              p.allow_negative
         from used u cross join store st join products p on p.id = u.product_id
        order by u.product_id`,
  )
  const lines = rows
    .map((r) => {
      const due = Math.floor(Number(r.used)) - r.written_off
      const quantity = r.allow_negative ? due : Math.min(due, Math.max(r.on_hand, 0))
      return { key: r.product_id, productId: r.product_id, quantity, storeId: r.store_id }
    })
    .filter((l) => l.quantity > 0)
  if (!lines.length || !input.audit) return
  const day = localDateTime((await centerTimeZone(tx)) || 'UTC', new Date()).date
  const moved = await moveStock(
    tx,
    input.audit,
    input.by,
    { kind: 'consumption', storeId: lines[0].storeId, source: { type: 'lesson', id: lessonId }, lines },
    day,
  )
  input.events?.push(...moved.events)
}
