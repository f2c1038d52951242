import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '../i18n/locale'
import { authorOf, authorsByPath, type FieldAuthor, type FieldHistoryItem } from './docs-authors'
import { changeWords, foldFieldHistory, valueWords } from '../components/crm-field-history.logic'

afterEach(() => setLocale('en'))

const a = (path: string, seq: number, name: string): FieldAuthor => ({
  path,
  seq,
  at: `2026-12-03T12:0${seq % 10}:00Z`,
  userId: name,
  login: name.toLowerCase(),
  name,
})

describe('who changed a field', () => {
  const byPath = authorsByPath([
    a('lessons', 1, 'System'),
    a('lessons.L1', 2, 'Anna'),
    a('lessons.L1.teacherId', 5, 'Karen'),
    a('guardians.g1.phone', 7, 'Eva'),
    a('guardians.g1', 3, 'Anna'),
    a('profile.firstName', 4, 'Ani'),
  ])

  it('is the field’s own last change, else the newest inside it, else what set what holds it', () => {
    expect(authorOf(byPath, 'lessons.L1.teacherId')?.name).toBe('Karen')
    // the room was set when the lesson was added whole
    expect(authorOf(byPath, 'lessons.L1.roomId')?.name).toBe('Anna')
    // the guardian's phone changed after the guardian was added
    expect(authorOf(byPath, 'guardians.g1')?.name).toBe('Eva')
    expect(authorOf(byPath, 'profile.firstName')?.name).toBe('Ani')
    expect(authorOf(byPath, 'profile.lastName')).toBeNull()
    expect(authorOf(byPath, 'notes')).toBeNull()
    // a path that only shares a prefix is not inside
    expect(authorOf(authorsByPath([a('profile.first', 1, 'X')]), 'profile.firstName')).toBeNull()
  })
})

describe('a field’s history in plain words', () => {
  it('says before → after, set, cleared, wrote, in the language shown', () => {
    expect(changeWords({ path: 'p', kind: 'update', before: 'Stone', after: 'Fields' }, 'UTC')).toBe('Stone → Fields')
    expect(changeWords({ path: 'p', kind: 'add', before: null, after: 'x' }, 'UTC')).toBe('Set to x')
    expect(changeWords({ path: 'p', kind: 'update', before: 'x', after: '' }, 'UTC')).toBe('Cleared (was x)')
    expect(changeWords({ path: 'notes', kind: 'insert', before: null, after: 'hello' }, 'UTC')).toBe('Wrote “hello”')
    expect(changeWords({ path: 'p', kind: 'update', before: false, after: true }, 'UTC')).toBe('no → yes')
    // ids in the page's words
    const names = (v: unknown) => (v === 't1' ? 'Anna Petrosyan' : v === 't2' ? 'Karen Sargsyan' : undefined)
    expect(changeWords({ path: 'lessons.L.teacherId', kind: 'update', before: 't1', after: 't2' }, 'UTC', names)).toBe(
      'Anna Petrosyan → Karen Sargsyan',
    )
    setLocale('ru')
    expect(changeWords({ path: 'p', kind: 'update', before: 'x', after: null }, 'UTC')).toBe('Очищено (было: x)')
    expect(valueWords('', 'UTC')).toBe('(пусто)')
  })

  it('shows date-times in the branch’s zone', () => {
    expect(valueWords('2026-12-03T12:05:00Z', 'Asia/Yerevan')).toContain('16:05')
  })

  it('folds one person’s keystrokes in a field into one row, first before to last after', () => {
    const item = (seq: number, at: string, who: string, before: string, after: string): FieldHistoryItem => ({
      seq,
      at,
      actor: { id: who, login: who, name: who },
      changes: [{ path: 'profile.lastName', kind: 'update', before, after }],
    })
    const rows = foldFieldHistory([
      item(5, '2026-12-03T12:03:00Z', 'manager', 'Fiel', 'Field'),
      item(4, '2026-12-03T12:02:50Z', 'manager', 'Stone', 'Fiel'),
      item(3, '2026-12-03T12:01:00Z', 'reception', 'Ston', 'Stone'),
      item(2, '2026-12-03T10:00:00Z', 'reception', 'Sto', 'Ston'),
    ])
    expect(rows.map((r) => [r.who, r.changes[0].before, r.changes[0].after])).toEqual([
      ['manager', 'Stone', 'Field'],
      ['reception', 'Ston', 'Stone'],
      ['reception', 'Sto', 'Ston'],
    ])
  })
})

describe('folding keeps a field set for the first time on its own row', () => {
  it('does not fold a registration’s value into a later edit', () => {
    const rows = foldFieldHistory([
      {
        seq: 2,
        at: '2026-12-03T12:00:30Z',
        actor: { id: 'r', login: 'r', name: 'R' },
        changes: [{ path: 'p', kind: 'update', before: 'Stone', after: 'Fields' }],
      },
      { seq: 1, at: '2026-12-03T12:00:00Z', actor: { id: 'r', login: 'r', name: 'R' }, changes: [{ path: 'p', kind: 'add', before: null, after: 'Stone' }] },
    ])
    expect(rows.map((r) => [r.changes[0].before, r.changes[0].after])).toEqual([
      ['Stone', 'Fields'],
      [null, 'Stone'],
    ])
  })
})
