import { describe, expect, it } from 'vitest'
import { clientDocNames, formatDocName, isIsoWeek, parseDocName } from './doc-names'
import { parseClientDocName } from './client-file'
import { parseClientMedicalDocName } from './client-medical'
import { isoWeeksInYear, parseTimetableKey } from './timetable-week'
import { parseWorkspaceDocName } from './workspace'

const id = '6f1c2a9e-1111-4000-8000-00000000abcd'

describe('document names: one spelling each', () => {
  it('parses every canonical name into its type and key, and formats it back identically', () => {
    const names = [
      `client:${id}`,
      `client-medical:${id}`,
      `timetable:${id}:2026-W48`,
      `timetable:${id}:2026-W53`,
      `workspace:${id}`,
    ]
    for (const name of names) {
      const parsed = parseDocName(name)
      expect(parsed, name).not.toBeNull()
      expect(formatDocName(parsed!)).toBe(name)
    }
    expect(parseDocName(`timetable:${id}:2026-W48`)).toEqual({ type: 'timetable', branchId: id, week: '2026-W48' })
  })

  it('refuses every other spelling: upper-case ids, other week spellings, weeks that do not exist, extra parts', () => {
    const bad = [
      `client:${id.toUpperCase()}`,
      `client:${id.slice(0, 9)}${id.slice(9).toUpperCase()}`,
      `client-medical:${id.toUpperCase()}`,
      `workspace:${id.toUpperCase()}`,
      `timetable:${id.toUpperCase()}:2026-W48`,
      `timetable:${id}:2026-w48`,
      `timetable:${id}:2026-W5`,
      `timetable:${id}:2026W48`,
      `timetable:${id}:2027-W53`, // 2027 has 52 ISO weeks
      `timetable:${id}:2026-W00`,
      `timetable:${id}:2026-W54`,
      `timetable:${id}:0999-W01`,
      `timetable:${id}`,
      `client:${id}:x`,
      `client:{${id}}`,
      `client: ${id}`,
      `Client:${id}`,
      `client:${id.replace(/-/g, '')}`,
      'nonsense:1',
      '',
    ]
    for (const name of bad) expect(parseDocName(name), name).toBeNull()
    expect(() => formatDocName({ type: 'client', clientId: id.toUpperCase() })).toThrow()
  })

  it('knows a week 53 exactly where the calendar has one', () => {
    for (let y = 1990; y <= 2060; y++) expect(isIsoWeek(`${y}-W53`), String(y)).toBe(isoWeeksInYear(y) === 53)
  })

  it('is the parser behind every shape module', () => {
    expect(parseClientDocName(`client:${id.toUpperCase()}`)).toBeNull()
    expect(parseClientDocName(`client:${id}`)).toBe(id)
    expect(parseClientMedicalDocName(`client-medical:${id.toUpperCase()}`)).toBeNull()
    expect(parseTimetableKey(`${id.toUpperCase()}:2026-W48`)).toBeNull()
    expect(parseWorkspaceDocName(`workspace:${id.toUpperCase()}`)).toBeNull()
    expect(clientDocNames(id)).toEqual([`client:${id}`, `client-medical:${id}`])
  })
})
