import { describe, expect, it } from 'vitest'
import { z } from '@hono/zod-openapi'
import { NUL_MESSAGE, SURROGATE_MESSAGE, badStringReason, badStrings } from './input-strings'
import { isRealDate } from '../../domain/calendar'
import { IsoDate, IsoDateTime, IsoTime, SerialId, Uuid, WeekKey, dateSpan } from './values'
import { dbErrorToAppError } from './db-errors'

describe('the string check', () => {
  it('refuses NUL and lone surrogates, accepts paired surrogates (emoji) and everything else', () => {
    expect(badStringReason('a\u0000b')).toBe(NUL_MESSAGE)
    expect(badStringReason('x\uD800')).toBe(SURROGATE_MESSAGE)
    expect(badStringReason('\uDC00x')).toBe(SURROGATE_MESSAGE)
    expect(badStringReason('😀 Ünïcödé ‮')).toBeNull()
  })

  it('names the path of every bad string, keys included', () => {
    expect(badStrings({ name: 'ok', guardians: [{ phone: '1' }, { email: 'e\u0000' }], deep: { ['k\uD800']: 1 } })).toEqual({
      'guardians.1.email': NUL_MESSAGE,
      'deep.k\uFFFD': SURROGATE_MESSAGE,
    })
    expect(badStrings('\u0000')).toEqual({ _: expect.any(String) })
  })

  it('survives nesting far deeper than the stack (JSON.parse takes it)', () => {
    const deep = JSON.parse('['.repeat(400_000) + '"a\\u0000"' + ']'.repeat(400_000))
    expect(() => badStrings(deep)).not.toThrow()
  })
})

describe('calendar values', () => {
  it('are real dates, times, date-times and weeks', () => {
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true)
    for (const bad of ['2026-02-31', '2025-02-29', '2026-13-01', '0000-01-01', '9999-12-31', '2026-1-01', ' 2026-01-01'])
      expect(IsoDate.safeParse(bad).success, bad).toBe(false)
    expect(IsoTime.safeParse('23:59').success).toBe(true)
    for (const bad of ['24:00', '12:60', '7:00']) expect(IsoTime.safeParse(bad).success, bad).toBe(false)
    expect(IsoDateTime.safeParse('2026-03-02T16:30:00+04:00').success).toBe(true)
    for (const bad of ['2026-02-31T10:00:00Z', '2026-03-02T16:30:00', '+275760-09-13T00:00:00Z'])
      expect(IsoDateTime.safeParse(bad).success, bad).toBe(false)
    expect(WeekKey.safeParse('2026-W53').success).toBe(true) // 2026 has 53 ISO weeks
    expect(WeekKey.safeParse('2025-W53').success).toBe(false)
    expect(isRealDate('2026-04-31')).toBe(false)
  })

  it('ranges name `to` when reversed or too long', () => {
    const Range = z.object({ from: IsoDate, to: IsoDate }).superRefine(dateSpan('from', 'to', 31))
    expect(Range.safeParse({ from: '2026-03-01', to: '2026-03-31' }).success).toBe(true)
    expect(Range.safeParse({ from: '2026-03-02', to: '2026-03-01' }).error?.issues[0].path).toEqual(['to'])
    expect(Range.safeParse({ from: '2026-03-01', to: '2026-04-01' }).error?.issues[0].path).toEqual(['to'])
  })

  it('ids: serial ids fit exactly, UUIDs come out in their one spelling', () => {
    expect(SerialId().safeParse('9007199254740991').success).toBe(true)
    for (const bad of ['9007199254740992', '0', '-1', '1e3', '99999999999999999999'])
      expect(SerialId().safeParse(bad).success, bad).toBe(false)
    expect(Uuid.parse('F3B6648A-FFEA-4FFF-A873-174A4DF24E76')).toBe('f3b6648a-ffea-4fff-a873-174a4df24e76')
  })
})

describe('database refusals', () => {
  const wrapped = (cause: object) => Object.assign(new Error('Failed query: …'), { cause })

  it('a unique violation is a 409 naming the field, from the constraint on either driver', () => {
    // postgres-js
    const pg = dbErrorToAppError(
      wrapped({ code: '23505', constraint_name: 'branches_name_unique', detail: 'Key (name)=(East) already exists.' }),
    )
    expect([pg?.status, pg?.fields]).toEqual([409, { name: { id: 'errors.field.taken' } }])
    // PGlite
    const lite = dbErrorToAppError(wrapped({ code: '23505', constraint: 'users_login_unique' }))
    expect([lite?.status, lite?.fields]).toEqual([409, { login: { id: 'errors.field.taken' } }])
    // an unknown constraint: the detail's column
    expect(dbErrorToAppError({ code: '23505', detail: 'Key (group_id, client_id)=(…) already exists.' })?.fields).toEqual({
      clientId: { id: 'errors.field.taken' },
    })
  })

  it('references, data exceptions and contention are 4xx; anything else is not the input’s fault', () => {
    expect(dbErrorToAppError({ code: '23503', detail: 'Key (branch_id)=(x) is not present in table "branches".' })).toMatchObject(
      { status: 400, fields: { branchId: { id: 'errors.field.unknownReference' } } },
    )
    expect(dbErrorToAppError({ code: '23503', detail: 'Key (id)=(x) is still referenced from table "rooms".' })).toMatchObject({
      status: 409,
    })
    for (const code of ['22P02', '22003', '22008', '22021', '22001', '54000'])
      expect(dbErrorToAppError({ code })?.status, code).toBe(400)
    expect(dbErrorToAppError({ code: '40P01' })?.status).toBe(409)
    expect(dbErrorToAppError({ code: '42P01' })).toBeNull()
    expect(dbErrorToAppError(new Error('boom'))).toBeNull()
  })
})
