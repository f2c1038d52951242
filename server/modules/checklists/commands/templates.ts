import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../../../db/client'
import { branches, checklistTemplates, rooms } from '../../../../db/schema/index'
import type { ChecklistItem, ItemKind, Schedule } from '../../../../domain/checklists/checklist'
import type { Actor } from '../../../../domain/roles'
import { ValidationError, type FieldMessages } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { findTemplate, type TemplateRow } from '../queries'

export interface ItemFields {
  key?: string
  text: string
  kind: ItemKind
  min?: number | null
  max?: number | null
  unit?: string | null
}

export interface TemplateFields {
  branchId: string
  roomId?: string | null
  name: string
  items: ItemFields[]
  schedule: Schedule
  weekday?: number | null
  monthDay?: number | null
  dueTime: string
  responsibleRole: string
  active: boolean
}

/** A template's change as the live feed says it. */
const templateChanged = (t: Pick<TemplateRow, 'id' | 'branchId'>, action: string) =>
  ({ name: 'entity.changed', payload: { type: 'checklist_template', id: t.id, action, branchId: t.branchId } }) as const

/** The items with their keys: each keeps its own, a new one gets the next free `i<n>`; a key given twice is refused. */
export function keyedItems(items: readonly ItemFields[]): ChecklistItem[] {
  const taken = new Set<string>()
  const bad: FieldMessages = {}
  items.forEach((i, n) => {
    if (!i.key) return
    if (taken.has(i.key)) bad[`items.${n}.key`] = 'checklists.itemKeyTaken'
    taken.add(i.key)
  })
  if (Object.keys(bad).length) throw ValidationError(bad)
  let next = 1
  return items.map((i) => {
    let key = i.key
    if (!key) {
      while (taken.has(`i${next}`)) next++
      key = `i${next}`
      taken.add(key)
    }
    const item: ChecklistItem = { key, text: i.text, kind: i.kind }
    if (i.kind === 'number') {
      item.min = i.min ?? null
      item.max = i.max ?? null
      item.unit = i.unit || null
    }
    return item
  })
}

/** Checks what a template refers to and that its schedule is whole: 400 naming the field. */
async function check(tx: Tx, f: TemplateFields) {
  const bad: FieldMessages = {}
  const [b] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, f.branchId)).limit(1)
  if (!b) bad.branchId = 'checklists.unknownBranch'
  if (f.roomId) {
    const [r] = await tx
      .select({ id: rooms.id })
      .from(rooms)
      .where(and(eq(rooms.id, f.roomId), eq(rooms.branchId, f.branchId)))
      .limit(1)
    if (!r) bad.roomId = 'checklists.unknownRoom'
  }
  if (f.schedule === 'weekly' && !f.weekday) bad.weekday = 'checklists.weekdayRequired'
  if (f.schedule === 'monthly' && !f.monthDay) bad.monthDay = 'checklists.monthDayRequired'
  if (Object.keys(bad).length) throw ValidationError(bad)
}

/** The columns of a template's fields (a weekday only for a weekly one, a day only for a monthly one). */
const columns = (f: TemplateFields) => ({
  branchId: f.branchId,
  roomId: f.roomId ?? null,
  name: f.name,
  items: keyedItems(f.items),
  schedule: f.schedule,
  weekday: f.schedule === 'weekly' ? (f.weekday ?? null) : null,
  monthDay: f.schedule === 'monthly' ? (f.monthDay ?? null) : null,
  dueTime: f.dueTime,
  responsibleRole: f.responsibleRole,
  active: f.active,
})

/** Defines a checklist template of a branch or room (`checklists.template.create`). */
export function createTemplate(ctx: CommandContext, actor: Actor, input: TemplateFields): Promise<TemplateRow> {
  return runCommand(ctx, 'checklists.template.create', async (tx) => {
    await check(tx, input)
    const [row] = await tx
      .insert(checklistTemplates)
      .values({ ...columns(input), createdBy: actor.id, updatedBy: actor.id })
      .returning()
    return { result: row, entity: 'checklist_template', entityId: row.id, after: row, events: [templateChanged(row, 'created')] }
  })
}

/**
 * Changes a template (`checklists.template.update`): what it names only. Checklists already made
 * keep the items they were made with; the next ones are made from the template as it is.
 */
export function updateTemplate(
  ctx: CommandContext,
  actor: Actor,
  id: string,
  patch: Partial<TemplateFields>,
): Promise<TemplateRow> {
  return runCommand(ctx, 'checklists.template.update', async (tx) => {
    const before = await findTemplate(tx, id)
    const merged: TemplateFields = {
      branchId: patch.branchId ?? before.branchId,
      roomId: patch.roomId !== undefined ? patch.roomId : before.roomId,
      name: patch.name ?? before.name,
      items: patch.items ?? (before.items as ChecklistItem[]),
      schedule: patch.schedule ?? (before.schedule as Schedule),
      weekday: patch.weekday !== undefined ? patch.weekday : before.weekday,
      monthDay: patch.monthDay !== undefined ? patch.monthDay : before.monthDay,
      dueTime: patch.dueTime ?? before.dueTime,
      responsibleRole: patch.responsibleRole ?? before.responsibleRole,
      active: patch.active ?? before.active,
    }
    await check(tx, merged)
    const [row] = await tx
      .update(checklistTemplates)
      .set({ ...columns(merged), updatedAt: new Date(), updatedBy: actor.id })
      .where(eq(checklistTemplates.id, id))
      .returning()
    return {
      result: row,
      entity: 'checklist_template',
      entityId: id,
      before,
      after: row,
      events: [templateChanged(row, 'updated')],
    }
  })
}
