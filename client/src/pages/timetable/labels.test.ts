import { afterEach, describe, expect, it } from 'vitest'
import { setLocale, t } from '../../i18n/locale'
import {
  attendanceText,
  cancelledText,
  clashText,
  dayHeading,
  dayLong,
  dayShort,
  generatedClashText,
  markText,
  problemsText,
  reasonsText,
  spanText,
  statusText,
  weekLabel,
} from './labels'

afterEach(() => setLocale('en'))

describe('timetable labels', () => {
  it('names days in the language shown, Monday first, without shifting the calendar day', () => {
    setLocale('en')
    expect(dayHeading('2026-11-23')).toBe('Mon 23')
    expect(dayShort('2026-11-23')).toBe('Mon, 23 Nov 2026')
    expect(dayLong('2026-11-29')).toBe('Sunday, 29 Nov')
    setLocale('ru')
    expect(dayHeading('2026-11-30')).toBe('пн, 30')
    expect(dayShort('2026-11-23')).toMatch(/^пн, 23 нояб\.? 2026/)
    expect(dayLong('2026-11-23')).toMatch(/^Понедельник, 23 нояб\.?$/)
    setLocale('hy')
    expect(dayHeading('2026-11-29')).toBe('կիր, 29')
    expect(dayShort('2026-11-23')).toMatch(/^երկ, 23 նոյ/)
    expect(dayLong('2026-11-23')).toBe('Երկուշաբթի, 23 նոյ')
  })

  it('labels a week by its number, Monday and Sunday', () => {
    setLocale('en')
    expect(weekLabel('2026-W48', '2026-11-23', '2026-11-29')).toBe('Week 48: 23 Nov – 29 Nov')
    setLocale('ru')
    expect(weekLabel('2026-W48', '2026-11-23', '2026-11-29')).toMatch(/^Неделя 48: 23 нояб\.? – 29 нояб\.?$/)
  })

  it('names enum values through their catalogue ids; unknown values as words', () => {
    setLocale('ru')
    expect(clashText('room_clash')).toBe('Кабинет занят дважды')
    expect(clashText('bus_clash')).toBe('bus clash')
    expect(statusText('cancelled')).toBe('Отменено')
    expect(markText('done')).toBe('✓ проведено')
    expect(markText('planned')).toBe('')
    expect(attendanceText('walk_in')).toBe('Разовое посещение')
    setLocale('hy')
    expect(attendanceText('present')).toBe('Ներկա')
    expect(spanText(960, 1050)).toBe('16:00–17:30')
  })

  it('counts by CLDR plural rules', () => {
    setLocale('ru')
    expect(t('timetable.roster.count', { count: 1 })).toBe('1 человек в списке')
    expect(t('timetable.roster.count', { count: 3 })).toBe('3 человека в списке')
    expect(t('timetable.roster.count', { count: 21 })).toBe('21 человек в списке')
    expect(t('timetable.unplaced', { count: 5 })).toMatch(/^5 занятий этой недели/)
    expect(t('timetable.unplaced', { count: 22 })).toMatch(/^22 занятия этой недели/)
    expect(t('timetable.generate.clashes', { count: 5 })).toBe('конфликтов')
    setLocale('en')
    expect(t('timetable.unplaced', { count: 1 })).toMatch(/^One lesson of this week/)
    expect(t('timetable.unplaced', { count: 2 })).toMatch(/^2 lessons of this week/)
  })
})

describe('lesson blocks words', () => {
  it('fills the description lines of each language without formatting a message per block', async () => {
    const { blockWords } = await import('./lesson-blocks')
    const ru = blockWords('ru')
    expect(ru.line.group('Юниоры')).toBe('Группа: Юниоры')
    expect(ru.line.title('Шахматы', '16:00–17:00')).toBe('Шахматы, 16:00–17:00')
    expect(ru.line.owing('Анна', 'абонемент')).toBe('Анна (абонемент)')
    expect(blockWords('hy').line.teacher('Կարեն')).toBe('Ուսուցիչ՝ Կարեն')
    expect(blockWords('en').done).toBe('✓ done')
    // one object per language: a change of language redraws every block
    expect(blockWords('ru')).toBe(ru)
    expect(blockWords('en')).not.toBe(ru)
  })

  it('words the server’s messages (id + parameters) in the language shown, again after a switch', () => {
    const problems = [
      { id: 'timetable.problem.roomOfOtherBranch', params: { room: 'Pool' } },
      { id: 'timetable.problem.noTeacher' },
      { id: 'no.such.message' },
    ]
    setLocale('hy')
    expect(problemsText(problems)).toBe('«Pool» սենյակը պատկանում է այլ մասնաճյուղի; Ուսուցիչը նշված չէ')
    setLocale('ru')
    expect(problemsText(problems)).toBe('Кабинет «Pool» относится к другому филиалу; Не указан преподаватель')
    expect(reasonsText([{ id: 'clients.filters.owingHint' }])).toBe(t('clients.filters.owingHint'))
    setLocale('en')
    expect(problemsText(problems)).toBe('Room “Pool” belongs to another branch; No teacher')
  })

  it('says "Cancelled: <reason>" with the reason as typed, in the language shown', () => {
    setLocale('ru')
    expect(cancelledText('Teacher ill')).toBe('Отменено: Teacher ill')
    expect(cancelledText(null)).toBe('Отменено')
    setLocale('hy')
    expect(cancelledText('Հիվանդ է')).toBe('Չեղարկված է՝ Հիվանդ է')
    setLocale('en')
    expect(cancelledText('Teacher ill')).toBe('Cancelled: Teacher ill')
  })

  it('words a clash Generate found from its message id + parameters, else the server’s text', () => {
    const clash = {
      kind: 'room_clash',
      messageId: 'alerts.roomClash',
      params: {
        room: 'Lab',
        when: { span: ['2027-03-02T12:00:00.000Z', '2027-03-02T13:00:00.000Z'], timeZone: 'Asia/Yerevan' },
        lessons: {
          messages: [
            { id: 'alerts.legacy', params: { text: 'Juniors' } },
            { id: 'alerts.legacy', params: { text: 'Seniors' } },
          ],
        },
      },
      message: 'server wording',
    }
    setLocale('ru')
    expect(generatedClashText(clash)).toMatch(/^Lab: двойное бронирование, .*16:00–17:00: Juniors и Seniors$/)
    setLocale('en')
    expect(generatedClashText(clash)).toMatch(/^Lab is double-booked .*16:00–17:00: Juniors and Seniors$/)
    expect(generatedClashText({ kind: 'room_clash', message: 'as the server said' })).toBe('as the server said')
  })
})
