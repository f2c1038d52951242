import { describe, expect, it } from 'vitest'
import type { Role } from '../../../domain/roles'
import { allowed, policy } from '../../policies/policy'
import { DocTypes, docType } from '../collab/doc-registry'
import { workspaceDoc } from '../../modules/workspace/docs'
import { ALL_BRANCHES, allowedRooms, baseRooms, checkRoom, type LiveUser, type RoomRules } from './rooms'

// the usual role-wide rules: who reads the timetable, clients and medical files, and who edits them
const byRoles = (verb: string, roles: Role[]) => policy({ verb, description: verb, roles, writes: false })
const timetable = {
  read: byRoles('test.timetable.read', ['owner', 'manager', 'receptionist', 'teacher', 'auditor']),
  write: byRoles('test.timetable.edit', ['owner', 'manager', 'receptionist', 'teacher']),
}
const medical = {
  read: byRoles('test.medical.read', ['owner', 'manager']),
  write: byRoles('test.medical.edit', ['owner', 'manager']),
}
// two document types for these tests
const docTypes = new DocTypes([
  workspaceDoc,
  ...(
    [
      ['test-lessons', timetable],
      ['test-medical', medical],
    ] as const
  ).map(([type, rule]) =>
    docType<string>({
      type,
      parseKey: (k) => k,
      init: () => {},
      can: (u, access) => allowed(u, access === 'read' ? rule.read : rule.write),
      describe: () => [],
    }),
  ),
])
// and two entity types
const rules: RoomRules = {
  docTypes,
  entities: {
    client: { read: byRoles('test.clients.read', ['owner', 'manager', 'receptionist', 'teacher', 'auditor']) },
    'client-medical': { read: medical.read },
  },
}
const WS_OWNER = '5e0c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b'

const BRANCH = '0b5f3c1e-1111-4222-8333-444455556666'
const OTHER = '9a5f3c1e-1111-4222-8333-444455556666'
const reception: LiveUser = { id: 'u1', login: 'r', name: 'R', roles: ['receptionist'], branchIds: [BRANCH] }
const teacher: LiveUser = { id: 'u2', login: 't', name: 'T', roles: ['teacher'], branchIds: [] }
const manager: LiveUser = { id: 'u3', login: 'm', name: 'M', roles: ['manager'], branchIds: [BRANCH] }

describe('baseRooms', () => {
  it('puts a user in their own, role and home-branch rooms', () => {
    expect(baseRooms(reception)).toEqual(['user:u1', 'role:receptionist', `branch:${BRANCH}`])
  })
  it('puts a user without a home branch in the all-branches room', () => {
    expect(baseRooms(teacher)).toEqual(['user:u2', 'role:teacher', ALL_BRANCHES])
  })
  it('puts a user of several branches in each branch room, an owner in the all-branches room', () => {
    expect(baseRooms({ ...reception, branchIds: [BRANCH, OTHER] })).toEqual([
      'user:u1',
      'role:receptionist',
      `branch:${BRANCH}`,
      `branch:${OTHER}`,
    ])
    expect(baseRooms({ ...manager, roles: ['owner'] })).toEqual(['user:u3', 'role:owner', ALL_BRANCHES])
  })
})

describe('checkRoom', () => {
  it('allows subject rooms the user may read', () => {
    expect(checkRoom(rules, teacher, { room: 'client:abc' })).toEqual({ ok: true, room: 'client:abc' })
    expect(checkRoom(rules, teacher, { room: 'doc:test-lessons:b1:2026-W48' })).toMatchObject({ ok: true })
    expect(checkRoom(rules, manager, { room: 'doc:test-medical:abc' })).toMatchObject({ ok: true })
    // the document type's own rule, instance rules included
    expect(checkRoom(rules, { ...teacher, id: WS_OWNER }, { room: `doc:workspace:${WS_OWNER}` })).toMatchObject({ ok: true })
  })
  it('refuses subject rooms the user may not read', () => {
    expect(checkRoom(rules, teacher, { room: 'doc:test-medical:abc' })).toEqual({ ok: false, error: 'forbidden' })
    expect(checkRoom(rules, teacher, { room: `doc:workspace:${WS_OWNER}` })).toEqual({ ok: false, error: 'forbidden' })
    expect(checkRoom(rules, reception, { room: 'client-medical:abc' })).toEqual({ ok: false, error: 'forbidden' })
    expect(checkRoom(rules, teacher, { room: 'user:u3' })).toEqual({ ok: false, error: 'not_subscribable' })
  })
  it('lets users only into the branches they work in (every branch: those without a branch list)', () => {
    expect(checkRoom(rules, reception, { room: `branch:${BRANCH}` })).toMatchObject({ ok: true })
    expect(checkRoom(rules, reception, { room: `branch:${OTHER}` })).toEqual({ ok: false, error: 'forbidden' })
    expect(checkRoom(rules, manager, { room: `branch:${OTHER}` })).toEqual({ ok: false, error: 'forbidden' })
    expect(checkRoom(rules, { ...manager, branchIds: [] }, { room: `branch:${OTHER}` })).toMatchObject({ ok: true })
  })
  it('refuses unknown kinds and documents', () => {
    expect(checkRoom(rules, manager, { room: 'spaceship:1' })).toEqual({ ok: false, error: 'unknown_room' })
    expect(checkRoom(rules, manager, { room: 'doc:spaceship:1' })).toEqual({ ok: false, error: 'unknown_room' })
    expect(checkRoom(rules, manager, { room: 'constructor:1' })).toEqual({ ok: false, error: 'unknown_room' })
    expect(checkRoom(rules, manager, { room: 'doc:constructor:1' })).toEqual({ ok: false, error: 'unknown_room' })
    expect(checkRoom(rules, manager, { room: 'doc:workspace:not-a-uuid' })).toEqual({ ok: false, error: 'unknown_room' })
  })
  it.each([
    undefined,
    null,
    1,
    'client:1',
    [],
    {},
    { room: 1 },
    { room: '' },
    { room: 'client' },
    { room: 'client:' },
    { room: 'Client:1' },
    { room: 'client:a b' },
    { room: 'client:a:b' },
    { room: `client:${'x'.repeat(300)}` },
    { room: 'branch:nope' },
  ])('calls %j an invalid payload', (payload) => {
    expect(checkRoom(rules, manager, payload)).toEqual({ ok: false, error: 'invalid_payload' })
  })
})

describe('allowedRooms', () => {
  it('keeps the base rooms and only the subscriptions still allowed', () => {
    const demoted: LiveUser = { ...manager, roles: ['teacher'] }
    const { rooms, subscriptions } = allowedRooms(rules, demoted, ['client:1', 'doc:test-medical:1', `branch:${OTHER}`])
    expect(subscriptions).toEqual(['client:1'])
    expect([...rooms]).toEqual(['user:u3', 'role:teacher', `branch:${BRANCH}`, 'client:1'])
  })
})
