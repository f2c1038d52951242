import { describe, expect, it } from 'vitest'
import type { Actor } from '../../../domain/roles'
import { DocTypes } from './doc-registry'
import { workspaceDoc } from '../../modules/workspace/docs'

const docTypes = new DocTypes([workspaceDoc])
const resolveDocName = (name: string) => docTypes.resolve(name)
const canAccessDoc: DocTypes['canAccess'] = (user, access, doc) => docTypes.canAccess(user, access, doc)

const uid = '6f1c2a9e-1111-4000-8000-000000000001'
const user = (id: string, roles: Actor['roles']): Actor => ({ id, login: id, name: id, roles, branchIds: [] })

describe('resolveDocName', () => {
  it('resolves a workspace name to its owner', () => {
    const r = resolveDocName(`workspace:${uid}`)
    expect(r.ok && r.doc.key).toEqual({ userId: uid })
    expect(r.ok && r.doc.rawKey).toBe(uid)
  })

  it('refuses unknown types and malformed names with a reason', () => {
    expect(resolveDocName('nonsense:1')).toEqual({ ok: false, reason: 'collab.refused.unknownType' })
    expect(resolveDocName('workspace:123')).toEqual({ ok: false, reason: 'collab.refused.badName' })
    expect(resolveDocName(`workspace:${uid.toUpperCase()}`)).toEqual({ ok: false, reason: 'collab.refused.badName' })
    for (const bad of ['', 'workspace', ':x', 'Workspace:x', `workspace:${uid}/x`, 'x'.repeat(300)]) {
      expect(resolveDocName(bad).ok).toBe(false)
    }
  })
})

describe('workspace access', () => {
  const doc = (() => {
    const r = resolveDocName(`workspace:${uid}`)
    if (!r.ok) throw new Error(r.reason)
    return r.doc
  })()

  it('lets only its owner write', () => {
    expect(canAccessDoc(user(uid, ['teacher']), 'write', doc)).toBe(true)
    expect(canAccessDoc(user('other', ['owner']), 'write', doc)).toBe(false)
  })

  it('lets the owner role and the auditor read, nobody else', () => {
    expect(canAccessDoc(user('o', ['owner']), 'read', doc)).toBe(true)
    expect(canAccessDoc(user('a', ['auditor']), 'read', doc)).toBe(true)
    for (const role of ['manager', 'receptionist', 'teacher', 'storekeeper', 'accountant'] as const) {
      expect(canAccessDoc(user('x', [role]), 'read', doc)).toBe(false)
    }
  })
})
