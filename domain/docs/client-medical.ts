import * as Y from 'yjs'
import { formatDocName, parseDocName } from './doc-names'

/**
 * The medical file, document `client-medical:<clientId>`: readable and writable only by roles with
 * medical access. Teachers never open it; they see allergies and emergency instructions through the roster.
 *
 * Root `medical` Y.Map: allergies, conditions, medication, emergencyInstructions (strings), bloodGroup?, doctor?
 */
export const CLIENT_MEDICAL_DOC_VERSION = 1
export const CLIENT_MEDICAL_DOC_PREFIX = 'client-medical'
export const MEDICAL_FIELDS = ['allergies', 'conditions', 'medication', 'emergencyInstructions', 'doctor'] as const

/** `client-medical:<clientId>` (domain/docs/doc-names.ts spells every document name). */
export function encodeClientMedicalDocName(clientId: string): string {
  return formatDocName({ type: 'client-medical', clientId })
}

/** `client-medical:<lower-case uuid>` → the client id; null for any other spelling. */
export function parseClientMedicalDocName(name: string): string | null {
  const parsed = parseDocName(name)
  return parsed?.type === 'client-medical' ? parsed.clientId : null
}

export const medicalOf = (doc: Y.Doc) => doc.getMap<string>('medical')

export function readMedical(doc: Y.Doc): Record<string, string> {
  return medicalOf(doc).toJSON()
}
