import type * as Y from 'yjs'
import { isKnownDocType, parseDocName, splitDocName } from '../../../domain/docs/doc-names'
import { WORKSPACE_DOC_TYPE, initWorkspace, parseWorkspaceKey } from '../../../domain/docs/workspace'
import type { Db, Queryable } from '../../../db/client'
import type { EventBus, EventMap } from '../../events/bus'
import type { Logger } from '../../logger'
import { can, type Actor } from '../../policies/permissions'
import { describeTransaction, type DocChange } from './describe'

export type DocAccess = 'read' | 'write'

/** What a projector gets after a commit (debounced; a second at most). */
export interface ProjectionInput<K> {
  db: Db
  logger: Logger
  /** The bus, for projectors that raise or clear alerts. */
  events: EventBus
  doc: Y.Doc
  name: string
  key: K
  /** Described changes committed since the last projection. */
  changes: DocChange[]
  /** Their paths cut to the first two segments (`todos.<id>`, `notes`). */
  changedKeys: Set<string>
  /** Author of the latest of these updates (null for a system edit). */
  actorId: string | null
  /**
   * Edits the document as the system (persisted, described and broadcast like any edit), for a
   * projector that puts back what only a command may decide (a lesson's status).
   */
  rewrite(fn: (doc: Y.Doc) => void): Promise<void>
  /** The head (doc_updates seq) the document had when this run started: the rows will reflect at least this. */
  upTo: number
  /**
   * Records the projection's watermark (doc_projections); call it inside the transaction that
   * writes the rows, so both commit or neither. A projector that does not call it (it wrote
   * nothing, or has no transaction) gets it recorded right after it returns: also correct, since
   * projecting is idempotent and a lost watermark only means projecting again.
   */
  markProjected(tx: Queryable): Promise<void>
}

export type EntityChanged = EventMap['entity.changed']

/**
 * One registered document type. The registry is the only place that knows what a document
 * name means, who may open it, how to describe its changes and what rows it projects to.
 */
export interface DocType<K> {
  type: string
  /** The typed key of `type:<key>`, or null when malformed. */
  parseKey(key: string): K | null
  /** Declares the root types on a fresh Y.Doc (must write no update). */
  init(doc: Y.Doc): void
  /** Read opens the document; write lets the connection's updates through. */
  can(user: Actor, access: DocAccess, key: K): boolean
  /** A committed transaction → domain changes. Called before deleted content is collected. */
  describe(txn: Y.Transaction, doc: Y.Doc): DocChange[]
  /**
   * Yjs → rows, after commit. Returns the `entity.changed` events to publish; without a
   * projector the hub publishes `{ type, id: key, action: 'update' }`.
   */
  project?(input: ProjectionInput<K>): Promise<EntityChanged[] | void>
  /**
   * Called when a user who may read the document opens a connection to it, before anything is
   * sent: may record the view (medical files log every view) or refuse with a reason (an erased
   * client's file is gone). Returns null to let the connection through. Reading the document's
   * history (GET /api/docs/<name>/history) calls it too: a history read is an opening.
   */
  onOpen?(input: { db: Db; actor: Actor; key: K; name: string }): Promise<string | null>
}

export interface ResolvedDoc {
  name: string
  def: DocType<unknown>
  key: unknown
  /** The key part of the name as written (`<userId>` of `workspace:<userId>`). */
  rawKey: string
}

const TYPES = new Map<string, DocType<unknown>>()

/** Adds a document type; one call per type at module load. */
export function registerDocType<K>(def: DocType<K>): void {
  if (TYPES.has(def.type)) throw new Error(`document type ${def.type} registered twice`)
  TYPES.set(def.type, def)
}

/**
 * Name → type and key, or the reason it is refused (unknown type, malformed name or key).
 * @example resolveDocName('workspace:not-a-uuid') // { ok: false, reason: 'Malformed workspace key' }
 */
export function resolveDocName(name: string): { ok: true; doc: ResolvedDoc } | { ok: false; reason: string } {
  const parts = splitDocName(name)
  if (!parts) return { ok: false, reason: 'Malformed document name (expected type:key)' }
  const def = TYPES.get(parts.type)
  if (!def) return { ok: false, reason: `Unknown document type "${parts.type}"` }
  const key = def.parseKey(parts.key)
  if (key === null) return { ok: false, reason: `Malformed ${parts.type} key` }
  // one spelling per document (domain/docs/doc-names.ts): `client:<ID IN UPPER CASE>` is refused, never a second copy
  if (isKnownDocType(parts.type) && parseDocName(name) === null) return { ok: false, reason: `Malformed ${parts.type} key` }
  return { ok: true, doc: { name, def, key, rawKey: parts.key } }
}

/** May this user read or write that document? */
export function canAccessDoc(user: Actor, access: DocAccess, doc: ResolvedDoc): boolean {
  return doc.def.can(user, access, doc.key)
}

/** A personal workspace: only its owner writes; the owner role and the auditor read. */
registerDocType<{ userId: string }>({
  type: WORKSPACE_DOC_TYPE,
  parseKey: parseWorkspaceKey,
  init: initWorkspace,
  can: (user, access, key) => can(user, access === 'read' ? 'read' : 'update', { type: 'workspace', ownerId: key.userId }),
  describe: (txn) => describeTransaction(txn),
  // no projector: nothing relational mirrors a workspace (the hub still publishes entity.changed)
})
