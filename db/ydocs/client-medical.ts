import * as Y from 'yjs'

/**
 * The medical file, document `client-medical:<clientId>`: readable and writable only by roles with
 * medical access. Teachers never open it; they see allergies and emergency instructions through the roster.
 *
 * Root `medical` Y.Map: allergies, conditions, medication, emergencyInstructions (strings), bloodGroup?, doctor?
 */
export const CLIENT_MEDICAL_DOC_VERSION = 1
export const CLIENT_MEDICAL_DOC_PREFIX = 'client-medical'
export const MEDICAL_FIELDS = ['allergies', 'conditions', 'medication', 'emergencyInstructions', 'doctor'] as const

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function encodeClientMedicalDocName(clientId: string): string {
  return `${CLIENT_MEDICAL_DOC_PREFIX}:${clientId}`
}

export function parseClientMedicalDocName(name: string): string | null {
  const [type, id, ...rest] = name.split(':')
  return type === CLIENT_MEDICAL_DOC_PREFIX && rest.length === 0 && id && UUID.test(id) ? id.toLowerCase() : null
}

export const medicalOf = (doc: Y.Doc) => doc.getMap<string>('medical')

export function readMedical(doc: Y.Doc): Record<string, string> {
  return medicalOf(doc).toJSON() as Record<string, string>
}
