/**
 * One client's file: its header from GET /api/clients/:id (asked for early, and following the
 * server's changes) and its live document `client:<id>` (shape in domain/docs/client-file.ts,
 * shared with the server): what the page reads from it and the edits it makes.
 */
import type * as Y from 'yjs'
import { type GuardianData, type ObservationData, guardianMap, guardiansOf, observationsOf, profileOf } from '../../../domain/docs/client-file'
import { type ClientDetail, fetchClient } from './clients'
import type { LiveEvents } from './live-events'

export { encodeClientDocName, guardiansOf, notesOf, physicalOf, profileOf, traitsOf } from '../../../domain/docs/client-file'
/** The medical file `client-medical:<id>` (owner and manager). */
export { encodeClientMedicalDocName, medicalOf } from '../../../domain/docs/client-medical'

/** How long a prefetched header stays good to take. */
const FRESH_MS = 3000
const pending = new Map<string, { at: number; request: Promise<ClientDetail> }>()

/**
 * Asks for a client's header now (opening a file by its URL loads the page's code first: the
 * header arrives meanwhile). `takeClient` takes the answer.
 */
export function prefetchClient(id: string): void {
  if (pending.has(id)) return
  const request = fetchClient(id)
  request.catch(() => undefined) // the file asks again and shows its own error
  pending.set(id, { at: Date.now(), request })
}

/** The prefetched header when there is a fresh one (once), else a new request. */
export function takeClient(id: string): Promise<ClientDetail> {
  const p = pending.get(id)
  pending.delete(id)
  return p && Date.now() - p.at < FRESH_MS ? p.request : fetchClient(id)
}

/**
 * Calls `onChange(soon)` when the server's view of a client may have changed: the client was
 * saved (`soon` false: refetch after a short pause) or an alert about it opened or cleared
 * (`soon` true). Joins the client's subject room meanwhile, so changes of clients outside the
 * user's branch arrive too. Returns a disposer.
 * @example const stop = subscribeClient(ctx.live, id, (soon) => this.scheduleRefresh(soon ? 100 : 300))
 */
export function subscribeClient(live: LiveEvents | null, clientId: string, onChange: (soon: boolean) => void): () => void {
  if (!live || !clientId) return () => {}
  const subject = `client:${clientId}`
  const offs = [
    live.on('entity.changed', (e) => {
      if (e.type === 'client' && e.id === clientId) onChange(false)
    }),
    live.on('alert.raised', (a) => {
      if (a.subject === subject) onChange(true)
    }),
    live.on('alert.cleared', (a) => {
      if (a.subject === subject) onChange(true)
    }),
  ]
  const room = live.subscribe(subject)
  return () => {
    for (const off of offs) off()
    room.dispose()
  }
}

/**
 * Calls `onChange` after any change of the document's profile or guardians (the server projects
 * them into the header: name, age, flags, alerts). Returns a disposer.
 */
export function subscribeHeaderFields(doc: Y.Doc, onChange: () => void): () => void {
  const profile = profileOf(doc)
  const guardians = guardiansOf(doc)
  profile.observeDeep(onChange)
  guardians.observeDeep(onChange)
  return () => {
    profile.unobserveDeep(onChange)
    guardians.unobserveDeep(onChange)
  }
}

/** Adds a guardian to the file. */
export function addGuardian(doc: Y.Doc, guardian: GuardianData): void {
  doc.transact(() => guardiansOf(doc).set(crypto.randomUUID(), guardianMap(guardian)))
}

/** Removes the guardian stored under `key`. */
export function removeGuardian(doc: Y.Doc, key: string): void {
  doc.transact(() => guardiansOf(doc).delete(key))
}

/** An observation as the timeline shows it. */
export type Observation = ObservationData & { id: string }

/** The observations, newest first. */
export function observationsNewestFirst(doc: Y.Doc): Observation[] {
  return [...observationsOf(doc).entries()]
    .map(([id, m]) => ({ id, ...(m.toJSON() as ObservationData) }))
    .sort((a, b) => String(b.at).localeCompare(String(a.at)))
}
