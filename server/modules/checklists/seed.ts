import { and, asc, eq, lt } from 'drizzle-orm'
import type { Tx } from '../../../db/client'
import { branches, checklists, rooms } from '../../../db/schema/index'
import {
  encodeChecklistDocName,
  setChecklistValue,
  type ChecklistItem,
  type FilledItem,
} from '../../../domain/checklists/checklist'
import { localDateTime } from '../../../domain/docs/timetable-week'
import type { DemoStaffKey, SeedContext } from '../../contracts/seed'
import { submitChecklist } from './commands/submit'
import { createTemplate } from './commands/templates'
import { generateDue, reviewOverdue } from './due'
import { DEMO_FAILED_NOTE, DEMO_TEMPLATES } from './seed-data'

/** Days of history the demo has. */
const HISTORY_DAYS = 31

/** A passing value for an item (a number in the middle of its range). */
function goodValue(i: ChecklistItem): unknown {
  if (i.kind === 'tick') return 'ok'
  if (i.kind === 'text') return undefined
  const min = i.min ?? null
  const max = i.max ?? null
  if (min !== null && max !== null) return Math.round(((min + max) / 2) * 100) / 100
  return min !== null ? min + 6 : (max ?? 0)
}

/**
 * The demo's production control: in each branch the daily opening check, the weekly fire-safety
 * check and the first-aid kit's monthly check, and the pool's daily water test in the pool's
 * branch (`checklists.template.create`, by the manager), with a month of checklists made from them
 * and submitted by their responsible staff through the real command: most on time, every seventh
 * late, one never submitted in each branch (missed: flagged overdue), and one pool test failed (chlorine too low,
 * with a note of what was done). Today's are left to fill.
 */
export async function seedChecklists(tx: Tx, ctx: SeedContext): Promise<void> {
  const manager = ctx.as(ctx.staff.manager ?? 'manager')
  const poolRoom = ctx.roomIds.pool
  const [pool] = poolRoom ? await tx.select({ branchId: rooms.branchId }).from(rooms).where(eq(rooms.id, poolRoom)).limit(1) : []
  const branchKeys = Object.keys(ctx.branchIds).sort()
  for (const key of branchKeys) {
    const branchId = ctx.branchIds[key]
    for (const t of DEMO_TEMPLATES[ctx.locale]) {
      if (t.room === 'pool' && pool?.branchId !== branchId) continue
      await createTemplate(manager.ctx, manager.actor, {
        branchId,
        roomId: t.room === 'pool' ? poolRoom : null,
        name: t.name,
        items: t.items,
        schedule: t.schedule,
        weekday: t.weekday ?? null,
        monthDay: t.monthDay ?? null,
        dueTime: t.dueTime,
        responsibleRole: t.responsibleRole,
        active: true,
      })
    }
  }
  const now = new Date()
  await generateDue(manager.ctx, { now, days: HISTORY_DAYS })
  // every day's but today's (in its branch's time zone): today's are left to fill
  const past = (
    await tx
      .select({ c: checklists, tz: branches.timezone })
      .from(checklists)
      .innerJoin(branches, eq(branches.id, checklists.branchId))
      .where(lt(checklists.dueAt, now))
      .orderBy(asc(checklists.dueAt), asc(checklists.name))
  )
    .filter(({ c, tz }) => c.dueOn < localDateTime(tz || 'UTC', now).date)
    .map(({ c }) => c)
  const central = ctx.branchIds.central
  const who = (role: string, branchId: string): DemoStaffKey =>
    role === 'receptionist' ? (branchId === central ? 'reception' : 'reception2') : role === 'teacher' ? 'swimming' : 'manager'
  const pools = past.filter((c) => c.roomId && c.roomId === poolRoom)
  const failing = pools.length >= 3 ? pools[pools.length - 3].id : null
  // never submitted: one in the middle of the month in each branch (so every branch's wall shows one overdue)
  const missed = new Set<string>()
  for (const branchId of new Set(past.map((c) => c.branchId))) {
    const mine = past.filter((c) => c.branchId === branchId && c.id !== failing)
    if (mine.length) missed.add(mine[Math.floor(mine.length / 2)].id)
  }
  for (const [n, c] of past.entries()) {
    if (missed.has(c.id)) continue
    const items = c.items as ChecklistItem[]
    const values: Record<string, FilledItem> = {}
    const staffKey = who(c.responsibleRole, c.branchId)
    const signer = ctx.as(ctx.staff[staffKey] ?? 'manager')
    const late = n % 7 === 3
    const at = new Date(c.dueAt.getTime() + (late ? 150 : -40) * 60_000)
    for (const i of items) {
      const v = goodValue(i)
      if (v !== undefined)
        values[i.key] = {
          value: v,
          by: signer.actor.id,
          byName: signer.actor.name,
          at: new Date(at.getTime() - 5 * 60_000).toISOString(),
        }
    }
    if (c.id === failing) values.chlorine = { ...values.chlorine, value: 0.1, note: DEMO_FAILED_NOTE[ctx.locale] }
    await submitChecklist(signer.ctx, signer.actor, c.id, values, at)
  }
  // today's opening check at the first branch is under way: the receptionist has ticked the doors and the lights
  const [today] = central
    ? await tx
        .select()
        .from(checklists)
        .where(and(eq(checklists.branchId, central), eq(checklists.status, 'open')))
        .orderBy(asc(checklists.dueAt))
        .limit(1)
    : []
  const reception = ctx.as(ctx.staff.reception ?? 'reception')
  if (today)
    await ctx.docs.applyAsUser(encodeChecklistDocName(today.id), reception.actor, (doc) => {
      for (const key of ['doors', 'lights'])
        setChecklistValue(doc, key, 'ok', reception.actor, new Date(now.getTime() - 20 * 60_000))
    })
  await reviewOverdue(tx, now)
}
