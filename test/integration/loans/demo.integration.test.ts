import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { seedDemo } from '../../../server/boot/seed'
import { EventBus } from '../../../server/events/bus'
import { MODULES } from '../../../server/modules/index'
import { overdueLoanOwing } from '../../../server/modules/loans/owing'
import { createTestDatabase, type TestDatabase } from '../../support/db'

/**
 * The demo's loans (issue #18, "Demo": "loans (two overdue)"; the timetable's "must return
 * textbooks"): textbooks and kits lent to group members for their own course by the storekeeper
 * (the manager in another branch), each through the command (its audit row, its loan document
 * naming the client); two overdue, each with its open `loan_overdue` and the owing reason that
 * turns the member's line red; the ledger still equal to its balances.
 */
let db: TestDatabase

beforeAll(async () => {
  db = await createTestDatabase()
  await seedDemo(
    db.db,
    MODULES.flatMap((m) => (m.seed ? [m.seed] : [])),
    { events: new EventBus(), locale: 'en' },
  )
}, 180_000)
afterAll(async () => {
  await db?.destroy()
})

describe('the demo’s loans', () => {
  it('lends the courses’ textbooks and kits to their members, two overdue with their alert and their red line', async () => {
    const loans = await queryRows<{
      id: string
      client_id: string
      kind: string
      overdue: boolean
      member: boolean
      doc_client: string
      lender: string
      audited: number
    }>(
      db.db,
      sql`select l.id, l.client_id, p.kind, l.due_on < current_date as overdue,
            exists (select 1 from group_members gm where gm.group_id = l.group_id and gm.client_id = l.client_id and gm.left_at is null) as member,
            d.client_id as doc_client, u.login as lender,
            (select count(*)::int from audit_log a where a.action = 'loans.lend' and a.entity_id = l.id::text) as audited
          from loans l join products p on p.id = l.product_id join stock_documents d on d.id = l.issue_document_id
          join users u on u.id = l.issued_by`,
    )
    expect(loans.length).toBeGreaterThanOrEqual(4)
    for (const l of loans) {
      expect(['textbook', 'kit']).toContain(l.kind)
      expect(l.member).toBe(true)
      expect(l.doc_client).toBe(l.client_id)
      expect(['storekeeper', 'manager']).toContain(l.lender)
      expect(l.audited).toBe(1)
    }
    const overdue = loans.filter((l) => l.overdue)
    expect(overdue).toHaveLength(2)
    const alerts = await queryRows<{ subject: string }>(
      db.db,
      sql`select subject from alerts where kind = 'loan_overdue' and cleared_at is null order by subject`,
    )
    expect(alerts.map((a) => a.subject)).toEqual(overdue.map((l) => `loan:${l.id}`).sort())
    const owing = await overdueLoanOwing.check(
      loans.map((l) => l.client_id),
      { db: db.db, activityId: null, on: new Date().toISOString().slice(0, 10) },
    )
    expect([...owing.keys()].sort()).toEqual(overdue.map((l) => l.client_id).sort())
    expect(
      await queryRows(
        db.db,
        sql`select 1 from stock_balances b full join (select product_id, store_id, sum(quantity) s from stock_movements group by 1, 2) m
              using (product_id, store_id) where coalesce(b.on_hand, 0) <> coalesce(m.s, 0) or b.on_hand < 0`,
      ),
    ).toEqual([])
  })
})
