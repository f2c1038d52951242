import type * as Y from 'yjs'
import { isKnownDocType, parseDocName, splitDocName } from '../../../domain/docs/doc-names'
import type { Db, Queryable } from '../../../db/client'
import type { MessageId } from '../../../domain/i18n/catalogue'
import type { EventBus, EventMap } from '../../events/bus'
import type { Logger } from '../../logger'
import type { Actor } from '../../../domain/roles'
import type { DocChange } from './describe'

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
  project?(input: ProjectionInput<K>): Promise<EntityChanged[] | undefined>
  /**
   * Does the subject the key names exist? A week of a branch that does not exist, or the file of a
   * client who never existed, is not a document: the document server refuses the connection (4400)
   * and the history route answers 404. Returns the reason when it is missing (a catalogue message
   * id: it is the close frame's reason, worded by the client), null when it exists; a type without
   * subjects (a workspace is its user's, checked by `can`) leaves it out.
   */
  missing?(input: { db: Db; key: K }): Promise<MessageId | null>
  /**
   * Called when a user who may read the document opens a connection to it, before anything is
   * sent: may record the view (medical files log every view) or refuse with a reason (an erased
   * client's file is gone; the reason as a catalogue message id). Returns null to let the
   * connection through. Reading the document's history (GET /api/docs/<name>/history) calls it
   * too: a history read is an opening.
   */
  onOpen?(input: { db: Db; actor: Actor; key: K; name: string }): Promise<MessageId | null>
}

export interface ResolvedDoc {
  name: string
  def: DocType<unknown>
  key: unknown
  /** The key part of the name as written (`<userId>` of `workspace:<userId>`). */
  rawKey: string
}

/** Any document type, whatever its key (for lists of them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a key type is invariant; lists hold every kind
export type AnyDocType = DocType<any>

/** Declares a document type (a typed identity: nothing is registered; the module lists it in its manifest). */
export const docType = <K>(def: DocType<K>): AnyDocType => def

/**
 * The document types in force, built once at boot from the modules' manifests (server/boot/registry.ts):
 * the only thing that knows what a document name means and who may open it.
 */
export class DocTypes {
  private readonly types = new Map<string, DocType<unknown>>()

  constructor(defs: readonly AnyDocType[]) {
    for (const def of defs) {
      if (this.types.has(def.type)) throw new Error(`document type ${def.type} declared twice`)
      this.types.set(def.type, def as DocType<unknown>)
    }
  }

  /**
   * Name → type and key, or the reason it is refused (unknown type, malformed name or key) as a
   * catalogue message id.
   * @example docTypes.resolve('workspace:not-a-uuid') // { ok: false, reason: 'collab.refused.badName' }
   */
  resolve(name: string): { ok: true; doc: ResolvedDoc } | { ok: false; reason: MessageId } {
    const parts = splitDocName(name)
    if (!parts) return { ok: false, reason: 'collab.refused.badName' }
    const def = this.types.get(parts.type)
    if (!def) return { ok: false, reason: 'collab.refused.unknownType' }
    const key = def.parseKey(parts.key)
    if (key === null) return { ok: false, reason: 'collab.refused.badName' }
    // one spelling per document (domain/docs/doc-names.ts): `client:<ID IN UPPER CASE>` is refused, never a second copy
    if (isKnownDocType(parts.type) && parseDocName(name) === null) return { ok: false, reason: 'collab.refused.badName' }
    return { ok: true, doc: { name, def, key, rawKey: parts.key } }
  }

  /** May this user read or write that document? */
  canAccess(user: Actor, access: DocAccess, doc: ResolvedDoc): boolean {
    return doc.def.can(user, access, doc.key)
  }
}
