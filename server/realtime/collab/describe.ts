import * as Y from 'yjs'

/** What one update changed, in domain terms. The audit trail reads only this, never the raw bytes. */
export interface DocChange {
  /** Dotted path from the root type: `todos.<id>.done`, `notes`. */
  path: string
  kind: 'add' | 'update' | 'delete' | 'insert' | 'remove'
  before: unknown
  after: unknown
}

/** Longest text kept in a described change; longer values are cut with an ellipsis. */
export const MAX_DESCRIBED_TEXT = 1000

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>

const existedBefore = (item: Y.Item, txn: Y.Transaction) => item.id.clock < (txn.beforeState.get(item.id.client) ?? 0)
const deletedNow = (item: Y.Item, txn: Y.Transaction) => item.deleted && Y.isDeleted(txn.deleteSet, item.id)
/** Visible just before the transaction: existed and was not yet deleted. */
const aliveBefore = (item: Y.Item, txn: Y.Transaction) => existedBefore(item, txn) && (!item.deleted || deletedNow(item, txn))

function clip(value: string): string {
  return value.length > MAX_DESCRIBED_TEXT ? value.slice(0, MAX_DESCRIBED_TEXT) + '…' : value
}

/** The last value an item holds (map entries hold one). */
function itemValue(item: Y.Item): unknown {
  const content = item.content.getContent()
  return content[content.length - 1]
}

/** JSON of a value as it is now. */
export function jsonAfter(value: unknown): unknown {
  if (value instanceof Y.AbstractType) return clipJson(value.toJSON())
  return clipJson(value)
}

function clipJson(value: unknown): unknown {
  if (typeof value === 'string') return clip(value)
  if (value instanceof Uint8Array) return `<${value.length} bytes>`
  if (Array.isArray(value)) return value.map(clipJson)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = clipJson(v)
    return out
  }
  return value === undefined ? null : value
}

/** The map entry that was current for a key just before the transaction, or null. */
function mapItemBefore(item: Y.Item | undefined | null, txn: Y.Transaction): Y.Item | null {
  let it: Y.Item | null = item ?? null
  // _map points at the newest entry for the key; older entries for the same key sit to its left
  while (it !== null && !existedBefore(it, txn)) it = it.left
  if (it === null) return null
  return it.deleted && !deletedNow(it, txn) ? null : it
}

/** JSON of a value as it was just before the transaction (deleted content is still readable then). */
export function jsonBefore(value: unknown, txn: Y.Transaction): unknown {
  if (value instanceof Y.Map) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of (value as Y.Map<unknown>)._map) {
      const it = mapItemBefore(item, txn)
      if (it) out[key] = jsonBefore(itemValue(it), txn)
    }
    return out
  }
  if (value instanceof Y.Text) {
    let s = ''
    for (let n = value._start; n !== null; n = n.right) {
      if (n.countable && aliveBefore(n, txn) && n.content instanceof Y.ContentString) s += n.content.str
    }
    return clip(s)
  }
  if (value instanceof Y.Array) {
    const out: unknown[] = []
    for (let n = value._start; n !== null; n = n.right) {
      if (n.countable && aliveBefore(n, txn)) for (const v of n.content.getContent()) out.push(jsonBefore(v, txn))
    }
    return out
  }
  return jsonAfter(value)
}

/** Path segments from the root type down to `type` (root name first). */
export function pathOf(type: AnyType): string[] {
  const segments: string[] = []
  let t: AnyType = type
  while (t._item !== null) {
    const item = t._item
    const parent = item.parent as AnyType
    if (item.parentSub !== null) segments.unshift(item.parentSub)
    else {
      let index = 0
      for (let n = parent._start; n !== null && n !== item; n = n.right) if (!n.deleted && n.countable) index += n.length
      segments.unshift(String(index))
    }
    t = parent
  }
  segments.unshift(Y.findRootTypeKey(t))
  return segments
}

/** Key changes of a map type: add / update / delete with before and after values. */
export function describeMapChanges(type: AnyType, keys: Set<string | null>, txn: Y.Transaction, path: string): DocChange[] {
  const out: DocChange[] = []
  for (const key of keys) {
    if (key === null) continue
    const current = type._map.get(key)
    const beforeItem = mapItemBefore(current, txn)
    const afterItem = current && !current.deleted ? current : null
    if (beforeItem === afterItem) continue
    const before = beforeItem ? jsonBefore(itemValue(beforeItem), txn) : null
    const after = afterItem ? jsonAfter(itemValue(afterItem)) : null
    const kind = beforeItem === null ? 'add' : afterItem === null ? 'delete' : 'update'
    if (kind === 'update' && !(before instanceof Object) && before === after) continue
    out.push({ path: `${path}.${key}`, kind, before, after })
  }
  return out
}

/** Items of `type` this transaction inserted (still visible) or deleted (visible before). */
function changedItems(type: AnyType, txn: Y.Transaction): Y.Item[] {
  const out: Y.Item[] = []
  const store = txn.doc.store
  txn.afterState.forEach((after, client) => {
    const before = txn.beforeState.get(client) ?? 0
    if (after <= before) return
    const structs = store.clients.get(client)
    if (!structs) return
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const s = structs[i]
      if (s instanceof Y.Item && s.parent === type && s.countable && !s.deleted) out.push(s)
    }
  })
  Y.iterateDeletedStructs(txn, txn.deleteSet, (s) => {
    if (s instanceof Y.Item && s.parent === type && s.countable && existedBefore(s, txn)) out.push(s)
  })
  return out
}

/**
 * Inserted and removed runs of a list type (text: strings; arrays: values). Only the changed
 * items and their neighbours are visited, never the whole list (a long note stays cheap).
 */
export function describeListChanges(type: AnyType, txn: Y.Transaction, path: string): DocChange[] {
  const isText = type instanceof Y.Text
  const kindOf = (n: Y.Item): 'insert' | 'remove' | 'skip' | null => {
    if (!n.countable) return 'skip'
    const added = !existedBefore(n, txn)
    if (added) return n.deleted ? 'skip' : 'insert' // created and deleted in one transaction: invisible
    return deletedNow(n, txn) ? 'remove' : null
  }
  const runs: Array<{ kind: 'insert' | 'remove'; parts: unknown[] }> = []
  const seen = new Set<Y.Item>()
  for (const item of changedItems(type, txn)) {
    if (seen.has(item)) continue
    // back to the first item of this run (skipping invisible ones), then forward collecting
    let start: Y.Item = item
    for (let l = item.left; l !== null; l = l.left) {
      const k = kindOf(l)
      if (k === null || (k !== 'skip' && k !== kindOf(item))) break
      if (k !== 'skip') start = l
    }
    let run: { kind: 'insert' | 'remove'; parts: unknown[] } | null = null
    for (let n: Y.Item | null = start; n !== null; n = n.right) {
      const k = kindOf(n)
      if (k === 'skip') continue
      if (k === null || (run && run.kind !== k)) break
      seen.add(n)
      if (!run) runs.push((run = { kind: k, parts: [] }))
      if (isText) run.parts.push(n.content instanceof Y.ContentString ? n.content.str : '\uFFFC')
      else for (const v of n.content.getContent()) run.parts.push(k === 'insert' ? jsonAfter(v) : jsonBefore(v, txn))
    }
  }
  // removals first, then insertions (a replacement reads "remove X, insert Y")
  runs.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'remove' ? -1 : 1))
  return runs.map((r) => {
    const value = isText ? clip(r.parts.join('')) : r.parts
    return r.kind === 'insert'
      ? { path, kind: 'insert', before: null, after: value }
      : { path, kind: 'remove', before: value, after: null }
  })
}

/**
 * Everything one transaction changed, walked from `transaction.changed` before the deleted
 * content is garbage-collected (call it from `afterTransaction`). Types deleted in the same
 * transaction are reported once, as the parent's `delete`.
 * @example doc.on('afterTransaction', (txn) => console.log(describeTransaction(txn)))
 */
export function describeTransaction(txn: Y.Transaction): DocChange[] {
  const out: DocChange[] = []
  for (const [type, keys] of txn.changed) {
    if (type._item !== null && type._item.deleted) continue
    const path = pathOf(type).join('.')
    if (keys.size > 1 || !keys.has(null)) out.push(...describeMapChanges(type, keys, txn, path))
    if (keys.has(null)) out.push(...describeListChanges(type, txn, path))
  }
  return out
}
