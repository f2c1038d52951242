import { describe, expect, it } from 'vitest'
import { can } from '../../policies/permissions'
import { DocTypes, docType } from '../collab/doc-registry'
import { workspaceDoc } from '../../modules/workspace/docs'
import { PresenceBoard, alertAudience, alertRoles, docReaderRoles, entityChangedAudience } from './broadcaster'

const docTypes = new DocTypes([
  workspaceDoc,
  docType<string>({
    type: 'test-medical',
    parseKey: (k) => k,
    init: () => {},
    can: (u, access) => can(u, access === 'read' ? 'read' : 'update', 'medical'),
    describe: () => [],
  }),
])
const USER = '5e0c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b'

describe('entityChangedAudience', () => {
  it('goes to everyone without a branch', () => {
    expect(entityChangedAudience({ type: 'user', id: 'u1', action: 'update' })).toEqual({ everyone: true })
  })
  it("goes to the branch, to users of every branch, and to the subject room of what is not a branch's", () => {
    expect(entityChangedAudience({ type: 'client', id: 'c1', action: 'update', branchId: 'b1' })).toEqual({
      rooms: ['branch:b1', 'branches:all', 'client:c1'],
    })
    // a room is its branch's: another branch's staff who joined `room:r1` hear nothing
    expect(entityChangedAudience({ type: 'room', id: 'r1', action: 'create', branchId: 'b1' })).toEqual({
      rooms: ['branch:b1', 'branches:all'],
    })
  })
  it("sends timetable changes to the week document's room too", () => {
    const week = `timetable:${USER}:2026-W48`
    expect(entityChangedAudience({ type: 'timetable', id: `${USER}:2026-W48`, action: 'update', branchId: USER })).toEqual({
      rooms: [`branch:${USER}`, 'branches:all', `doc:${week}`],
    })
    // a lesson: its week as looked up by the server; without one, as before
    expect(entityChangedAudience({ type: 'lesson', id: 'l1', action: 'done', branchId: USER }, week)).toEqual({
      rooms: [`branch:${USER}`, 'branches:all', `doc:${week}`],
    })
    expect(entityChangedAudience({ type: 'lesson', id: 'l1', action: 'done', branchId: USER })).toEqual({
      rooms: [`branch:${USER}`, 'branches:all'],
    })
    // a malformed week, or another branch's, names no document
    expect(entityChangedAudience({ type: 'timetable', id: `${USER}:2026-W99`, action: 'update', branchId: USER })).toEqual({
      rooms: [`branch:${USER}`, 'branches:all'],
    })
    expect(entityChangedAudience({ type: 'timetable', id: `${USER}:2026-W48`, action: 'update', branchId: 'b2' })).toEqual({
      rooms: ['branch:b2', 'branches:all'],
    })
  })
})

describe('alertAudience', () => {
  it('goes to the roles that may read the subject, and to the subject room', () => {
    expect(alertAudience(docTypes, { subject: 'client-medical:c1' })).toEqual({
      rooms: ['role:owner', 'role:manager', 'client-medical:c1'],
    })
    expect(alertRoles(docTypes, 'payment:p1')).not.toContain('teacher')
    expect(alertRoles(docTypes, 'client:c1')).toEqual(['owner', 'manager', 'receptionist', 'teacher', 'auditor'])
  })
  it('asks the document registry about documents, and falls back to dashboard readers', () => {
    expect(alertRoles(docTypes, 'doc:test-medical:1')).toEqual(['owner', 'manager'])
    expect(alertRoles(docTypes, 'spaceship:1')).toEqual(['owner', 'manager', 'receptionist'])
    expect(alertRoles(docTypes, 'doc:spaceship:1')).toEqual(['owner', 'manager', 'receptionist'])
    expect(alertAudience(docTypes, { subject: 'not a room' })).toEqual({
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
