import * as Y from 'yjs'
import { formatDocName, parseDocName } from './doc-names'

/**
 * The live client file, document `client:<clientId>`. Several staff edit it at once.
 *
 * Root types:
 * - `profile`  Y.Map: firstName, lastName, birthDate (YYYY-MM-DD), phone, email, status, leaveReason,
 *              source, sourceNote (what they said about how they heard of us), consent (boolean), branchId
 * - `guardians` Y.Map: key → Y.Map { name, relation, phone, email, canPickUp (boolean) }
 * - `physical` Y.Map: fitnessLevel ('low'|'average'|'good'|'athletic'), limitations (string)
 * - `traits`   Y.Map: needs, preferences (strings), perseverance, sensitivity (1–5 scales: perseverance
 *              = how long the client keeps at a hard task; sensitivity = to new material), perseveranceNote, sensitivityNote
 * - `notes`    Y.Text: free notes
 * - `observations` Y.Map: id → Y.Map { at (ISO), authorId, authorName, activity, text }
 */
export const CLIENT_FILE_DOC_VERSION = 1
export const CLIENT_DOC_PREFIX = 'client'

export const PROFILE_FIELDS = [
  'firstName',
  'lastName',
  'birthDate',
  'phone',
  'email',
  'status',
  'leaveReason',
  'source',
  'sourceNote',
  'consent',
  'branchId',
] as const
export type ProfileField = (typeof PROFILE_FIELDS)[number]

export interface GuardianData {
  name: string
  relation: string
  phone: string
  email?: string | null
  canPickUp?: boolean
}

export interface ObservationData {
  at: string
  authorId: string
  authorName: string
  activity?: string | null
  text: string
}

/** `client:<clientId>` (domain/docs/doc-names.ts spells every document name). */
export function encodeClientDocName(clientId: string): string {
  return formatDocName({ type: 'client', clientId })
}

/** `client:<lower-case uuid>` → the client id; null for any other spelling. */
export function parseClientDocName(name: string): string | null {
  const parsed = parseDocName(name)
  return parsed?.type === 'client' ? parsed.clientId : null
}

export const profileOf = (doc: Y.Doc) => doc.getMap<unknown>('profile')
export const guardiansOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('guardians')
export const physicalOf = (doc: Y.Doc) => doc.getMap<unknown>('physical')
export const traitsOf = (doc: Y.Doc) => doc.getMap<unknown>('traits')
export const notesOf = (doc: Y.Doc) => doc.getText('notes')
export const observationsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('observations')

/** Touches every root type so that an empty document has its shape. */
export function initClientFile(doc: Y.Doc) {
  profileOf(doc)
  guardiansOf(doc)
  physicalOf(doc)
  traitsOf(doc)
  notesOf(doc)
  observationsOf(doc)
}

/** Builds a guardian entry. */
export function guardianMap(g: GuardianData): Y.Map<unknown> {
  const m = new Y.Map<unknown>()
  m.set('name', g.name)
  m.set('relation', g.relation)
  m.set('phone', g.phone)
  m.set('email', g.email ?? null)
  m.set('canPickUp', g.canPickUp ?? true)
  return m
}

export function observationMap(o: ObservationData): Y.Map<unknown> {
  const m = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(o)) m.set(k, v ?? null)
  return m
}

/** Plain data read from a client file (what the projection and the export use). */
export interface ClientFileData {
  profile: Partial<Record<ProfileField, unknown>>
  guardians: Array<GuardianData & { key: string }>
  physical: Record<string, unknown>
  traits: Record<string, unknown>
  notes: string
  observations: Array<ObservationData & { id: string }>
}

export function readClientFile(doc: Y.Doc): ClientFileData {
  const guardians = [...guardiansOf(doc).entries()].map(([key, m]) => ({ key, ...(m.toJSON() as GuardianData) }))
  const observations = [...observationsOf(doc).entries()]
    .map(([id, m]) => ({ id, ...(m.toJSON() as ObservationData) }))
    .sort((a, b) => String(a.at).localeCompare(String(b.at)))
  return {
    profile: profileOf(doc).toJSON(),
    guardians,
    physical: physicalOf(doc).toJSON(),
    traits: traitsOf(doc).toJSON(),
    notes: notesOf(doc).toString(),
    observations,
  }
}
