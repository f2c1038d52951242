import { api, withQuery } from './api'

/** One described change (server/realtime/collab/describe.ts): dotted path from the root, kind, JSON before/after. */
export interface DocChange {
  path: string
  kind: 'add' | 'update' | 'delete' | 'insert' | 'remove'
  before: unknown
  after: unknown
}

/** One stored update of a live document: who, when, what. */
export interface DocHistoryItem {
  seq: number
  at: string
  actor: { id: string; login: string } | null
  changes: DocChange[]
}

/** A page of a document's history, newest first; pass nextCursor for older ones. */
export const fetchDocHistory = (docName: string, cursor?: string | null, limit = 30) =>
  api<{ items: DocHistoryItem[]; nextCursor: string | null }>('GET', withQuery(`/api/docs/${encodeURIComponent(docName)}/history`, { cursor: cursor ?? undefined, limit }))

/**
 * Merges a fresh first page into what is shown: new items on top, older ones kept, no
 * duplicates, newest first.
 */
export function mergeHistory(shown: DocHistoryItem[], fresh: DocHistoryItem[]): DocHistoryItem[] {
  const bySeq = new Map<number, DocHistoryItem>()
  for (const i of shown) bySeq.set(i.seq, i)
  for (const i of fresh) bySeq.set(i.seq, i)
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq)
}

/** History rows as shown: consecutive typing in one text by one person within `windowMs` folds into one row. */
export interface HistoryRow {
  key: string
  at: string
  actor: DocHistoryItem['actor']
  changes: DocChange[]
  /** how many stored updates this row stands for */
  count: number
}

const textOnly = (i: DocHistoryItem) => i.changes.length > 0 && i.changes.every((c) => c.kind === 'insert' || c.kind === 'remove')
const samePaths = (a: DocHistoryItem, b: DocHistoryItem) => a.changes.map((c) => c.path).join() === b.changes.map((c) => c.path).join() || (new Set([...a.changes, ...b.changes].map((c) => c.path)).size === 1)

/**
 * Folds bursts of text edits (one row per keystroke otherwise) into one row per person and text.
 * Items are newest first; a row keeps the newest time.
 */
export function foldHistory(items: DocHistoryItem[], windowMs = 2 * 60_000): HistoryRow[] {
  const rows: HistoryRow[] = []
  let lastItem: DocHistoryItem | null = null
  for (const item of items) {
    const row = rows[rows.length - 1]
    if (
      row &&
      lastItem &&
      textOnly(item) &&
      textOnly(lastItem) &&
      item.actor?.id === row.actor?.id &&
      samePaths(item, lastItem) &&
      Date.parse(lastItem.at) - Date.parse(item.at) <= windowMs
    ) {
      row.changes = [...item.changes, ...row.changes]
      row.count++
    } else {
      rows.push({ key: String(item.seq), at: item.at, actor: item.actor, changes: item.changes, count: 1 })
    }
    lastItem = item
  }
  return rows
}
