import { describe, expect, it } from 'vitest'
import { READ_ONLY_ROLES } from '../../domain/roles'
import { MODULES } from '../modules/index'
import { AUDIT_AREA, OWN_SESSION_WRITES, readOnlyRefusal } from './read-only'

/**
 * Read-only roles (auditors) change nothing outside their own workspace, their own session and the
 * audit area: no policy that writes gives them anything else, in any module.
 */
const THEIR_OWN = new Set([
  'workspace.write',
  'auth.signOut',
  'auth.changeOwnPassword',
  'auth.changeOwnLanguage',
  'auth.changeOwnPreferences',
])

describe('read-only roles', () => {
  const writes = MODULES.flatMap((m) => (m.policies ?? []).map((p) => [m.name, p] as const)).filter(([, p]) => p.writes)

  it('are given no policy that writes, apart from their own workspace and session and the audit area', () => {
    const given = writes
      .filter(([, p]) => p.roles.some((r) => READ_ONLY_ROLES.includes(r)))
      .map(([area, p]) => `${area}: ${p.verb}`)
      .filter((v) => !THEIR_OWN.has(v.split(': ')[1]) && !v.startsWith('audit: '))
    expect(given).toEqual([])
    expect(writes.length).toBeGreaterThan(10)
  })

  it('are refused every write over HTTP outside the audit area, before anything else is asked', () => {
    const auditor = { roles: READ_ONLY_ROLES.slice(0, 1) }
    expect(readOnlyRefusal(auditor, 'POST', '/api/rooms')).toBe('errors.forbidden.readOnly')
    expect(readOnlyRefusal(auditor, 'GET', '/api/rooms')).toBeNull()
    expect(readOnlyRefusal(auditor, 'POST', `${AUDIT_AREA}checkpoints`)).toBeNull()
    for (const write of OWN_SESSION_WRITES) {
      const [method, path] = write.split(' ')
      expect(readOnlyRefusal(auditor, method, path)).toBeNull()
    }
    // someone who also has a role that writes is not read-only
    expect(readOnlyRefusal({ roles: ['auditor', 'teacher'] }, 'POST', '/api/rooms')).toBeNull()
  })
})
