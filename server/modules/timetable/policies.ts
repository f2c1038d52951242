import type { Actor, Role } from '../../../domain/roles'
import type { MessageRef } from '../../errors'
import { NOT_ALLOWED, allowed, inTheirBranch, policy } from '../../policies/policy'
import { clientsPolicies } from '../clients'

/** Everyone who works with the timetable (reads it): all but the storekeeper and the accountant. */
const READERS: readonly Role[] = ['owner', 'manager', 'receptionist', 'teacher', 'auditor']
/** The front desk: who plans lessons and groups and takes attendance for any lesson of their branch. */
const FRONT_DESK: readonly Role[] = ['owner', 'manager', 'receptionist']
/** Who runs the center's reference books (the catalogue, closures, calendar feeds). */
const MANAGERS: readonly Role[] = ['owner', 'manager']

/** A lesson as the policies see it: its branch and its teacher. */
export interface LessonSubject {
  branchId: string
  teacherId: string | null
}

/** A group as the policies see it: its branch, its teacher and assistant. */
export interface GroupSubject {
  branchId: string
  teacherId: string
  assistantId: string | null
}

/** An iCalendar feed asked for: what it follows and, for a room, a group or a branch, its branch once known. */
export interface FeedSubject {
  kind: 'room' | 'teacher' | 'group' | 'branch'
  subjectId: string
  /** The room's, group's or branch's branch (undefined until it is looked up; a teacher's feed has none). */
  branchId?: string | null
}

/** A feed of a teacher's own lessons is theirs (to list and revoke), whoever made it. */
const teachersOwn = (actor: Actor, feed: { kind: string; subjectId: string }) =>
  feed.kind === 'teacher' && feed.subjectId === actor.id && actor.roles.includes('teacher')

const JOURNAL_REFUSAL = 'errors.timetable.journalRefusal'

/** The journal rule: a teacher their own lessons anywhere; the front desk any lesson of their branch. */
function journal(actor: Actor, lesson: LessonSubject): MessageRef | null {
  if (actor.roles.includes('teacher') && lesson.teacherId === actor.id) return null
  if (actor.roles.some((r) => FRONT_DESK.includes(r))) return inTheirBranch(actor, lesson)
  return JOURNAL_REFUSAL
}

/**
 * The timetable area in the center's verbs: the weeks of each branch, lessons and their journal,
 * groups and their waiting lists, the activity catalogue, closures and calendar feeds.
 */
export const timetablePolicies = {
  read: policy<{ branchId: string }>({
    verb: 'timetable.read',
    description: 'Read a branch’s timetable: its weeks, lessons and groups',
    roles: READERS,
    writes: false,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  edit: policy<{ branchId: string }>({
    verb: 'timetable.edit',
    description: 'Edit a branch’s timetable week (lessons in the grid)',
    roles: FRONT_DESK,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  generate: policy<{ branchId: string }>({
    verb: 'timetable.generate',
    description: 'Generate a branch’s lessons from the groups’ weekly patterns',
    roles: FRONT_DESK,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  catalogueRead: policy({
    verb: 'catalogue.read',
    description: 'See the activity catalogue, the teachers and the closures',
    roles: READERS,
    writes: false,
  }),
  catalogueManage: policy({
    verb: 'catalogue.manage',
    description: 'Add and edit activities and their norms',
    roles: MANAGERS,
    writes: true,
  }),
  closuresManage: policy<{ branchId: string | null }>({
    verb: 'closures.manage',
    description: 'Add and remove holidays and closures',
    roles: MANAGERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch; the whole center’s: those who span every branch',
  }),
  lessonRead: policy<LessonSubject>({
    verb: 'lessons.read',
    description: 'Read a lesson with its roster',
    roles: READERS,
    writes: false,
    rule: (actor, lesson) => (lesson.teacherId === actor.id ? null : inTheirBranch(actor, lesson)),
    ruleText: 'own branch; its teacher: anywhere',
  }),
  lessonEmergencyInfo: policy<{ teacherId: string | null }>({
    verb: 'lessons.seeEmergencyInfo',
    description: 'See the allergies and emergency instructions on a lesson’s roster',
    roles: READERS,
    writes: false,
    rule: (actor, lesson) =>
      lesson.teacherId === actor.id || allowed(actor, clientsPolicies.readMedical) ? null : 'errors.timetable.medicalRefusal',
    ruleText: 'the lesson’s teacher, and those who read medical files',
  }),
  takeAttendance: policy<LessonSubject>({
    verb: 'lessons.takeAttendance',
    description: 'Take a lesson’s attendance, grades and comments (the journal)',
    roles: [...FRONT_DESK, 'teacher'],
    writes: true,
    rule: journal,
    ruleText: 'own branch; teachers: their own lessons',
  }),
  markDone: policy<LessonSubject>({
    verb: 'lessons.markDone',
    description: 'Mark a lesson done (visits, write-offs, the teacher’s service), or undo it the same day',
    roles: [...FRONT_DESK, 'teacher'],
    writes: true,
    rule: journal,
    ruleText: 'own branch; teachers: their own lessons',
  }),
  cancel: policy<{ branchId: string }>({
    verb: 'lessons.cancel',
    description: 'Cancel a lesson (and offer make-up lessons)',
    roles: FRONT_DESK,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  groupRead: policy<GroupSubject>({
    verb: 'groups.read',
    description: 'Read a group with its members and waiting list',
    roles: READERS,
    writes: false,
    rule: (actor, g) => (g.teacherId === actor.id || g.assistantId === actor.id ? null : inTheirBranch(actor, g)),
    ruleText: 'own branch; its teacher and assistant: anywhere',
  }),
  groupManage: policy<{ branchId: string }>({
    verb: 'groups.manage',
    description: 'Create a group and edit it (teacher, room, weekly pattern, term, capacity)',
    roles: FRONT_DESK,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  groupDelete: policy<{ branchId: string }>({
    verb: 'groups.delete',
    description: 'Delete a group (kept for history)',
    roles: MANAGERS,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  enrol: policy<{ branchId: string }>({
    verb: 'groups.enrol',
    description: 'Enrol clients in a group, take them out, keep its waiting list',
    roles: FRONT_DESK,
    writes: true,
    rule: inTheirBranch,
    ruleText: 'own branch',
  }),
  feedsRead: policy({
    verb: 'calendarFeeds.read',
    description: 'List the iCalendar feeds (a teacher: the feeds of their own lessons)',
    roles: [...MANAGERS, 'teacher'],
    writes: false,
    ruleText: 'every feed; teachers: the feeds of their own lessons',
  }),
  feedsCreate: policy<FeedSubject>({
    verb: 'calendarFeeds.create',
    description: 'Create an iCalendar feed of a room, a teacher, a group or a whole branch',
    roles: [...MANAGERS, 'teacher'],
    writes: true,
    rule: (actor, feed) => {
      // a teacher may subscribe to their own lessons; everything else is for managers, in their branches
      if (teachersOwn(actor, feed)) return null
      if (!actor.roles.some((r) => MANAGERS.includes(r))) return NOT_ALLOWED
      return feed.branchId === undefined ? null : inTheirBranch(actor, { branchId: feed.branchId })
    },
    ruleText: 'own branch; teachers: their own lessons',
  }),
  feedsRevoke: policy<{ kind: string; subjectId: string }>({
    verb: 'calendarFeeds.revoke',
    description: 'Revoke an iCalendar feed (a teacher: one of their own lessons)',
    roles: ['owner', 'teacher'],
    writes: true,
    rule: (actor, feed) => (actor.roles.includes('owner') || teachersOwn(actor, feed) ? null : 'errors.timetable.feedNotYours'),
    ruleText: 'every feed; teachers: the feeds of their own lessons',
    refusal: 'errors.timetable.feedRevokeOwnerOnly',
  }),
}
