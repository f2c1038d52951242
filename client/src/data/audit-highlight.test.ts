import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  fieldsSinceAudit,
  highlightOn,
  lessonFieldsSinceAudit,
  lessonsSinceAudit,
  mayHighlight,
  rememberHighlight,
} from './audit-highlight'

describe('lessons since the audit', () => {
  it('outlines a lesson added whole or with a field changed, and counts those removed', () => {
    const r = lessonsSinceAudit([
      { path: 'lessons.a', kind: 'added' },
      { path: 'lessons.b.teacherId', kind: 'changed' },
      { path: 'lessons.b.note', kind: 'changed' },
      { path: 'lessons.c', kind: 'removed' },
      { path: 'generated.2026-03-02', kind: 'added' },
    ])
    expect([...r.outlined].sort()).toEqual(['a', 'b'])
    expect([...r.removed]).toEqual(['c'])
  })
  it('a lesson changed and then removed is removed, not outlined', () => {
    const r = lessonsSinceAudit([
      { path: 'lessons.a.start', kind: 'changed' },
      { path: 'lessons.a', kind: 'removed' },
    ])
    expect([...r.outlined]).toEqual([])
    expect([...r.removed]).toEqual(['a'])
  })
  it('a field of a lesson cleared (its path removed) still outlines the lesson', () => {
    expect([...lessonsSinceAudit([{ path: 'lessons.a.note', kind: 'removed' }]).outlined]).toEqual(['a'])
  })
})

describe('a lesson’s fields since the audit', () => {
  it('are the fields of that lesson changed, none when it was added whole', () => {
    const changes = [
      { path: 'lessons.a.teacherId' },
      { path: 'lessons.a.start' },
      { path: 'lessons.ab.note' },
      { path: 'lessons.b' },
    ]
    expect([...lessonFieldsSinceAudit(changes, 'a')].sort()).toEqual(['start', 'teacherId'])
    expect([...lessonFieldsSinceAudit(changes, 'b')]).toEqual([])
  })
})

describe('fields since the audit', () => {
  it('maps paths to the fields that show them, and parts shown whole', () => {
    const r = fieldsSinceAudit([
      { path: 'profile.firstName' },
      { path: 'notes' },
      { path: 'guardians.g1.phone' },
      { path: 'observations.o1' },
      { path: 'traits.needs.extra' },
      { path: 'physical' },
      { path: 'meta.version' },
    ])
    expect([...r.fields].sort()).toEqual(['notes', 'physical', 'profile.firstName', 'traits.needs'])
    expect([...r.parts].sort()).toEqual(['guardians', 'observations'])
  })
})

describe('the toggle', () => {
  afterEach(() => vi.unstubAllGlobals())
  it('is for the audit’s readers only', () => {
    expect(mayHighlight(['owner'])).toBe(true)
    expect(mayHighlight(['auditor'])).toBe(true)
    expect(mayHighlight(['manager', 'receptionist'])).toBe(false)
  })
  it('is remembered per user and per place, off by default', () => {
    const store = new Map<string, string>()
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
      removeItem: (k: string) => store.delete(k),
    })
    expect(highlightOn('u1', 'timetable')).toBe(false)
    rememberHighlight('u1', 'timetable', true)
    expect(highlightOn('u1', 'timetable')).toBe(true)
    expect(highlightOn('u1', 'client')).toBe(false)
    expect(highlightOn('u2', 'timetable')).toBe(false)
    rememberHighlight('u1', 'timetable', false)
    expect(highlightOn('u1', 'timetable')).toBe(false)
  })
  it('is off where there is no storage', () => {
    vi.stubGlobal('localStorage', undefined)
    expect(highlightOn('u1', 'timetable')).toBe(false)
    expect(() => rememberHighlight('u1', 'timetable', true)).not.toThrow()
  })
})
