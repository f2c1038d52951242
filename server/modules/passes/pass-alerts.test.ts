import { describe, expect, it } from 'vitest'
import { passFlag } from './pass-alerts'

/** The one flag a pass carries, by hand: settings 2 sessions / 7 days, today 2026-12-03. */
const settings = { runningOutSessions: 2, runningOutDays: 7 }
const today = '2026-12-03'
const pass = (p: Partial<Parameters<typeof passFlag>[0]>) =>
  passFlag(
    { sessionsTotal: 10, sessionsUsed: 0, validUntil: '2027-01-31', ended: false, renewed: false, clientLeft: false, ...p },
    settings,
    today,
  )

describe('passFlag', () => {
  it('none for a pass with sessions and time left', () => expect(pass({ sessionsUsed: 7 })).toBeNull())
  it('running out at 2 sessions left (and 1), not at 3', () => {
    expect(pass({ sessionsUsed: 8 })).toBe('pass_running_out')
    expect(pass({ sessionsUsed: 9 })).toBe('pass_running_out')
    expect(pass({ sessionsUsed: 7 })).toBeNull()
  })
  it('running out when the last day is within 7 days (today + 6), not on day 7', () => {
    expect(pass({ validUntil: '2026-12-09' })).toBe('pass_running_out')
    expect(pass({ validUntil: '2026-12-03' })).toBe('pass_running_out')
    expect(pass({ validUntil: '2026-12-10' })).toBeNull()
  })
  it('used up before expired, expired before running out', () => {
    expect(pass({ sessionsUsed: 10 })).toBe('pass_used_up')
    expect(pass({ sessionsUsed: 10, validUntil: '2026-11-01' })).toBe('pass_used_up')
    expect(pass({ sessionsUsed: 9, validUntil: '2026-12-02' })).toBe('pass_expired')
  })
  it('an unlimited pass only runs out or expires by its dates', () => {
    expect(pass({ sessionsTotal: null, sessionsUsed: 500 })).toBeNull()
    expect(pass({ sessionsTotal: null, validUntil: '2026-12-05' })).toBe('pass_running_out')
  })
  it('none once ended or renewed', () => {
    expect(pass({ sessionsUsed: 10, ended: true })).toBeNull()
    expect(pass({ validUntil: '2026-11-01', renewed: true })).toBeNull()
  })
  it('none once the client has left the center', () => {
    expect(pass({ validUntil: '2026-11-01', clientLeft: true })).toBeNull()
    expect(pass({ sessionsUsed: 10, clientLeft: true })).toBeNull()
    expect(pass({ sessionsUsed: 9, clientLeft: true })).toBeNull()
  })
})
