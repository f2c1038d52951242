import { describe, expect, it } from 'vitest'
import { accessKey, originAllowed, sessionToken } from './handshake'

describe('originAllowed', () => {
  it('accepts our own origin and refuses others', () => {
    expect(originAllowed({ origin: 'http://crm.local:3000', host: 'crm.local:3000' }, false)).toBe(true)
    expect(originAllowed({ origin: 'https://crm.local', host: 'crm.local' }, true)).toBe(true)
    expect(originAllowed({ origin: 'http://evil.example', host: 'crm.local:3000' }, false)).toBe(false)
    expect(originAllowed({ origin: 'https://crm.local', host: 'crm.local' }, false)).toBe(false)
    expect(originAllowed({ origin: 'null', host: 'crm.local' }, false)).toBe(false)
  })
  it('accepts PUBLIC_URL behind a proxy', () => {
    expect(
      originAllowed({ origin: 'https://crm.example.org', host: '10.0.0.5:3000' }, false, 'https://crm.example.org/app'),
    ).toBe(true)
  })
  it('without Origin, trusts only a same-origin Sec-Fetch-Site (or a non-browser client)', () => {
    expect(originAllowed({ host: 'crm.local' }, false)).toBe(true)
    expect(originAllowed({ host: 'crm.local', 'sec-fetch-site': 'same-origin' }, false)).toBe(true)
    expect(originAllowed({ host: 'crm.local', 'sec-fetch-site': 'cross-site' }, false)).toBe(false)
  })
})

describe('sessionToken', () => {
  it('reads the session cookie among others', () => {
    expect(sessionToken('a=1; clubroom_session=abc-DEF_1; b=2')).toBe('abc-DEF_1')
    expect(sessionToken(undefined)).toBeNull()
    expect(sessionToken('other=1')).toBeNull()
    expect(sessionToken('clubroom_session=')).toBeNull()
  })
})

describe('accessKey', () => {
  it('ignores role order and changes with roles or branch', () => {
    const k = accessKey({ id: 'u', login: 'u', name: 'n', roles: ['teacher', 'manager'], branchIds: ['b'] })
    expect(accessKey({ id: 'u', login: 'u', name: 'x', roles: ['manager', 'teacher'], branchIds: ['b'] })).toBe(k)
    expect(accessKey({ id: 'u', login: 'u', name: 'n', roles: ['teacher'], branchIds: ['b'] })).not.toBe(k)
    expect(accessKey({ id: 'u', login: 'u', name: 'n', roles: ['teacher', 'manager'], branchIds: [] })).not.toBe(k)
  })
})
