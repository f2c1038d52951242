import * as Y from 'yjs'
import { formatDocName, parseDocKey } from '../docs/doc-names'

/**
 * Production control checklists (issue #20), shared by the server, the screens and the tests: the
 * items of a template, its schedule, the live document `checklist:<id>` a due checklist is filled
 * in, and what makes a filled checklist failed.
 *
 * The live document's root types:
 * - `items` Y.Map: itemKey → Y.Map { value, note, by (user id), byName, at (ISO) }: the value of a
 *   tick is 'ok' | 'failed', of a number a number, of a text a string; `by`/`at` sign who set it, when
 * - `meta`  Y.Map: written by the server when submitted: status ('submitted'), result ('ok' | 'failed'),
 *   submittedBy, submittedByName, submittedAt (ISO)
 */
export const CHECKLIST_DOC_TYPE = 'checklist'
export const ITEM_KINDS = ['tick', 'number', 'text'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]
export const SCHEDULES = ['daily', 'weekly', 'monthly'] as const
export type Schedule = (typeof SCHEDULES)[number]
export const TICK_VALUES = ['ok', 'failed'] as const

export interface ChecklistItem {
  key: string
  text: string
  kind: ItemKind
  /** A number's least and greatest acceptable values (either may be missing). */
  min?: number | null
  max?: number | null
  unit?: string | null
}

export interface ScheduleSpec {
  schedule: Schedule
  /** Weekly: ISO weekday (1 = Monday … 7). */
  weekday?: number | null
  /** Monthly: day of the month (1 … 28). */
  monthDay?: number | null
}

/** An item's filled value with its signature. */
export interface FilledItem {
  value: unknown
  note?: string
  by?: string
  byName?: string
  at?: string
}

/** `checklist:<id>` (domain/docs/doc-names.ts spells every document name). */
export const encodeChecklistDocName = (id: string): string => formatDocName({ type: 'checklist', checklistId: id })

/** The key of `checklist:<key>` → the checklist's id; null for any other spelling. */
export function parseChecklistKey(key: string): { checklistId: string } | null {
  const parsed = parseDocKey('checklist', key)
  return parsed ? { checklistId: parsed.checklistId } : null
}

/** Declares the root types (writes no update). */
export function initChecklistDoc(doc: Y.Doc): void {
  doc.getMap('items')
  doc.getMap('meta')
}

export const checklistItemsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('items')
export const checklistMetaOf = (doc: Y.Doc) => doc.getMap<unknown>('meta')

/** What the document holds, by item key. */
export function readChecklistValues(doc: Y.Doc): Record<string, FilledItem> {
  const out: Record<string, FilledItem> = {}
  for (const [key, m] of checklistItemsOf(doc)) {
    if (!(m instanceof Y.Map)) continue
    const note = m.get('note')
    out[key] = {
      value: m.get('value'),
      ...(typeof note === 'string' && note ? { note } : {}),
      ...(typeof m.get('by') === 'string' ? { by: m.get('by') as string } : {}),
      ...(typeof m.get('byName') === 'string' ? { byName: m.get('byName') as string } : {}),
      ...(typeof m.get('at') === 'string' ? { at: m.get('at') as string } : {}),
    }
  }
  return out
}

/** The item's map in the document, made when missing. */
function itemMap(doc: Y.Doc, key: string): Y.Map<unknown> {
  const items = checklistItemsOf(doc)
  let m = items.get(key)
  if (!(m instanceof Y.Map)) {
    m = new Y.Map<unknown>()
    items.set(key, m)
  }
  return m
}

/** Sets an item's value, signed by who set it and when (null clears it). */
export function setChecklistValue(
  doc: Y.Doc,
  key: string,
  value: unknown,
  signer: { id: string; name: string },
  at = new Date(),
) {
  doc.transact(() => {
    const m = itemMap(doc, key)
    if (value === null || value === undefined || value === '') m.delete('value')
    else m.set('value', value)
    m.set('by', signer.id)
    m.set('byName', signer.name)
    m.set('at', at.toISOString())
  })
}

/** Sets an item's note. */
export function setChecklistNote(doc: Y.Doc, key: string, note: string) {
  doc.transact(() => {
    const m = itemMap(doc, key)
    if (note) m.set('note', note)
    else m.delete('note')
  })
}

/** Who submitted it, when, and its result, once submitted. */
export function submittedMeta(doc: Y.Doc): { by: string; at: string; result: string } | null {
  const meta = checklistMetaOf(doc)
  if (meta.get('status') !== 'submitted') return null
  return {
    by: String(meta.get('submittedByName') ?? ''),
    at: String(meta.get('submittedAt') ?? ''),
    result: String(meta.get('result') ?? ''),
  }
}

/** A number as typed into a document (a number, or a decimal string), or null. */
export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && /^-?\d+([.,]\d+)?$/.test(value.trim())) return Number(value.trim().replace(',', '.'))
  return null
}

/** Is this item's value a failure (ticked failed, or a number out of its range)? */
export function itemFailed(item: ChecklistItem, value: unknown): boolean {
  if (item.kind === 'tick') return value === 'failed'
  if (item.kind === 'number') {
    const n = numberOf(value)
    if (n === null) return false
    return (
      (item.min !== null && item.min !== undefined && n < item.min) ||
      (item.max !== null && item.max !== undefined && n > item.max)
    )
  }
  return false
}

/** Is this item's value missing (a tick not ticked, a number not given; a text may stay empty)? */
export function itemMissing(item: ChecklistItem, value: unknown): boolean {
  if (item.kind === 'tick') return value !== 'ok' && value !== 'failed'
  if (item.kind === 'number') return numberOf(value) === null
  return false
}

/** The items that failed, in order. */
export function failedItems(items: readonly ChecklistItem[], values: Record<string, FilledItem>): ChecklistItem[] {
  return items.filter((i) => itemFailed(i, values[i.key]?.value))
}

/**
 * Is a checklist of this schedule due on this day (YYYY-MM-DD)?
 * @example isDueOn({ schedule: 'weekly', weekday: 1 }, '2026-12-07') // true: a Monday
 */
export function isDueOn(spec: ScheduleSpec, day: string): boolean {
  if (spec.schedule === 'daily') return true
  if (spec.schedule === 'weekly') {
    const d = new Date(day + 'T00:00:00Z')
    return ((d.getUTCDay() + 6) % 7) + 1 === spec.weekday
  }
  return Number(day.slice(8, 10)) === spec.monthDay
}

/** How it was done: on time, late (submitted after it was due), missed (never submitted, and due), or still to do. */
export type Timeliness = 'onTime' | 'late' | 'missed' | 'open'

export function timelinessOf(c: { status: string; dueAt: Date; submittedAt: Date | null }, now: Date): Timeliness {
  if (c.status === 'submitted' && c.submittedAt) return c.submittedAt.getTime() <= c.dueAt.getTime() ? 'onTime' : 'late'
  return now.getTime() > c.dueAt.getTime() ? 'missed' : 'open'
}
