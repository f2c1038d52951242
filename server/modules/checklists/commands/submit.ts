import { and, eq } from 'drizzle-orm'
import { checklists } from '../../../../db/schema/index'
import {
  checklistItemsOf,
  checklistMetaOf,
  encodeChecklistDocName,
  failedItems,
  itemMissing,
  readChecklistValues,
  type ChecklistItem,
  type FilledItem,
} from '../../../../domain/checklists/checklist'
import type { Actor } from '../../../../domain/roles'
import { AppError, ConflictError, type FieldMessages } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import type { AppDeps } from '../../../http/context'
import { clearAlert, raiseAlert, type AlertEvent } from '../../alerts/index'
import { checklistAlerts, forRole } from '../alert-kinds'
import { findChecklist, rememberChecklist, type ChecklistRow } from '../queries'

/** The values of a checklist's live document, as they are now (read from the document server). */
export async function liveValues(deps: Pick<AppDeps, 'docs'>, id: string, actor: Actor): Promise<Record<string, FilledItem>> {
  if (!deps.docs) throw new AppError(503, 'unavailable', 'checklists.docServerDown')
  let values: Record<string, FilledItem> = {}
  await deps.docs.applyAsUser(encodeChecklistDocName(id), actor, (doc) => {
    values = readChecklistValues(doc)
  })
  return values
}

/**
 * Submits a checklist as its live document stands (`checklists.submit`): every tick ticked and
 * every number given (409 naming each missing item, nothing written), its values kept on the row,
 * its result failed when an item was ticked failed or a number is out of its range. The overdue
 * flag is cleared; a failed checklist raises `checklist_failed` to its responsible role. From then
 * on it is locked (the document refuses edits).
 */
export function submitChecklist(
  ctx: CommandContext,
  actor: Actor,
  id: string,
  values: Record<string, FilledItem>,
  /** When it was submitted (the demo's month of history); now by default. */
  at: Date = new Date(),
): Promise<ChecklistRow> {
  return runCommand(ctx, 'checklists.submit', async (tx) => {
    const before = await findChecklist(tx, id)
    if (before.status === 'submitted') throw ConflictError('checklists.alreadySubmitted')
    const items = before.items as ChecklistItem[]
    const missing: FieldMessages = {}
    for (const i of items) if (itemMissing(i, values[i.key]?.value)) missing[`items.${i.key}`] = 'checklists.itemMissing'
    if (Object.keys(missing).length) throw ConflictError('checklists.cannotSubmit', missing)
    const kept: Record<string, FilledItem> = {}
    for (const i of items) if (values[i.key]) kept[i.key] = values[i.key]
    const failed = failedItems(items, kept)
    const [row] = await tx
      .update(checklists)
      .set({ status: 'submitted', result: failed.length ? 'failed' : 'ok', values: kept, submittedAt: at, submittedBy: actor.id })
      .where(and(eq(checklists.id, id), eq(checklists.status, 'open')))
      .returning()
    if (!row) throw ConflictError('checklists.alreadySubmitted')
    const events: AlertEvent[] = []
    const subject = `checklist:${id}`
    const cleared = await clearAlert(tx, checklistAlerts.checklist_overdue.kind, subject, actor.id)
    if (cleared) events.push(cleared)
    if (failed.length) {
      const raised = await raiseAlert(tx, {
        kind: forRole(checklistAlerts.checklist_failed, row.responsibleRole),
        subject,
        message: { id: 'checklists.alert.failed', params: { name: row.name, items: { list: failed.map((f) => f.text) } } },
        details: { checklistId: id, items: failed.map((f) => f.key) },
        branchId: row.branchId,
        by: actor.id,
      })
      if (raised) events.push(raised)
    }
    return {
      result: row,
      entity: 'checklist',
      entityId: id,
      before: { status: before.status },
      after: { status: row.status, result: row.result, values: kept },
      events: [
        ...events,
        { name: 'entity.changed', payload: { type: 'checklist', id, action: 'submitted', branchId: row.branchId } },
      ],
    }
  })
}

/**
 * After a submission has committed: the document says it is submitted (by whom, when, its result),
 * and its editors are disconnected so that they come back read-only. The submission stands
 * whatever happens here.
 */
export async function showSubmitted(deps: Pick<AppDeps, 'docs' | 'logger'>, row: ChecklistRow, actor: Actor): Promise<void> {
  rememberChecklist(row.id, { branchId: row.branchId, submitted: true })
  const name = encodeChecklistDocName(row.id)
  try {
    await deps.docs?.applyAsUser(name, actor, (doc) => {
      const kept = (row.values ?? {}) as Record<string, FilledItem>
      // a value typed while the submission ran is put back as it was submitted
      const live = checklistItemsOf(doc)
      for (const [key, m] of live) {
        const v = kept[key]
        if (v && m.get('value') !== v.value) m.set('value', v.value)
      }
      const meta = checklistMetaOf(doc)
      meta.set('status', 'submitted')
      meta.set('result', row.result)
      meta.set('submittedBy', actor.id)
      meta.set('submittedByName', actor.name)
      meta.set('submittedAt', (row.submittedAt ?? new Date()).toISOString())
    })
    await deps.docs?.evict?.(name, 'checklists.submittedLocked')
  } catch (err) {
    deps.logger.warn({ err, doc: name }, 'the checklist is submitted; its live document could not be updated')
  }
}
