import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alerts, checklists, checklistTemplates } from '../../../db/schema/index'
import { timelinessOf } from '../../../domain/checklists/checklist'
import { seedDemo } from '../../../server/boot/seed'
import type { SeedStep } from '../../../server/contracts/seed'
import { EventBus } from '../../../server/events/bus'
import { MODULES } from '../../../server/modules/index'
import { DEMO_TEMPLATES } from '../../../server/modules/checklists/seed-data'
import { createTestDatabase, type TestDatabase } from '../../support/db'

/**
 * Issue #20's demo: checklist templates in every branch (the pool's water test where the pool is)
 * and a month of checklists filled through the real command, in the demo's language: most on
 * time, a few late, two missed (flagged overdue), one failed (flagged, with the note of what was
 * done); today's are left to fill.
 */
const STEPS: SeedStep[] = MODULES.flatMap((m) => (m.seed ? [m.seed] : []))

describe('the Russian demo’s production control', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase()
    await seedDemo(db.db, STEPS, { events: new EventBus(), locale: 'ru' })
  }, 180_000)
  afterAll(async () => {
    await db?.destroy()
  })

  it('has the templates in Russian and a month of checklists: on time, late, missed, one failed', async () => {
    const templates = await db.db.select().from(checklistTemplates)
    const names = new Set(templates.map((t) => t.name))
    for (const t of DEMO_TEMPLATES.ru) expect(names).toContain(t.name)
    expect(templates.filter((t) => t.roomId).length).toBe(1)
    const rows = await db.db.select().from(checklists)
    const now = new Date()
    const by = (k: string) => rows.filter((r) => timelinessOf(r, now) === k).length
    expect(by('onTime')).toBeGreaterThan(30)
    expect(by('late')).toBeGreaterThanOrEqual(3)
    expect(by('missed')).toBeGreaterThanOrEqual(2)
    const failed = rows.filter((r) => r.result === 'failed')
    expect(failed.length).toBe(1)
    expect(JSON.stringify(failed[0].values)).toContain('Дозатор хлора')
    const flags = await db.db
      .select()
      .from(alerts)
      .where(and(isNull(alerts.clearedAt), eq(alerts.kind, 'checklist_failed')))
    expect(flags.length).toBe(1)
    const overdue = await db.db
      .select()
      .from(alerts)
      .where(and(isNull(alerts.clearedAt), eq(alerts.kind, 'checklist_overdue')))
    expect(overdue.length).toBeGreaterThanOrEqual(2)
    // today's are left to fill
    expect(rows.some((r) => r.status === 'open' && r.dueAt.getTime() > now.getTime() - 86_400_000)).toBe(true)
  })
})
