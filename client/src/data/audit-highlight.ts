import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type * as Y from 'yjs'
import { api } from './api'

/**
 * "Highlight since audit" (issue #16): what changed in an open document since the last audit closed
 * (GET /api/docs/<name>/since-audit), for the timetable (lessons added or changed) and the client
 * file (fields), to outline; the toggle remembered per user in this browser.
 */

export interface SinceAuditChange {
  /** A dotted path: `lessons.<id>` (a lesson added or removed whole), `lessons.<id>.teacherId`, `profile.firstName`. */
  path: string
  kind: 'added' | 'changed' | 'removed'
  at: string
  actor: { id: string; login: string } | null
}

export interface SinceAudit {
  /** The last audit closed (null: none yet, every change counts). */
  checkpoint: { id: number; closedAt: string; closedBy: { id: string; login: string } | null } | null
  changes: SinceAuditChange[]
}

export const fetchSinceAudit = (docName: string) =>
  api<SinceAudit>('GET', `/api/docs/${encodeURIComponent(docName)}/since-audit`)

/** Roles that read the audit (the server's `audit.read`): only they see the toggle. */
export const AUDIT_READERS = ['owner', 'auditor'] as const

export const mayHighlight = (roles: readonly string[]) => roles.some((r) => (AUDIT_READERS as readonly string[]).includes(r))

const prefKey = (userId: string, where: string) => `clubroom.highlight-since-audit.${where}.${userId}`

/** Is the toggle on for this user here (`timetable`, `client`)? Off unless they turned it on. */
export function highlightOn(userId: string, where: string): boolean {
  try {
    return localStorage.getItem(prefKey(userId, where)) === '1'
  } catch {
    return false
  }
}

/** Remembers the toggle for this user here, in this browser. */
export function rememberHighlight(userId: string, where: string, on: boolean): void {
  try {
    if (on) localStorage.setItem(prefKey(userId, where), '1')
    else localStorage.removeItem(prefKey(userId, where))
  } catch {
    // private mode or storage full: on for this page only
  }
}

/**
 * The week's lessons to outline (added or changed since the audit) and those removed since (not in
 * the grid any more: counted). A lesson's newest change of its own path decides whether it was
 * removed; a change of one of its fields (`lessons.<id>.<field>`) outlines it.
 * @example lessonsSinceAudit([{ path: 'lessons.a.teacherId', kind: 'changed' }, { path: 'lessons.b', kind: 'removed' }])
 * // { outlined: Set { 'a' }, removed: Set { 'b' } }
 */
export function lessonsSinceAudit(changes: ReadonlyArray<Pick<SinceAuditChange, 'path' | 'kind'>>): {
  outlined: Set<string>
  removed: Set<string>
} {
  const outlined = new Set<string>()
  const removed = new Set<string>()
  for (const c of changes) {
    const [root, id, field] = c.path.split('.')
    if (root !== 'lessons' || !id) continue
    if (field === undefined && c.kind === 'removed') removed.add(id)
    else outlined.add(id)
  }
  for (const id of removed) outlined.delete(id)
  return { outlined, removed }
}

/**
 * The fields of one lesson changed since the audit (`teacherId`, `start`…), for its side panel; empty
 * when the lesson was added whole since (the block's outline says it all).
 * @example lessonFieldsSinceAudit([{ path: 'lessons.a.teacherId' }, { path: 'lessons.b.note' }], 'a') // Set { 'teacherId' }
 */
export function lessonFieldsSinceAudit(changes: ReadonlyArray<Pick<SinceAuditChange, 'path'>>, lessonId: string): Set<string> {
  const out = new Set<string>()
  const prefix = `lessons.${lessonId}.`
  for (const c of changes) if (c.path.startsWith(prefix)) out.add(c.path.slice(prefix.length).split('.')[0])
  return out
}

/** The parts of a client file (`client:<id>`) that hold its fields, each field a `<part>.<key>` path (`notes`: one field). */
const FILE_SECTIONS = ['profile', 'physical', 'traits', 'notes']

/**
 * The fields of a file to outline, as their paths (`profile.firstName`, `notes`), and the parts
 * shown whole (`guardians`, `observations`: a change anywhere inside outlines the part). A change of
 * a whole map (`profile`) is kept as it is: it outlines every field whose path it begins. Paths
 * elsewhere in the document (nothing the File tab shows) are left out.
 * @example fieldsSinceAudit([{ path: 'profile.firstName' }, { path: 'guardians.g1.phone' }])
 * // { fields: Set { 'profile.firstName' }, parts: Set { 'guardians' } }
 */
export function fieldsSinceAudit(
  changes: ReadonlyArray<Pick<SinceAuditChange, 'path'>>,
  sections: readonly string[] = FILE_SECTIONS,
  wholeParts: readonly string[] = ['guardians', 'observations'],
): { fields: Set<string>; parts: Set<string> } {
  const fields = new Set<string>()
  const parts = new Set<string>()
  for (const c of changes) {
    const segs = c.path.split('.')
    if (wholeParts.includes(segs[0])) parts.add(segs[0])
    else if (sections.includes(segs[0])) fields.add(segs.slice(0, 2).join('.'))
  }
  return { fields, parts }
}

/**
 * Keeps "since the audit" of one open document while the toggle is on: fetched when it is turned
 * on or the document changes (another week), again `debounceMs` after the last change to it
 * (anyone's). `data` is null while off, loading or after a failure (nothing outlined).
 */
export class SinceAuditController implements ReactiveController {
  data: SinceAudit | null = null
  /** The document `data` is about. */
  dataFor: string | null = null
  private name: string | null = null
  private doc: Y.Doc | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private generation = 0

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => { on: boolean; name: string | null; doc: Y.Doc | null },
    private readonly debounceMs = 1000,
  ) {
    host.addController(this)
  }

  hostUpdated() {
    const { on, name: wanted, doc: wantedDoc } = this.source()
    const name = on ? wanted : null
    const doc = on ? wantedDoc : null
    if (name === this.name && doc === this.doc) return
    const renamed = name !== this.name
    this.detach()
    this.name = name
    this.doc = doc
    if (!name) {
      if (this.data) {
        this.data = null
        this.dataFor = null
        this.host.requestUpdate()
      }
      return
    }
    doc?.on('update', this.onUpdate)
    if (renamed) void this.load()
  }

  hostDisconnected() {
    this.detach()
    this.name = null
    this.doc = null
  }

  /** Fetches now. */
  async load() {
    const name = this.name
    if (!name) return
    const generation = ++this.generation
    try {
      const data = await fetchSinceAudit(name)
      if (generation !== this.generation || name !== this.name) return
      this.data = data
      this.dataFor = name
    } catch {
      if (generation !== this.generation) return
      this.data = null
      this.dataFor = null
    }
    this.host.requestUpdate()
  }

  private onUpdate = () => {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.load()
    }, this.debounceMs)
  }

  private detach() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.doc?.off('update', this.onUpdate)
  }
}

/** One change of the trail as the server presents it (the parts the workspace card shows). */
export interface AuditChangeItem {
  id: number
  at: string
  actor: { id: string; login: string } | null
  area: string
  source: 'command' | 'document' | 'view'
  action: string | null
  subject: { type: string; id: string | null; label: string | null }
  document: { name: string; seq: number } | null
  changes: Array<{ path: string; before: unknown; after: unknown; kind: 'added' | 'changed' | 'removed' | 'viewed' }>
  hidden: boolean
  names: Record<string, string>
  mark: {
    status: 'verified' | 'queried'
    comment: string | null
    assignee: { id: string; login: string } | null
    by: { id: string; login: string } | null
    at: string
  } | null
}

/** A queried change assigned to the signed-in user (GET /api/workspace/audit-queries). */
export interface AuditQueryItem {
  markId: number
  change: AuditChangeItem
}
