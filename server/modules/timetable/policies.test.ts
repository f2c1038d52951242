import { describe, expect, it } from 'vitest'
import type { Actor, Role } from '../../../domain/roles'
import { allowed, authorizeRole, refusalIn, refusalOf, type Policy } from '../../policies/policy'
import { OTHER_BRANCH } from '../../policies/branches'
import { timetablePolicies as p, type FeedSubject, type GroupSubject, type LessonSubject } from './policies'

// Who may do what in the timetable area, as it was before the policies (the CRUD map's `timetable`
// row, `medical` row and the routes' inline rules): each verb, each kind of actor, each subject.

const CENTRAL = 'c0000000-0000-4000-8000-000000000001'
const RIVERSIDE = 'r0000000-0000-4000-8000-000000000002'
const actor = (id: string, roles: Role[], branchIds: string[] = []): Actor => ({ id, login: id, name: id, roles, branchIds })

const A = {
  owner: actor('owner', ['owner'], [CENTRAL]), // an owner spans every branch whatever the list says
  manager: actor('manager', ['manager']),
  managerC: actor('managerC', ['manager'], [CENTRAL]),
  receptionC: actor('receptionC', ['receptionist'], [CENTRAL]),
  teacherC: actor('teacherC', ['teacher'], [CENTRAL]),
  teacherR: actor('teacherR', ['teacher'], [RIVERSIDE]),
  storekeeper: actor('storekeeper', ['storekeeper'], [CENTRAL]),
  accountant: actor('accountant', ['accountant'], [CENTRAL, RIVERSIDE]),
  auditor: actor('auditor', ['auditor']),
}
type Who = keyof typeof A
const EVERYONE = Object.keys(A) as Who[]

/** Asserts exactly `yes` may, for one policy and one subject. */
function only<S>(policy: Policy<S>, subject: S, yes: Who[]) {
  const got = EVERYONE.filter((w) => (allowed as (a: Actor, p: Policy<S>, s: S) => boolean)(A[w], policy, subject))
  expect(got, policy.verb).toEqual(EVERYONE.filter((w) => yes.includes(w)))
}

const central = { branchId: CENTRAL }
const riverside = { branchId: RIVERSIDE }
const READERS_EVERYWHERE: Who[] = ['owner', 'manager', 'auditor']

describe('timetable weeks', () => {
  it('reads: every timetable role in their branches (owner, managers and auditors without a list: all)', () => {
    only(p.read, central, [...READERS_EVERYWHERE, 'managerC', 'receptionC', 'teacherC'])
    only(p.read, riverside, [...READERS_EVERYWHERE, 'teacherR'])
  })
  it('edits and generates: the front desk of the branch', () => {
    for (const verb of [p.edit, p.generate]) {
      only(verb, central, ['owner', 'manager', 'managerC', 'receptionC'])
      only(verb, riverside, ['owner', 'manager'])
    }
  })
  it('refuses another branch with the branch reason', () => {
    expect(refusalOf(A.receptionC, p.edit, riverside)).toBe(OTHER_BRANCH)
    expect(refusalIn('en', A.teacherC, p.edit, central)).toBe('You are not allowed to do this')
  })
})

describe('lessons', () => {
  const own: LessonSubject = { branchId: RIVERSIDE, teacherId: 'teacherC' } // teacherC teaching at Riverside
  const others: LessonSubject = { branchId: CENTRAL, teacherId: 'teacherR' }
  it('reads a lesson: in their branches, and its teacher anywhere', () => {
    only(p.lessonRead, own, [...READERS_EVERYWHERE, 'teacherC', 'teacherR'])
    only(p.lessonRead, others, [...READERS_EVERYWHERE, 'managerC', 'receptionC', 'teacherC', 'teacherR'])
  })
  it('shows the emergency subset to the lesson’s teacher and to those who read medical files', () => {
    only(p.lessonEmergencyInfo, own, ['owner', 'manager', 'managerC', 'teacherC'])
    only(p.lessonEmergencyInfo, others, ['owner', 'manager', 'managerC', 'teacherR'])
  })
  it('takes attendance and marks done: its teacher anywhere, the front desk in their branch', () => {
    for (const verb of [p.takeAttendance, p.markDone]) {
      only(verb, own, ['owner', 'manager', 'teacherC'])
      only(verb, others, ['owner', 'manager', 'managerC', 'receptionC', 'teacherR'])
    }
    expect(refusalIn('en', A.teacherR, p.markDone, own)).toBe('Only the lesson’s teacher or the front desk may do this')
    expect(refusalOf(A.receptionC, p.markDone, own)).toBe(OTHER_BRANCH)
    expect(refusalIn('en', A.storekeeper, p.markDone, own)).toBe('You are not allowed to do this')
  })
  it('cancels: the front desk of the branch, never the teacher', () => {
    only(p.cancel, { branchId: CENTRAL }, ['owner', 'manager', 'managerC', 'receptionC'])
    only(p.cancel, { branchId: RIVERSIDE }, ['owner', 'manager'])
  })
})

describe('groups', () => {
  const g: GroupSubject = { branchId: RIVERSIDE, teacherId: 'teacherC', assistantId: null }
  it('reads a group: in their branches, its teacher and assistant anywhere', () => {
    only(p.groupRead, g, [...READERS_EVERYWHERE, 'teacherC', 'teacherR'])
    only(p.groupRead, { ...g, teacherId: 'x', assistantId: 'teacherC' }, [...READERS_EVERYWHERE, 'teacherC', 'teacherR'])
    only(p.groupRead, { ...g, teacherId: 'x' }, [...READERS_EVERYWHERE, 'teacherR'])
  })
  it('manages and enrols: the front desk of the branch; deletes: owners and managers of the branch', () => {
    only(p.groupManage, central, ['owner', 'manager', 'managerC', 'receptionC'])
    only(p.enrol, central, ['owner', 'manager', 'managerC', 'receptionC'])
    only(p.enrol, riverside, ['owner', 'manager'])
    only(p.groupDelete, central, ['owner', 'manager', 'managerC'])
    only(p.groupDelete, riverside, ['owner', 'manager'])
  })
})

describe('the catalogue, closures and calendar feeds', () => {
  it('reads the catalogue: every timetable role; manages it: owners and managers', () => {
    only(p.catalogueRead, undefined, ['owner', 'manager', 'managerC', 'receptionC', 'teacherC', 'teacherR', 'auditor'])
    only(p.catalogueManage, undefined, ['owner', 'manager', 'managerC'])
  })
  it('manages closures of their branch; the whole center’s only those who span every branch', () => {
    only(p.closuresManage, central, ['owner', 'manager', 'managerC'])
    only(p.closuresManage, riverside, ['owner', 'manager'])
    only(p.closuresManage, { branchId: null }, ['owner', 'manager'])
  })
  it('lists feeds: owners, managers and teachers (theirs); revokes: the owner, a teacher the feeds of their own lessons', () => {
    only(p.feedsRead, undefined, ['owner', 'manager', 'managerC', 'teacherC', 'teacherR'])
    only(p.feedsRevoke, { kind: 'room', subjectId: 'r1' }, ['owner'])
    only(p.feedsRevoke, { kind: 'teacher', subjectId: 'teacherC' }, ['owner', 'teacherC'])
    expect(refusalIn('en', A.manager, p.feedsRevoke, { kind: 'room', subjectId: 'r1' })).toBe(
      'Only the owner, or a teacher for the feeds of their own lessons, may revoke a feed',
    )
    expect(refusalIn('en', A.teacherR, p.feedsRevoke, { kind: 'teacher', subjectId: 'teacherC' })).toBe(
      'This feed is not of your lessons: only the owner may revoke it',
    )
  })
  it('creates feeds: managers (of the room’s or group’s branch), a teacher of their own lessons', () => {
    const teacherFeed = (subjectId: string): FeedSubject => ({ kind: 'teacher', subjectId })
    only(p.feedsCreate, teacherFeed('teacherC'), ['owner', 'manager', 'managerC', 'teacherC'])
    only(p.feedsCreate, teacherFeed('teacherR'), ['owner', 'manager', 'managerC', 'teacherR'])
    // before the room is looked up: who may ask at all; once it is: its branch
    only(p.feedsCreate, { kind: 'room', subjectId: 'r1' }, ['owner', 'manager', 'managerC'])
    only(p.feedsCreate, { kind: 'room', subjectId: 'r1', branchId: RIVERSIDE }, ['owner', 'manager'])
    only(p.feedsCreate, { kind: 'group', subjectId: 'g1', branchId: CENTRAL }, ['owner', 'manager', 'managerC'])
    // a whole branch: managers of that branch, never a teacher
    only(p.feedsCreate, { kind: 'branch', subjectId: RIVERSIDE, branchId: RIVERSIDE }, ['owner', 'manager'])
    only(p.feedsCreate, { kind: 'branch', subjectId: CENTRAL, branchId: CENTRAL }, ['owner', 'manager', 'managerC'])
  })
})

describe('policies of the area', () => {
  it('never give the auditor a write', () => {
    for (const policy of Object.values(p)) if (policy.writes) expect(policy.roles, policy.verb).not.toContain('auditor')
  })
  it('are refused by role before the subject is known (authorizeRole), with their own wording', () => {
    expect(() => authorizeRole(null, p.cancel)).toThrow('Sign in first')
    expect(() => authorizeRole(A.teacherC, p.cancel)).toThrow('You are not allowed to do this')
    expect(() => authorizeRole(A.manager, p.feedsRevoke)).toThrow(
      'Only the owner, or a teacher for the feeds of their own lessons, may revoke a feed',
    )
    expect(authorizeRole(A.receptionC, p.cancel)).toBe(A.receptionC)
  })
})
