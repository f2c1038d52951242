import { describe, expect, it } from 'vitest'
import { encodeTimetableDocName, parseTimetableKey } from '../../../domain/docs/timetable-week'
import type { Role } from '../../../domain/roles'
import { allowed, policy } from '../../policies/policy'
import { DocTypes, docType } from '../collab/doc-registry'
import { workspaceDoc } from '../../modules/workspace/docs'
import { PresenceBoard, alertAudience, alertRoles, docReaderRoles, entityChangedAudience } from './broadcaster'
import type { RoomRules } from './rooms'

const byRoles = (verb: string, roles: Role[]) => policy({ verb, description: verb, roles, writes: false })
const medical = byRoles('test.medical', ['owner', 'manager'])
const docTypes = new DocTypes([
  workspaceDoc,
  docType<string>({
    type: 'test-medical',
    parseKey: (k) => k,
    init: () => {},
    can: (u) => allowed(u, medical),
    describe: () => [],
  }),
])
// entity types as the areas declare them: who reads them, whether they are a branch's, the document they live in
const entities: RoomRules['entities'] = {
  client: { read: byRoles('test.clients', ['owner', 'manager', 'receptionist', 'teacher', 'auditor']) },
  'client-medical': { read: medical },
  payment: { read: byRoles('test.payments', ['owner', 'manager', 'receptionist', 'accountant', 'auditor']) },
  room: { read: byRoles('test.rooms', ['owner', 'manager', 'receptionist', 'teacher']), branchScoped: true },
  lesson: { branchScoped: true },
  timetable: {
    branchScoped: true,
    docOf: (id, branchId) => {
      const key = parseTimetableKey(id)
      return key && key.branchId === branchId ? encodeTimetableDocName(key.branchId, key.week) : null
    },
  },
}
const rules: RoomRules = { docTypes, entities }
const USER = '5e0c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b'

describe('entityChangedAudience', () => {
  it('goes to everyone without a branch', () => {
    expect(entityChangedAudience({ type: 'user', id: 'u1', action: 'update' }, entities)).toEqual({ everyone: true })
  })
  it("goes to the branch, to users of every branch, and to the subject room of what is not a branch's", () => {
    expect(entityChangedAudience({ type: 'client', id: 'c1', action: 'update', branchId: 'b1' }, entities)).toEqual({
      rooms: ['branch:b1', 'branches:all', 'client:c1'],
    })
    // a room is its branch's: another branch's staff who joined `room:r1` hear nothing
    expect(entityChangedAudience({ type: 'room', id: 'r1', action: 'create', branchId: 'b1' }, entities)).toEqual({
      rooms: ['branch:b1', 'branches:all'],
    })
  })
  it("sends timetable changes to the week document's room too", () => {
    const week = `timetable:${USER}:2026-W48`
    expect(
      entityChangedAudience({ type: 'timetable', id: `${USER}:2026-W48`, action: 'update', branchId: USER }, entities),
    ).toEqual({
      rooms: [`branch:${USER}`, 'branches:all', `doc:${week}`],
    })
    // a lesson: its week as looked up by the server; without one, as before
    expect(entityChangedAudience({ type: 'lesson', id: 'l1', action: 'done', branchId: USER }, entities, week)).toEqual({
      rooms: [`branch:${USER}`, 'branches:all', `doc:${week}`],
    })
    expect(entityChangedAudience({ type: 'lesson', id: 'l1', action: 'done', branchId: USER }, entities)).toEqual({
      rooms: [`branch:${USER}`, 'branches:all'],
    })
    // a malformed week, or another branch's, names no document
    expect(
      entityChangedAudience({ type: 'timetable', id: `${USER}:2026-W99`, action: 'update', branchId: USER }, entities),
    ).toEqual({
      rooms: [`branch:${USER}`, 'branches:all'],
    })
    expect(
      entityChangedAudience({ type: 'timetable', id: `${USER}:2026-W48`, action: 'update', branchId: 'b2' }, entities),
    ).toEqual({
      rooms: ['branch:b2', 'branches:all'],
    })
  })
})

describe('alertAudience', () => {
  it('goes to the roles that may read the subject, and to the subject room', () => {
    expect(alertAudience(rules, { subject: 'client-medical:c1' })).toEqual({
      rooms: ['role:owner', 'role:manager', 'client-medical:c1'],
    })
    expect(alertRoles(rules, 'payment:p1')).not.toContain('teacher')
    expect(alertRoles(rules, 'client:c1')).toEqual(['owner', 'manager', 'receptionist', 'teacher', 'auditor'])
  })
  it('asks the document registry about documents, and falls back to dashboard readers', () => {
    expect(alertRoles(rules, 'doc:test-medical:1')).toEqual(['owner', 'manager'])
    expect(alertRoles(rules, 'spaceship:1')).toEqual(['owner', 'manager', 'receptionist'])
    expect(alertRoles(rules, 'doc:spaceship:1')).toEqual(['owner', 'manager', 'receptionist'])
    expect(alertAudience(rules, { subject: 'not a room' })).toEqual({
      rooms: ['role:owner', 'role:manager', 'role:receptionist'],
    })
  })
})

describe('docReaderRoles', () => {
  it('counts role-wide rights only, not instance rules', () => {
    expect(docReaderRoles(docTypes, `workspace:${USER}`)).toEqual(['owner', 'auditor'])
    expect(docReaderRoles(docTypes, 'workspace:nope')).toBeNull()
  })
})

describe('PresenceBoard', () => {
  it('summarises occupied documents per type, for the roles that may read them, and forgets empty ones', () => {
    const board = new PresenceBoard(docTypes)
    const anna = { id: 'u1', name: 'Anna', colour: '#f00' }
    expect(board.set('test-medical:c1', [anna])).toBe('test-medical')
    expect(board.set(`workspace:${USER}`, [anna])).toBe('workspace')
    expect(board.set('weird:1', [anna])).toBeNull()
    expect(board.summary('test-medical')).toEqual([{ doc: 'test-medical:c1', users: [anna] }])
    expect(board.audience('test-medical')).toEqual({ rooms: ['role:owner', 'role:manager'] })
    expect(board.scopes().sort()).toEqual(['test-medical', 'workspace'])
    // a snapshot for one user honours instance rules: the workspace's own user sees it
    expect(board.summaryFor({ id: USER, login: 't', name: 'T', roles: ['teacher'], branchIds: [] }, 'workspace')).toHaveLength(1)
    expect(board.summaryFor({ id: 'other', login: 't', name: 'T', roles: ['teacher'], branchIds: [] }, 'workspace')).toEqual([])
    board.set('test-medical:c1', [])
    expect(board.summary('test-medical')).toEqual([])
    expect(board.audience('test-medical')).toEqual({ rooms: ['role:owner', 'role:manager'] })
  })
})
