import * as Y from 'yjs'
import { formatDocName, parseDocKey, parseDocName } from './doc-names'

/**
 * A user's personal workspace: `workspace:<userId>`.
 *
 * Roots:
 * - `todos`: Y.Map id → Y.Map { text: string, done: boolean, order: number, createdAt: ISO string }
 * - `notes`: Y.Text
 *
 * Only its owner writes; the owner role and the auditor may read.
 */
export const WORKSPACE_DOC_TYPE = 'workspace'
export const WORKSPACE_DOC_VERSION = 1
export const WORKSPACE_ROOTS = { todos: 'todos', notes: 'notes' } as const

export interface WorkspaceTodo {
  text: string
  done: boolean
  order: number
  /** ISO timestamp set by the client that created it. */
  createdAt: string
}

/** `workspace:<userId>`. */
export function encodeWorkspaceDocName(userId: string): string {
  return formatDocName({ type: 'workspace', userId })
}

/**
 * The owner's id, or null when the name is not a workspace name.
 * @example parseWorkspaceDocName('workspace:6f1c…') // { userId: '6f1c…' }
 */
export function parseWorkspaceDocName(name: string): { userId: string } | null {
  const parsed = parseDocName(name)
  return parsed?.type === 'workspace' ? { userId: parsed.userId } : null
}

/** The key part (`<userId>`) alone. */
export function parseWorkspaceKey(key: string): { userId: string } | null {
  const parsed = parseDocKey('workspace', key)
  return parsed ? { userId: parsed.userId } : null
}

export function todosOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(WORKSPACE_ROOTS.todos)
}

export function notesOf(doc: Y.Doc): Y.Text {
  return doc.getText(WORKSPACE_ROOTS.notes)
}

/**
 * Declares the roots on a fresh doc. Root types need no content to exist, so this writes
 * no update: every replica starts identical without anyone authoring an "empty" state.
 */
export function initWorkspace(doc: Y.Doc): void {
  todosOf(doc)
  notesOf(doc)
}

/**
 * Adds a todo in one transaction (whole Y.Map at once, so it arrives as one `add`).
 * @example addTodo(doc, crypto.randomUUID(), { text: 'Call the plumber' })
 */
export function addTodo(doc: Y.Doc, id: string, todo: Partial<WorkspaceTodo> & { text: string }): void {
  const map = new Y.Map<unknown>()
  map.set('text', todo.text)
  map.set('done', todo.done ?? false)
  map.set('order', todo.order ?? todosOf(doc).size)
  map.set('createdAt', todo.createdAt ?? new Date().toISOString())
  todosOf(doc).set(id, map)
}

/** Plain JSON of the whole workspace (todos keyed by id). */
export function workspaceToJSON(doc: Y.Doc): { todos: Record<string, WorkspaceTodo>; notes: string } {
  return { todos: todosOf(doc).toJSON(), notes: notesOf(doc).toString() }
}
