import { describe, expect, it } from 'vitest'
import { translatorFor } from '../i18n/translator'
import type { Locale } from '../i18n/locales'
import { lineSentence, plainLines, type PlainFormat, type PlainInput } from './plain-change'

const fmt = (locale: Locale): PlainFormat => ({
  t: translatorFor(locale).t,
  locale,
  timeZone: 'Asia/Yerevan',
  currency: 'AMD',
})

const ANNA = '0d864c17-8df5-4280-bff2-937ecfb34cd4'
const KAREN = 'c8614f33-4769-4fa8-b782-bbd5ab367a47'
const ROOM = '4ba9c5db-5131-422e-bcd8-69f70e473f0f'
const LESSON = 'g-bab63a17-49bf-4571-8e00-c8884ebe8076-20261124-1600'

const doc = (changes: PlainInput['changes'], names: Record<string, string> = {}): PlainInput => ({
  area: 'timetable',
  source: 'document',
  action: null,
  subject: { type: 'timetable', id: 'b:2026-W48', label: 'Central · 2026-W48' },
  changes,
  hidden: false,
  names,
})

describe('a change in plain words', () => {
  it('names the lesson and the teachers: "Lesson Tue 16:00 Room 2: teacher Anna → Karen"', () => {
    const input = doc([{ path: `lessons.${LESSON}.teacherId`, before: ANNA, after: KAREN, kind: 'changed' }], {
      [LESSON]: 'Tue 16:00 Room 2',
      [ANNA]: 'Anna',
      [KAREN]: 'Karen',
    })
    const [line] = plainLines(input, fmt('en'))
    expect(line).toMatchObject({ field: 'Lesson Tue 16:00 Room 2: teacher', before: 'Anna', after: 'Karen', kind: 'changed' })
    expect(lineSentence(line, fmt('en'))).toBe('Lesson Tue 16:00 Room 2: teacher: Anna → Karen')
    expect(plainLines(input, fmt('ru'))[0].field).toBe('Урок Tue 16:00 Room 2: преподаватель')
    expect(plainLines(input, fmt('hy'))[0].field).toBe('Դաս Tue 16:00 Room 2: ուսուցիչ')
  })

  it('words a lesson added without a label from its own fields, in the center’s time zone', () => {
    const after = {
      start: '2026-11-24T16:00:00+04:00',
      end: '2026-11-24T17:30:00+04:00',
      roomId: ROOM,
      teacherId: ANNA,
      status: 'planned',
    }
    const [line] = plainLines(
      doc([{ path: `lessons.${LESSON}`, before: null, after, kind: 'added' }], { [ROOM]: 'Robotics lab', [ANNA]: 'Anna' }),
      fmt('en'),
    )
    expect(line.field).toMatch(/^Lesson .*16:00–17:30, Robotics lab, Anna$/)
    expect(line.after).toMatch(/16:00–17:30, Robotics lab, Anna$/)
    expect(line.before).toBeNull()
  })

  it('drops the client file’s sections and words codes, dates, yes/no and money', () => {
    const input: PlainInput = {
      ...doc([
        { path: 'profile.firstName', before: 'Nare', after: 'Narek', kind: 'changed' },
        { path: 'profile.status', before: 'active', after: 'left', kind: 'changed' },
        { path: 'profile.birthDate', before: null, after: '2021-04-13', kind: 'added' },
        { path: 'profile.consent', before: false, after: true, kind: 'changed' },
      ]),
      area: 'clients',
    }
    const lines = plainLines(input, fmt('en'))
    expect(lines.map((l) => lineSentence(l, fmt('en')))).toEqual([
      'first name: Nare → Narek',
      'status: Active → Left',
      expect.stringMatching(/^date of birth: set to .*2021/),
      'consent to data processing: no → yes',
    ])
    const pay: PlainInput = {
      area: 'money',
      source: 'command',
      action: 'payments.take',
      subject: { type: 'payment', id: null, label: null },
      changes: [
        { path: 'id', before: null, after: ANNA, kind: 'added' },
        { path: 'amount', before: null, after: 28000, kind: 'added' },
        { path: 'method', before: null, after: 'card', kind: 'added' },
      ],
      hidden: false,
      names: {},
    }
    const created = plainLines(
      {
        ...pay,
        area: 'clients',
        action: 'clients.create',
        changes: [
          { path: 'firstName', before: null, after: 'Nare', kind: 'added' },
          { path: 'email', before: null, after: null, kind: 'added' },
          { path: 'searchText', before: null, after: 'nare ǂ նարե', kind: 'added' },
          { path: 'flags', before: null, after: [], kind: 'added' },
          { path: 'branchIds', before: null, after: [], kind: 'added' },
          { path: 'openingHours', before: null, after: {}, kind: 'added' },
        ],
      },
      fmt('en'),
    )
    expect(created.map((l) => l.path)).toEqual(['firstName']) // empty fields and the server's own keys say nothing
    const money = plainLines(pay, fmt('hy'))
    expect(money.map((l) => l.path)).toEqual(['amount', 'method']) // its own id is noise
    expect(money[0].after).toMatch(/28\s?000\s?֏/)
    expect(money[1].after).toBe(translatorFor('hy').t('passes.method.card'))
  })

  it('never shows a hidden medical change’s content, and says what was viewed', () => {
    const hidden: PlainInput = { ...doc([]), area: 'medical', hidden: true }
    const lines = plainLines(hidden, fmt('en'))
    expect(lines).toHaveLength(1)
    expect(lines[0].before).toBeNull()
    expect(lines[0].after).toBeNull()
    expect(lines[0].field).toMatch(/medical file changed/i)
    const view: PlainInput = {
      ...doc([{ path: 'viewed', before: null, after: 'document', kind: 'viewed' }]),
      source: 'view',
      action: 'document',
      area: 'medical',
    }
    expect(lineSentence(plainLines(view, fmt('ru'))[0], fmt('ru'))).toBe('Просмотрел медицинскую карту')
  })

  it('says an id it cannot name is a record no longer there, never the raw id', () => {
    const [line] = plainLines(doc([{ path: 'profile.branchId', before: null, after: ROOM, kind: 'added' }]), fmt('en'))
    expect(line.after).toBe('(a record no longer there)')
  })

  it('says an audit closed in one line with its counts, and its note', () => {
    const input: PlainInput = {
      area: 'audit',
      source: 'command',
      action: 'audit.checkpoint',
      subject: { type: 'audit_checkpoint', id: '2', label: null },
      changes: [
        { path: 'note', before: null, after: 'November', kind: 'added' },
        { path: 'previous', before: null, after: 1, kind: 'added' },
        { path: 'total', before: null, after: 1073, kind: 'added' },
        { path: 'queried', before: null, after: 2, kind: 'added' },
      ],
      hidden: false,
      names: {},
    }
    expect(plainLines(input, fmt('en')).map((l) => lineSentence(l, fmt('en')))).toEqual([
      'summary: set to 1,073 changes, 2 queried',
      'note: set to November',
    ])
    expect(plainLines(input, fmt('ru'))[0].after?.replace(/\s/g, ' ')).toBe('1 073 изменения, 2 с вопросами')
  })
})
