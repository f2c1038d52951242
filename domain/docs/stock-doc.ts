import * as Y from 'yjs'
import { formatDocName, parseDocKey } from './doc-names'

/**
 * A stock document while it is a draft, document `stock-doc:<docId>` (issue #18): a receipt,
 * write-off, transfer, inventory count or return that several storekeepers fill at once (a count
 * sheet split across shelves). Posting it is a command that reads these lines; from then on the
 * document is read-only and `meta` says who posted it and when.
 *
 * Root types:
 * - `lines` Y.Map: lineKey → Y.Map { productId, quantity (a number; in a count, what was counted),
 *           unitCost? (minor units per unit), note? }
 * - `meta`  Y.Map: note; written by the server when posted: status ('posted'), postedBy, postedAt (ISO)
 */
export const STOCK_DOC_TYPE = 'stock-doc'

/** A line as the document holds it: values are whatever was typed (posting validates them). */
export interface StockDocLine {
  key: string
  productId: unknown
  quantity: unknown
  unitCost?: unknown
  note?: unknown
}

/** `stock-doc:<docId>` (domain/docs/doc-names.ts spells every document name). */
export function encodeStockDocName(docId: string): string {
  return formatDocName({ type: 'stock-doc', docId })
}

/** The key of `stock-doc:<key>` → the document's id; null for any other spelling. */
export function parseStockDocKey(key: string): { docId: string } | null {
  const parsed = parseDocKey('stock-doc', key)
  return parsed ? { docId: parsed.docId } : null
}

/** Declares the root types (writes no update). */
export function initStockDoc(doc: Y.Doc): void {
  doc.getMap('lines')
  doc.getMap('meta')
}

export const stockLinesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('lines')
export const stockMetaOf = (doc: Y.Doc) => doc.getMap<unknown>('meta')

/** The document's lines, in key order (a plain object per line; values as typed). */
export function readStockLines(doc: Y.Doc): StockDocLine[] {
  const out: StockDocLine[] = []
  for (const [key, value] of stockLinesOf(doc)) {
    if (!(value instanceof Y.Map)) {
      out.push({ key, productId: undefined, quantity: undefined })
      continue
    }
    out.push({
      key,
      productId: value.get('productId'),
      quantity: value.get('quantity'),
      unitCost: value.get('unitCost'),
      note: value.get('note'),
    })
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

/** Adds or replaces a line (the screens and the tests write lines this way). */
export function setStockLine(doc: Y.Doc, key: string, line: Omit<StockDocLine, 'key'>): void {
  const m = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(line)) if (v !== undefined) m.set(k, v)
  stockLinesOf(doc).set(key, m)
}
