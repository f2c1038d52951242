/**
 * Lit-free state of the registration form (unit tested): the draft as typed (a failed save never
 * clears it), its guardians, and which server errors each change makes stale.
 */
import type { ClientCreateInput, ClientStatus, KnownGuardian, LeadSource, RequirableField } from '../../data/clients'
import { registrationProblems } from '../../../../domain/clients/rules'
import type { KnownPerson } from './logic'

/** A guardian as typed. */
export interface GuardianDraft {
  /** Local key for rendering and ids. */
  uid: number
  name: string
  relation: string
  phone: string
  email: string
  canPickUp: boolean
  /** Known guardians with this phone (other clients' families). */
  known: KnownGuardian[]
  /** Filled from a known guardian: the children whose family this links to. */
  linkedTo: Array<{ id: string; name: string }> | null
}

/** The fields of the form, kept as typed. */
export interface Draft {
  firstName: string
  lastName: string
  birthDate: string
  phone: string
  email: string
  consent: boolean
  source: LeadSource | ''
  /** What they said about how they heard of us, optional. */
  sourceNote: string
  status: ClientStatus
  guardians: GuardianDraft[]
}

/**
 * Each field's error: a message id of the registration rules (found before sending; shown with
 * t() in the language on screen), or a text the server sent (already in the tab's language).
 */
export type Errors = Record<string, string>

export const emptyDraft = (): Draft => ({
  firstName: '',
  lastName: '',
  birthDate: '',
  phone: '',
  email: '',
  consent: false,
  source: '',
  sourceNote: '',
  status: 'lead',
  guardians: [],
})

const newGuardian = (uid: number): GuardianDraft => ({
  uid,
  name: '',
  relation: '',
  phone: '',
  email: '',
  canPickUp: true,
  known: [],
  linkedTo: null,
})

/** The errors that `keep` says still hold (the same object when none went away). */
function keepErrors(errors: Errors, keep: (key: string) => boolean): Errors {
  const kept = Object.entries(errors).filter(([k]) => keep(k))
  return kept.length === Object.keys(errors).length ? errors : Object.fromEntries(kept)
}

/** Fields whose change makes the duplicate warning stale. */
const IDENTITY = ['firstName', 'lastName', 'birthDate', 'phone']

/** A change of the client's own fields: their errors go (the others stay until the next save). */
export function patchDraft(draft: Draft, errors: Errors, p: Partial<Draft>) {
  const keys = Object.keys(p)
  return {
    draft: { ...draft, ...p },
    errors: keepErrors(errors, (k) => !keys.includes(k)),
    /** The duplicate warning no longer fits. */
    identityChanged: keys.some((k) => IDENTITY.includes(k)),
  }
}

/**
 * A change of one guardian's fields: their errors go, and a new phone also clears the client's
 * phone error (either phone will do) and the family link made from a known guardian.
 */
export function patchGuardian(draft: Draft, errors: Errors, uid: number, p: Partial<GuardianDraft>) {
  const guardians = draft.guardians.map((g) => (g.uid === uid ? { ...g, ...p, ...('phone' in p ? { linkedTo: null } : {}) } : g))
  const i = guardians.findIndex((g) => g.uid === uid)
  const keys = [...Object.keys(p).map((k) => `guardians.${i}.${k}`), ...('phone' in p ? ['phone'] : [])]
  return { draft: { ...draft, guardians }, errors: keepErrors(errors, (k) => !keys.includes(k)) }
}

/** Fills a guardian from a known person: linked to that family, the guardian's errors and the phone error gone. */
export function useKnownGuardian(draft: Draft, errors: Errors, uid: number, k: KnownPerson) {
  const guardians = draft.guardians.map((g) =>
    g.uid === uid
      ? { ...g, name: k.name, relation: k.relation, phone: k.phone, email: k.email ?? '', known: [], linkedTo: k.children }
      : g,
  )
  const i = guardians.findIndex((g) => g.uid === uid)
  return {
    draft: { ...draft, guardians },
    errors: keepErrors(errors, (key) => !key.startsWith(`guardians.${i}.`) && key !== 'phone'),
  }
}

/** Adds an empty guardian (the "needs a guardian" error goes). */
export function addGuardian(draft: Draft, errors: Errors, uid: number) {
  return {
    draft: { ...draft, guardians: [...draft.guardians, newGuardian(uid)] },
    errors: keepErrors(errors, (k) => k !== 'guardians'),
  }
}

/** Removes a guardian; the errors of the guardians after it no longer match their index and go. */
export function removeGuardian(draft: Draft, errors: Errors, uid: number) {
  const i = draft.guardians.findIndex((g) => g.uid === uid)
  return {
    draft: { ...draft, guardians: draft.guardians.filter((g) => g.uid !== uid) },
    errors: keepErrors(errors, (k) => !k.startsWith('guardians.') || Number(k.split('.')[1]) < i),
  }
}

/** The registration as the API takes it (trimmed; empty optional fields as null). */
export function toCreateInput(d: Draft): ClientCreateInput {
  const opt = (s: string) => (s.trim() ? s.trim() : null)
  return {
    firstName: d.firstName.trim(),
    lastName: d.lastName.trim(),
    birthDate: opt(d.birthDate),
    phone: opt(d.phone),
    email: opt(d.email),
    consent: d.consent,
    source: d.source || null,
    sourceNote: d.sourceNote.trim() || null,
    status: d.status,
    guardians: d.guardians.map((g) => ({
      name: g.name.trim(),
      relation: g.relation.trim(),
      phone: g.phone.trim(),
      email: opt(g.email),
      canPickUp: g.canPickUp,
    })),
  }
}

/** Does the form show this server error beside a field (else it goes above the form)? */
export function isFormField(key: string): boolean {
  return (
    ['firstName', 'lastName', 'birthDate', 'phone', 'email', 'consent', 'source', 'sourceNote', 'guardians', 'status'].includes(
      key,
    ) || /^guardians\.\d+\.(name|relation|phone|email)$/.test(key)
  )
}

/**
 * The draft's problems by the center's mandatory fields and the registration rules the server
 * applies too (domain/clients/rules.ts), as message ids by field; empty when it may be sent.
 */
export function draftProblems(d: Draft, required: Iterable<RequirableField>, today: string): Errors {
  return registrationProblems(toCreateInput(d), [...required], today)
}
