import type { MessageId } from '../../domain/i18n/catalogue'
import { READ_ONLY_ROLES, type Actor } from '../../domain/roles'

/**
 * Read-only users (every role of theirs is read-only: an auditor) are refused every write over HTTP outside the audit area, before the request body is even looked at: the answer is
 * 403 whatever they send. Their own session stays theirs: signing out, changing their own password and language.
 * (Their personal workspace document is theirs to write too: notes taken during an audit.)
 */

/** Path prefix of the audit area, where an auditor's own writes (checkpoints, notes) belong. */
export const AUDIT_AREA = '/api/audit/'

/** Writes about one's own session that a read-only user keeps (method + path). */
export const OWN_SESSION_WRITES: ReadonlySet<string> = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'PATCH /api/auth/me',
  // the branch they last chose, remembered for them
  'PUT /api/me/preferences',
])

/**
 * Why this write is refused to this actor, or null when the ordinary route checks decide.
 * @example readOnlyRefusal(auditor, 'POST', '/api/clients/…/observations') // 'errors.forbidden.readOnly'
 */
export function readOnlyRefusal(actor: Pick<Actor, 'roles'>, method: string, path: string): MessageId | null {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null
  if (!actor.roles.every((r) => READ_ONLY_ROLES.includes(r))) return null
  if (OWN_SESSION_WRITES.has(`${method} ${path}`) || path.startsWith(AUDIT_AREA)) return null
  return 'errors.forbidden.readOnly'
}
