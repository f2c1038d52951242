import type { PresenceUser } from '../../../domain/live-events'
import { ROLES, type Actor, type Role } from '../../../domain/roles'
import type { EventMap } from '../../events/bus'
import type { DocTypes } from '../collab/doc-registry'
import { ALL_BRANCHES, branchRoom, docRoom, roleRoom, type RoomRules } from './rooms'

/**
 * Which rooms each bus event goes to (event → rooms → payload). Pure functions; server.ts emits.
 */

/** Everyone signed in, or these rooms. */
export type Audience = { everyone: true } | { rooms: string[] }

const SUBJECT_ROOM = /^[a-z][a-z0-9-]*:[A-Za-z0-9][A-Za-z0-9:._-]*$/

/**
 * `entity.changed`: to its branch (and to users who span every branch) when it has one, else to
 * everyone signed in; and to the subject room `<type>:<id>`, unless the entity belongs to a branch
 * (a lesson, group, room…: its subject room may hold staff of other branches). The payload is only
 * type, id, action.
 *
 * Changes of an entity that lives in a document also go to that document's room (a week re-projected,
 * `timetable` `<branchId>:<YYYY-Www>`, and a `lesson` go to `doc:timetable:<branch>:<week>`): whoever
 * has the week open hears them even when it is not their branch's room (a receptionist of another
 * branch, a teacher). The entity type says which document (`docOf`, from its id); when it must be
 * looked up (`findDoc`: a lesson's week), server.ts does so and passes it as `docName`.
 */
export function entityChangedAudience(
  e: EventMap['entity.changed'],
  entities: RoomRules['entities'],
  docName?: string | null,
): Audience {
  if (!e.branchId) return { everyone: true }
  const entity = Object.hasOwn(entities, e.type) ? entities[e.type] : undefined
  const rooms = [branchRoom(e.branchId), ALL_BRANCHES]
  const subjectRoom = `${e.type}:${e.id}`
  if (SUBJECT_ROOM.test(subjectRoom) && entity?.read && !entity.branchScoped) rooms.push(subjectRoom)
  const doc = docName ?? entity?.docOf?.(e.id, e.branchId) ?? null
  if (doc && !rooms.includes(docRoom(doc))) rooms.push(docRoom(doc))
  return { rooms }
}

/**
 * The roles that may read a document by their role alone (instance rules such as "a workspace's
 * own user" are not role-wide, so they do not count); null for a name the registry does not know.
 * @example docReaderRoles('workspace:6f1c…') // ['owner', 'auditor']
 */
export function docReaderRoles(docTypes: DocTypes, docName: string): Role[] | null {
  const resolved = docTypes.resolve(docName)
  if (!resolved.ok) return null
  return ROLES.filter((role) => {
    const nobody: Actor = { id: '', login: '', name: '', roles: [role], branchIds: [] }
    try {
      return docTypes.canAccess(nobody, 'read', resolved.doc)
    } catch {
      return false
    }
  })
}

/** Who hears about an alert whose subject is of no kind anyone declared: the front desk. */
const FRONT_DESK: readonly Role[] = ['owner', 'manager', 'receptionist']

/**
 * The roles that should see an alert about this subject (`client:<id>`, `doc:<name>`, …): those
 * that may read it. Subjects of an unknown kind go to the front desk (owners, managers, reception).
 * (The socket server sends alerts to their recipients by the alert policy instead; this is the
 * role-wide view of the same question.)
 */
export function alertRoles({ docTypes, entities }: RoomRules, subject: string): Role[] {
  if (subject.startsWith('doc:')) return docReaderRoles(docTypes, subject.slice(4)) ?? [...FRONT_DESK]
  const kind = subject.split(':', 1)[0]
  const read = Object.hasOwn(entities, kind) ? entities[kind].read : undefined
  return read ? ROLES.filter((r) => read.roles.includes(r)) : [...FRONT_DESK]
}

/**
 * `alert.raised` / `alert.cleared`: to the role rooms of every role that may read the alert's
 * subject, and to the subject room itself. (Alerts carry no branch yet; when they do, narrow here.)
 */
export function alertAudience(rules: RoomRules, e: { subject: string }): Audience {
  const rooms = alertRoles(rules, e.subject).map(roleRoom)
  if (SUBJECT_ROOM.test(e.subject) && e.subject.length <= 210) rooms.push(e.subject)
  return { rooms }
}

/**
 * Who is in which open document, as last told by the document hub through `doc.presence`.
 * Summaries are per document type (the `scope`: `client`, `client-medical`, `workspace`, …) and go to
 * the roles that may read that type. Per process: each knows what its own hub reports.
 */
export class PresenceBoard {
  private docs = new Map<string, { scope: string; users: PresenceUser[] }>()
  private readers = new Map<string, Role[]>()

  constructor(private readonly docTypes: DocTypes) {}

  /** Records a document's people; returns its scope (null: a name the registry does not know). */
  set(doc: string, people: PresenceUser[]): string | null {
    const roles = docReaderRoles(this.docTypes, doc)
    if (!roles) return null
    const scope = doc.split(':', 1)[0]
    this.readers.set(scope, roles)
    const clean = people.map((u) => ({ id: String(u.id), name: String(u.name), colour: String(u.colour) }))
    if (clean.length) this.docs.set(doc, { scope, users: clean })
    else this.docs.delete(doc)
    return scope
  }

  get(doc: string): PresenceUser[] | undefined {
    return this.docs.get(doc)?.users
  }

  /** The occupied documents of one scope, sorted by name. */
  summary(scope: string): Array<{ doc: string; users: PresenceUser[] }> {
    const out: Array<{ doc: string; users: PresenceUser[] }> = []
    for (const [doc, entry] of this.docs) if (entry.scope === scope) out.push({ doc, users: entry.users })
    return out.sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0))
  }

  /** The role rooms a scope's summary goes to. */
  audience(scope: string): Audience {
    return { rooms: (this.readers.get(scope) ?? []).map(roleRoom) }
  }

  /** Scopes with at least one occupied document. */
  scopes(): string[] {
    return [...new Set([...this.docs.values()].map((d) => d.scope))]
  }

  /** The occupied documents of a scope that this user may read (instance rules included). */
  summaryFor(user: Actor, scope: string): Array<{ doc: string; users: PresenceUser[] }> {
    return this.summary(scope).filter(({ doc }) => {
      const resolved = this.docTypes.resolve(doc)
      return resolved.ok && this.docTypes.canAccess(user, 'read', resolved.doc)
    })
  }

  clear() {
    this.docs.clear()
  }
}
