import { describe, expect, it } from 'vitest'
import { ROLES, type Actor, type Role } from '../../../domain/roles'
import { refusalIn, refusalOf } from '../../policies/policy'
import { DocTypes } from '../../realtime/collab/doc-registry'
import { workspaceDoc } from '../workspace/index'
import { docsPolicies } from './policies'

const OWNER_ID = '5e0c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b'
const actor = (role: Role, id = `${role}-id`): Actor => ({ id, login: role, name: role, roles: [role], branchIds: [] })
const docTypes = new DocTypes([workspaceDoc])
const resolved = docTypes.resolve(`workspace:${OWNER_ID}`)
if (!resolved.ok) throw new Error(resolved.reason)
const doc = resolved.doc

describe('docs policies', () => {
  it.each(ROLES)('a %s reads the history of the documents they may open, and only those', (role) => {
    const mayOpen = role === 'owner' || role === 'auditor'
    expect(refusalIn('en', actor(role), docsPolicies.readHistory, { docTypes, doc })).toBe(
      mayOpen ? null : 'You may not read this document',
    )
    expect(refusalOf(actor(role, OWNER_ID), docsPolicies.readHistory, { docTypes, doc })).toBeNull()
  })
})
