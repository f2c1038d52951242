import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, type SQL } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { activities, checklistPhotos, checklists, checklistTemplates, groups } from '../../../db/schema/index'
import { NotFoundError } from '../../errors'

export type TemplateRow = typeof checklistTemplates.$inferSelect
export type ChecklistRow = typeof checklists.$inferSelect

/** A template, or 404. */
export async function findTemplate(db: Queryable, id: string): Promise<TemplateRow> {
  const [row] = isUuid(id) ? await db.select().from(checklistTemplates).where(eq(checklistTemplates.id, id)).limit(1) : []
  if (!row) throw NotFoundError('checklists.notFound.template')
  return row
}

/** A checklist, or 404. */
export async function findChecklist(db: Queryable, id: string): Promise<ChecklistRow> {
  const [row] = isUuid(id) ? await db.select().from(checklists).where(eq(checklists.id, id)).limit(1) : []
  if (!row) throw NotFoundError('checklists.notFound.checklist')
  rememberChecklist(row.id, { branchId: row.branchId, submitted: row.status === 'submitted' })
  return row
}

export const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)

/** The templates of these branches (null: every branch), by name. */
export function listTemplates(db: Queryable, branchIds: string[] | null, branchId?: string) {
  const where: SQL[] = []
  if (branchIds) where.push(inArray(checklistTemplates.branchId, branchIds))
  if (branchId) where.push(eq(checklistTemplates.branchId, branchId))
  return db
    .select()
    .from(checklistTemplates)
    .where(and(...where))
    .orderBy(asc(checklistTemplates.name))
}

/** The checklists of these branches due between two days (inclusive), newest day first. */
export function listChecklists(
  db: Queryable,
  q: { branchIds: string[] | null; branchId?: string; from?: string; to?: string; status?: string; limit?: number },
) {
  const where: SQL[] = []
  if (q.branchIds) where.push(inArray(checklists.branchId, q.branchIds))
  if (q.branchId) where.push(eq(checklists.branchId, q.branchId))
  if (q.from) where.push(gte(checklists.dueOn, q.from))
  if (q.to) where.push(lte(checklists.dueOn, q.to))
  if (q.status) where.push(eq(checklists.status, q.status))
  return db
    .select()
    .from(checklists)
    .where(and(...where))
    .orderBy(desc(checklists.dueOn), asc(checklists.dueAt), asc(checklists.name))
    .limit(q.limit ?? 500)
}

/** The photos of a checklist (without their bytes), oldest first. */
export function photosOf(db: Queryable, checklistId: string) {
  return db
    .select({
      id: checklistPhotos.id,
      itemKey: checklistPhotos.itemKey,
      fileName: checklistPhotos.fileName,
      mime: checklistPhotos.mime,
      size: checklistPhotos.size,
      createdAt: checklistPhotos.createdAt,
      createdBy: checklistPhotos.createdBy,
    })
    .from(checklistPhotos)
    .where(eq(checklistPhotos.checklistId, checklistId))
    .orderBy(asc(checklistPhotos.createdAt))
}

/**
 * What the document server must know of a checklist without waiting for the database (its access
 * rule is synchronous): its branch and whether it is submitted. Learnt when a connection opens it
 * and when this instance submits it; a submission evicts the document, so its editors reconnect
 * and are asked again. Unknown means not writable.
 */
export interface ChecklistFacts {
  branchId: string
  submitted: boolean
}
const MAX_KNOWN = 20_000
const known = new Map<string, ChecklistFacts>()

export function rememberChecklist(id: string, facts: ChecklistFacts): void {
  known.delete(id)
  known.set(id, facts)
  if (known.size > MAX_KNOWN) known.delete(known.keys().next().value as string)
}

export const checklistFacts = (id: string): ChecklistFacts | null => known.get(id) ?? null

/** Reads a checklist's facts and remembers them; null when there is no such checklist. */
export async function loadChecklistFacts(db: Queryable, id: string): Promise<ChecklistFacts | null> {
  const [row] = await db
    .select({ branchId: checklists.branchId, status: checklists.status })
    .from(checklists)
    .where(eq(checklists.id, id))
    .limit(1)
  if (!row) return null
  const facts = { branchId: row.branchId, submitted: row.status === 'submitted' }
  rememberChecklist(id, facts)
  return facts
}

/**
 * The activity norms a checklist rests on: the safety and hygiene notes of the activities whose
 * groups meet in its room (in its branch when it is the whole branch's), by activity name.
 */
export async function normsOf(db: Queryable, c: { branchId: string; roomId: string | null }) {
  const rows = await db
    .selectDistinct({ activity: activities.name, safetyNotes: activities.safetyNotes })
    .from(groups)
    .innerJoin(activities, eq(activities.id, groups.activityId))
    .where(
      and(
        eq(groups.branchId, c.branchId),
        c.roomId ? eq(groups.roomId, c.roomId) : undefined,
        isNull(groups.deletedAt),
        ne(activities.safetyNotes, ''),
      ),
    )
    .orderBy(asc(activities.name))
  return rows
}
