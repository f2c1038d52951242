import type * as Y from 'yjs'
import { WORKSPACE_DOC_TYPE, addTodo, encodeWorkspaceDocName, notesOf, parseWorkspaceDocName, todosOf } from '../../../domain/docs/workspace'
import type { DocChange } from './doc-history'
import { t } from '../i18n/locale'

/** The personal workspace document (shape in domain/docs/workspace.ts, shared with the server). */
export { WORKSPACE_DOC_TYPE, addTodo, encodeWorkspaceDocName, notesOf, parseWorkspaceDocName, todosOf }

/** Calls `onChange` after any change of the to-dos (added, ticked, edited, moved, deleted). Returns a disposer. */
export function subscribeTodos(todos: Y.Map<Y.Map<unknown>>, onChange: () => void): () => void {
  todos.observeDeep(onChange)
  return () => todos.unobserveDeep(onChange)
}

/**
 * Calls `onEdit` after each transaction that changed the document, ours or another's (not
 * Yjs's 'update' event: Yjs would encode every transaction for it). Returns a disposer.
 */
export function subscribeDocEdits(doc: Y.Doc, onEdit: () => void): () => void {
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.changed.size === 0 && tr.deleteSet.clients.size === 0) return
    onEdit()
  }
  doc.on('afterTransaction', onTransaction)
  return () => doc.off('afterTransaction', onTransaction)
}

/** A to-do as the list shows it. */
export interface TodoView {
  id: string
  text: string
  done: boolean
  order: number
  createdAt: string
  map: Y.Map<unknown>
}

/** The to-dos in display order: by `order`, then creation time, then id (stable on every screen). */
export function sortedTodos(todos: Y.Map<Y.Map<unknown>>): TodoView[] {
  const out: TodoView[] = []
  for (const [id, map] of todos) {
    if (!map || typeof map.get !== 'function') continue
    out.push({
      id,
      map,
      text: String(map.get('text') ?? ''),
      done: map.get('done') === true,
      order: typeof map.get('order') === 'number' ? (map.get('order') as number) : 0,
      createdAt: String(map.get('createdAt') ?? ''),
    })
  }
  return out.sort((a, b) => a.order - b.order || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
}

/** An `order` after every to-do. */
export function nextOrder(list: TodoView[]): number {
  return list.length ? Math.max(...list.map((t) => t.order)) + 1 : 0
}

/**
 * The `order` changes that move item `index` one step up (-1) or down (+1). Usually one: the
 * item goes halfway between the neighbours it lands between (one small update, merges well).
 * When neighbours share an order (two tabs added at once) there is no room, and the whole list
 * is renumbered in its new order.
 */
export function moveTodo(list: TodoView[], index: number, step: -1 | 1): Array<{ map: Y.Map<unknown>; order: number }> {
  const target = index + step
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return []
  const neighbour = list[target]
  const beyond = list[target + step]
  const order = beyond ? (neighbour.order + beyond.order) / 2 : neighbour.order + step
  const strictlyBetween = beyond ? order !== neighbour.order && order !== beyond.order : true
  if (strictlyBetween) return [{ map: list[index].map, order }]
  const reordered = [...list]
  const [moved] = reordered.splice(index, 1)
  reordered.splice(target, 0, moved)
  return reordered.map((t, i) => ({ map: t.map, order: i })).filter((c, i) => reordered[i].order !== c.order)
}

/** A short id for a new to-do (crypto.randomUUID needs a secure context, so fall back). */
export function newTodoId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** A text as a change description quotes it: one line, cut at `max` characters (the catalogue adds the quotes). */
const clip = (s: unknown, max = 60) => {
  const text = String(s ?? '').replace(/\s+/g, ' ').trim()
  return text.length > max ? text.slice(0, max - 1) + '…' : text
}

/**
 * One history change of a workspace in words.
 * @example describeWorkspaceChange({ path: 'todos.ab12.done', kind: 'update', before: false, after: true }, () => 'Call Anna') // 'Ticked “Call Anna”'
 */
export function describeWorkspaceChange(c: DocChange, todoText: (id: string) => string | undefined): string {
  const [root, id, field] = c.path.split('.')
  if (root === 'todos' && id) {
    const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {})
    const text = clip(obj(c.after).text ?? obj(c.before).text ?? todoText(id) ?? t('workspace.change.aTodo'))
    if (!field) {
      if (c.kind === 'add') return t('workspace.change.added', { text })
      if (c.kind === 'delete') return t('workspace.change.deleted', { text })
      return t('workspace.change.changed', { text })
    }
    const current = clip(todoText(id) ?? t('workspace.change.aTodo'))
    if (field === 'text') return t('workspace.change.renamed', { before: clip(c.before), after: clip(c.after) })
    if (field === 'done') return t(c.after === true ? 'workspace.change.ticked' : 'workspace.change.unticked', { text: current })
    if (field === 'order') return t('workspace.change.moved', { text: current })
    return t('workspace.change.field', { field, text: current })
  }
  if (root === 'notes') {
    if (c.kind === 'insert') return t('workspace.change.notesWrote', { text: clip(c.after, 80) })
    if (c.kind === 'remove') return t('workspace.change.notesDeleted', { text: clip(c.before, 80) })
  }
  return t('workspace.change.other', { path: c.path, kind: c.kind })
}
