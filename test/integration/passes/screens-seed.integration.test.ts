import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import { seedDemo } from '../../../server/boot/seed'
import type { SeedStep } from '../../../server/contracts/seed'
import { MODULES } from '../../../server/modules/index'
import { createTestDatabase, type TestDatabase } from '../../support/db'

const STEPS: SeedStep[] = MODULES.flatMap((m) => (m.seed ? [m.seed] : []))

/**
 * The demo center's passes (server/modules/passes/seed.ts): plans for its activities with VAT
 * 20 % included, passes sold over the last months with payments in full, in part or none, visits
 * that add up to each pass's sessions used, a few passes running out this week, owed visits, and one
 * wall token; made through the commands (audit rows by the demo staff), the same on every run.
 */
describe('the demo center’s passes', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase()
    await seedDemo(db.db, STEPS, { locale: 'hy' })
  }, 300_000)
  afterAll(async () => {
    await db?.destroy()
  })

  const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(db.db, q))[0]

  it('has a plan per activity on sale, priced with VAT 20 % included, and the monthly memberships of the year before retired', async () => {
    const r = await one<{
      activities: number
      groupActivities: number
      plans: number
      retired: number
      unlimited: number
      vat: number
    }>(
      sql`select (select count(*)::int from activities) as activities,
                 (select count(*)::int from activities where kind <> 'event') as "groupActivities",
                 (select count(*)::int from pass_plans where array_length(activity_ids, 1) = 1 and archived_at is null) as plans,
                 (select count(*)::int from pass_plans where archived_at is not null) as retired,
                 (select count(*)::int from pass_plans where archived_at is not null and sessions is null and valid_days = 30) as unlimited,
                 (select count(*)::int from tax_rates where rate_bp = 2000 and mode = 'included') as vat`,
    )
    expect(r.plans).toBe(r.activities)
    expect(r.retired).toBe(r.groupActivities)
    expect(r.unlimited).toBe(r.retired)
    expect(r.vat).toBe(1)
  })

  it('sold passes over the last months, with each pass’s sessions used the sum of its visits', async () => {
    const r = await one<{ passes: number; oldest: string; mismatched: number; visits: number }>(
      sql`select count(*)::int as passes, min(starts_on)::text as oldest,
                 count(*) filter (where sessions_used <> coalesce((select sum(sign) from pass_visits v where v.pass_id = p.id), 0))::int as mismatched,
                 (select count(*)::int from pass_visits where pass_id is not null) as visits
          from passes p`,
    )
    expect(r.passes).toBeGreaterThan(20)
    expect(r.mismatched).toBe(0)
    expect(r.visits).toBeGreaterThan(r.passes)
    expect(r.oldest < new Date(Date.now() - 35 * 86_400_000).toISOString().slice(0, 10)).toBe(true)
  })

  it('has payments in full and in part, debts of several ages, passes running out, owed visits and a wall token', async () => {
    const r = await one<{
      paid: number
      partial: number
      unpaid: number
      old_debts: number
      running_out: number
      used_up: number
      owed: number
      tokens: number
      audited: number
    }>(
      sql`with inv as (
            select i.id, i.total, i.issued_on, coalesce((select sum(amount) from payments p where p.invoice_id = i.id), 0) as paid from invoices i
          )
          select count(*) filter (where paid = total)::int as paid,
                 count(*) filter (where paid > 0 and paid < total)::int as partial,
                 count(*) filter (where paid = 0)::int as unpaid,
                 count(*) filter (where paid < total and issued_on < current_date - 30)::int as old_debts,
                 (select count(*)::int from alerts where kind = 'pass_running_out' and cleared_at is null) as running_out,
                 (select count(*)::int from alerts where kind = 'pass_used_up' and cleared_at is null) as used_up,
                 (select count(*)::int from alerts where kind = 'visit_owed' and cleared_at is null) as owed,
                 (select count(*)::int from wall_tokens) as tokens,
                 (select count(*)::int from audit_log where action in ('passes.sell', 'payments.take', 'visits.checkIn')) as audited
          from inv`,
    )
    expect(r.paid).toBeGreaterThan(0)
    expect(r.partial).toBeGreaterThan(0)
    expect(r.unpaid).toBeGreaterThan(0)
    expect(r.old_debts).toBeGreaterThan(0)
    expect(r.running_out).toBeGreaterThan(0)
    expect(r.used_up).toBeGreaterThan(0)
    expect(r.owed).toBeGreaterThan(0)
    expect(r.tokens).toBe(1)
    expect(r.audited).toBeGreaterThan(100)
  })
})
