import { isMessageId, type MessageId } from '../i18n/catalogue'

/**
 * What keeps a lesson of a week document from being projected as a real lesson, as a catalogue
 * message id with its parameters (names are not translated), so each reader sees it in their
 * language. Stored in `lessons.problems` and sent as is by GET /api/lessons.
 */
export interface LessonProblem {
  id: MessageId
  params?: Record<string, string>
}

/** The problems `lessonRowFrom` finds, by what it checks. */
export const PROBLEMS = {
  badStart: 'timetable.problem.badStart',
  badEnd: 'timetable.problem.badEnd',
  endsBeforeStart: 'timetable.problem.endsBeforeStart',
  tooLong: 'timetable.problem.tooLong',
  notThisWeek: 'timetable.problem.notThisWeek',
  unknownRoom: 'timetable.problem.unknownRoom',
  roomOfOtherBranch: 'timetable.problem.roomOfOtherBranch',
  unknownActivity: 'timetable.problem.unknownActivity',
  noTeacher: 'timetable.problem.noTeacher',
  unknownGroup: 'timetable.problem.unknownGroup',
  groupDeleted: 'timetable.problem.groupDeleted',
  unknownStatus: 'timetable.problem.unknownStatus',
} as const satisfies Record<string, MessageId>

/** The English texts rows projected before problems were message ids hold. */
const LEGACY: Readonly<Record<string, MessageId>> = {
  'Start is not a date-time with an offset': PROBLEMS.badStart,
  'End is not a date-time with an offset': PROBLEMS.badEnd,
  'The lesson ends before it starts': PROBLEMS.endsBeforeStart,
  'A lesson cannot last more than 12 hours': PROBLEMS.tooLong,
  'The lesson is not in this week': PROBLEMS.notThisWeek,
  'Unknown room': PROBLEMS.unknownRoom,
  'Unknown activity': PROBLEMS.unknownActivity,
  'No teacher': PROBLEMS.noTeacher,
  'Unknown group': PROBLEMS.unknownGroup,
  'Unknown status': PROBLEMS.unknownStatus,
}
const LEGACY_ROOM = /^Room (.*) belongs to another branch$/s
const LEGACY_GROUP = /^Group (.*) was deleted$/s

/** An old row's English problem as its message (a text it does not know stays as written). */
export function legacyProblem(text: string): LessonProblem {
  if (Object.hasOwn(LEGACY, text)) return { id: LEGACY[text] }
  const room = LEGACY_ROOM.exec(text)
  if (room) return { id: PROBLEMS.roomOfOtherBranch, params: { room: room[1] } }
  const group = LEGACY_GROUP.exec(text)
  if (group) return { id: PROBLEMS.groupDeleted, params: { group: group[1] } }
  return { id: 'timetable.problem.other', params: { text } }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * A lesson's stored problems (`lessons.problems`, JSON) as messages: current rows hold
 * `{ id, params }`, rows projected by earlier versions English texts; anything else is skipped.
 */
export function problemsOf(stored: unknown): LessonProblem[] {
  if (!Array.isArray(stored)) return []
  const out: LessonProblem[] = []
  for (const p of stored) {
    if (typeof p === 'string') out.push(legacyProblem(p))
    else if (isObject(p) && isMessageId(p.id)) {
      const params: Record<string, string> = {}
      if (isObject(p.params)) for (const [k, v] of Object.entries(p.params)) params[k] = String(v)
      out.push(Object.keys(params).length ? { id: p.id, params } : { id: p.id })
    }
  }
  return out
}
