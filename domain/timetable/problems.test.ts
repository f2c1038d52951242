import { describe, expect, it } from 'vitest'
import { LOCALES } from '../i18n/locales'
import { translatorFor } from '../i18n/translator'
import { legacyProblem, problemsOf } from './problems'

const inEvery = (p: { id: Parameters<ReturnType<typeof translatorFor>['t']>[0]; params?: Record<string, string> }) =>
  LOCALES.map((l) => translatorFor(l).render(p))

describe('lesson problems', () => {
  it('are messages each reader gets in their language, names as written', () => {
    expect(inEvery({ id: 'timetable.problem.roomOfOtherBranch', params: { room: 'Pool' } })).toEqual([
      '«Pool» սենյակը պատկանում է այլ մասնաճյուղի',
      'Кабинет «Pool» относится к другому филиалу',
      'Room “Pool” belongs to another branch',
    ])
    expect(inEvery({ id: 'timetable.problem.endsBeforeStart' })).toEqual([
      'Դասն ավարտվում է սկսվելուց առաջ',
      'Занятие заканчивается раньше, чем начинается',
      'The lesson ends before it starts',
    ])
  })

  it('read rows projected before they were messages: known English texts become their message', () => {
    expect(legacyProblem('Start is not a date-time with an offset')).toEqual({ id: 'timetable.problem.badStart' })
    expect(legacyProblem('A lesson cannot last more than 12 hours')).toEqual({ id: 'timetable.problem.tooLong' })
    expect(legacyProblem('Room Studio 2 belongs to another branch')).toEqual({
      id: 'timetable.problem.roomOfOtherBranch',
      params: { room: 'Studio 2' },
    })
    expect(legacyProblem('Group Chess A was deleted')).toEqual({
      id: 'timetable.problem.groupDeleted',
      params: { group: 'Chess A' },
    })
    expect(legacyProblem('Something new')).toEqual({ id: 'timetable.problem.other', params: { text: 'Something new' } })
    expect(translatorFor('ru').render(legacyProblem('No teacher'))).toBe('Не указан преподаватель')
  })

  it('read stored JSON defensively: messages as they are, old texts mapped, anything else skipped', () => {
    expect(
      problemsOf([
        { id: 'timetable.problem.groupDeleted', params: { group: 'Chess' } },
        'Unknown room',
        { id: 'no.such.message' },
        42,
        { id: 'timetable.problem.noTeacher', params: null },
      ]),
    ).toEqual([
      { id: 'timetable.problem.groupDeleted', params: { group: 'Chess' } },
      { id: 'timetable.problem.unknownRoom' },
      { id: 'timetable.problem.noTeacher' },
    ])
    expect(problemsOf(null)).toEqual([])
    expect(problemsOf('Unknown room')).toEqual([])
  })
})
