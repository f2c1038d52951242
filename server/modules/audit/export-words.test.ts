import { describe, expect, it } from 'vitest'
import type { PlainFormat } from '../../../domain/audit/plain-change'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import { csvHeader, csvRows, whatWord } from './export-words'
import type { FeedItem } from './feed'

const fmt = (locale: Locale): PlainFormat => {
  const tr = translatorFor(locale)
  return { t: (id, p) => tr.t(id, p), locale, timeZone: 'Asia/Yerevan', currency: 'AMD' }
}

const item = (over: Partial<FeedItem>): FeedItem => ({
  id: 7,
  at: '2026-11-24T12:00:00.000Z',
  actor: { id: 'u1', login: 'reception' },
  area: 'clients',
  source: 'command',
  action: 'clients.create',
  subject: { type: 'client', id: 'c1', label: 'Աննա Պետրոսյան' },
  document: null,
  changes: [],
  hidden: false,
  names: {},
  mark: null,
  ...over,
})

describe('the CSV rows of a change', () => {
  it('one row per changed field, the change’s columns repeated, in the reader’s words', () => {
    const f = fmt('ru')
    const rows = csvRows(
      item({
        changes: [
          { path: 'firstName', before: null, after: 'Աննա', kind: 'added' },
          { path: 'phone', before: null, after: '+37491000111', kind: 'added' },
          { path: 'status', before: null, after: 'lead', kind: 'added' },
        ],
        mark: { status: 'queried', comment: 'Проверьте', assignee: { id: 'u2', login: 'manager' }, by: null, at: '' },
      }),
      f,
    )
    expect(rows).toHaveLength(3)
    expect(rows.every((r) => r.length === csvHeader(f).length)).toBe(true)
    expect(rows.map((r) => r.slice(0, 7))).toEqual(Array(3).fill(rows[0].slice(0, 7)))
    expect(rows[0].slice(0, 7)).toEqual([
      7,
      rows[0][1],
      'reception',
      'Клиенты',
      'Действие',
      f.t('auditPlain.action.clients.create'),
      'Աննա Պետրոսյան',
    ])
    expect(rows[0].slice(7)).toEqual([
      f.t('auditPlain.field.firstName'),
      '',
      'Աննա',
      'добавлено',
      'есть вопрос',
      'Проверьте',
      'manager',
    ])
  })

  it('a change with no field is one row; a hidden medical change says only that the file changed', () => {
    const f = fmt('hy')
    expect(csvRows(item({ changes: [] }), f)).toHaveLength(1)
    const hidden = csvRows(
      item({
        area: 'medical',
        source: 'document',
        action: null,
        hidden: true,
        subject: { type: 'client-medical', id: 'c1', label: null },
      }),
      f,
    )
    expect(hidden).toHaveLength(1)
    expect(hidden[0][7]).toBe(f.t('auditPlain.hiddenChange'))
    expect(hidden[0].slice(8, 10)).toEqual(['', ''])
    expect(hidden[0][6]).toBe(f.t('auditPlain.entity.client-medical'))
  })

  it('words an action it has no words for by its code', () => {
    expect(whatWord(item({ action: 'frobnicate.now' }), fmt('en'))).toBe('frobnicate.now')
  })
})
