import { and, eq, inArray, lt, sql } from 'drizzle-orm'
import { queryRows, type Db, type Queryable } from '../../../db/client'
import { branches, checklists, checklistTemplates } from '../../../db/schema/index'
import { isDueOn, type ScheduleSpec } from '../../../domain/checklists/checklist'
import { addDays, localDateTime, zonedDateTime } from '../../../domain/docs/timetable-week'
import type { CommandContext } from '../../http/command'
import { runCommand } from '../../http/command'
import type { EventBus } from '../../events/bus'
import { defineJob } from '../../jobs/index'
import { applyAlerts, type AlertEvent, type RaiseInput } from '../alerts/index'
import { checklistAlerts, forRole } from './alert-kinds'

/**
 * Makes the checklists due from each active template on the days from `from` to `to` (each branch's
 * local days; by default today there), once per template and day (a unique key: running twice makes
 * nothing twice). One command (`checklists.generate`) with its audit row when it made any; returns
 * how many it made.
 */
export async function generateDue(
  ctx: CommandContext,
  opts: {
    now?: Date
    branchId?: string
    days?: number
    /** audited even when nothing is made (asked for by someone) */ always?: boolean
  } = {},
): Promise<number> {
  const now = opts.now ?? new Date()
  const templates = await ctx.db
    .select({ t: checklistTemplates, tz: branches.timezone })
    .from(checklistTemplates)
    .innerJoin(branches, eq(branches.id, checklistTemplates.branchId))
    .where(and(eq(checklistTemplates.active, true), opts.branchId ? eq(checklistTemplates.branchId, opts.branchId) : undefined))
  const rows: Array<typeof checklists.$inferInsert> = []
  for (const { t, tz } of templates) {
    const today = localDateTime(tz || 'UTC', now).date
    for (let back = (opts.days ?? 1) - 1; back >= 0; back--) {
      const day = addDays(today, -back)
      if (!isDueOn(t as ScheduleSpec, day)) continue
      rows.push({
        templateId: t.id,
        branchId: t.branchId,
        roomId: t.roomId,
        name: t.name,
        items: t.items,
        responsibleRole: t.responsibleRole,
        dueOn: day,
        dueAt: new Date(zonedDateTime(day, t.dueTime, tz || 'UTC')),
      })
    }
  }
  if (!rows.length && !opts.always) return 0
  // the common case (the job every few minutes): everything already made, nothing to audit
  const existing = !rows.length
    ? []
    : await ctx.db
        .select({ templateId: checklists.templateId, dueOn: checklists.dueOn })
        .from(checklists)
        .where(
          and(
            inArray(checklists.templateId, [...new Set(rows.map((r) => r.templateId))]),
            inArray(checklists.dueOn, [...new Set(rows.map((r) => r.dueOn))]),
          ),
        )
  const made = new Set(existing.map((e) => `${e.templateId}@${e.dueOn}`))
  const fresh = rows.filter((r) => !made.has(`${r.templateId}@${r.dueOn}`))
  if (!fresh.length && !opts.always) return 0
  return runCommand(ctx, 'checklists.generate', async (tx) => {
    const inserted = fresh.length
      ? await tx.insert(checklists).values(fresh).onConflictDoNothing().returning({ id: checklists.id })
      : []
    return {
      result: inserted.length,
      entity: 'checklist',
      entityId: null,
      after: { made: inserted.map((i) => i.id) },
      events: [
        { name: 'entity.changed', payload: { type: 'checklist', id: '*', action: 'generated', branchId: opts.branchId ?? null } },
      ],
    }
  })
}

/**
 * Raises `checklist_overdue` (subject `checklist:<id>`, its branch, to its responsible role) for
 * every open checklist whose due time has passed, and clears it for those submitted meanwhile. One
 * transaction; idempotent. `now` for tests.
 */
export async function reviewOverdue(db: Queryable, now = new Date()): Promise<AlertEvent[]> {
  return db.transaction(async (tx) => {
    const open = await tx
      .select({ c: checklists, tz: branches.timezone, branch: branches.name })
      .from(checklists)
      .innerJoin(branches, eq(branches.id, checklists.branchId))
      .where(and(eq(checklists.status, 'open'), lt(checklists.dueAt, now)))
    const raise: RaiseInput[] = open.map(({ c, tz, branch }) => ({
      kind: forRole(checklistAlerts.checklist_overdue, c.responsibleRole),
      subject: `checklist:${c.id}`,
      message: {
        id: 'checklists.alert.overdue',
        params: { name: c.name, branch, due: { at: c.dueAt.toISOString(), timeZone: tz || 'UTC' } },
      },
      details: { checklistId: c.id, dueOn: c.dueOn },
      branchId: c.branchId,
      by: null,
    }))
    const stale = await openOverdueSubmitted(tx)
    return applyAlerts(
      tx,
      raise,
      stale.map((id) => ({ kind: checklistAlerts.checklist_overdue.kind, subject: `checklist:${id}` })),
      null,
    )
  })
}

/** Checklists submitted whose overdue flag is still up (a submission clears it at once; this is the job's safety net). */
async function openOverdueSubmitted(tx: Queryable): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select c.id from alerts a join checklists c on a.subject = 'checklist:' || c.id::text
        where a.kind = 'checklist_overdue' and a.cleared_at is null and c.status = 'submitted'`,
  )
  return rows.map((r) => r.id)
}

/** The job's command context: the system, no request. */
export function systemContext(db: Db, events: EventBus, requestId: string): CommandContext {
  return { db, events, actor: null, requestId, audited: false }
}

/** Every ten minutes: today's (and yesterday's) checklists made, the overdue ones flagged (once across instances). */
export const checklistsDueJob = defineJob({
  name: 'checklists.due',
  schedule: () => Promise.resolve({ cron: '*/10 * * * *', timeZone: 'UTC' }),
  async run(ctx) {
    const now = ctx.now()
    // yesterday's too: a day the server was down still has its checklists (missed, in the month's report)
    await generateDue(systemContext(ctx.database.db, ctx.events, `job:checklists.due:${now.toISOString()}`), { now, days: 2 })
    const events = await reviewOverdue(ctx.database.db, now)
    for (const e of events) ctx.events.emit(e.name, e.payload)
  },
})
