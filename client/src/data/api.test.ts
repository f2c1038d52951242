import { describe, expect, it } from 'vitest'
import { formErrors, toApiError, withQuery } from './api'

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

describe('API errors', () => {
  it('reads the server error shape', async () => {
    const e = await toApiError(json(400, { error: { code: 'validation_error', message: 'Some fields are invalid', fields: { login: 'Enter your login' }, requestId: 'r1' } }))
    expect(e).toMatchObject({ status: 400, code: 'validation_error', fields: { login: 'Enter your login' }, requestId: 'r1' })
  })

  it('says "Wrong login or password" for invalid credentials', async () => {
    const e = await toApiError(json(401, { error: { code: 'invalid_credentials', message: 'Wrong login or password' } }))
    expect(e.userMessage).toBe('Wrong login or password')
  })

  it('turns 429 Retry-After into the wait time', async () => {
    const e = await toApiError(json(429, { error: { code: 'too_many_requests', message: 'Too many attempts; try again in 42 s' } }, { 'retry-after': '42' }))
    expect(e.retryAfter).toBe(42)
    expect(e.userMessage).toBe('Too many attempts, try again in 42 s')
  })

  it('copes with a body that is not JSON', async () => {
    const e = await toApiError(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    expect(e.code).toBe('http_error')
    expect(e.userMessage).toMatch(/server had a problem \(502\)/)
  })

  it('splits field errors into form fields and the rest', () => {
    expect(formErrors({ 'equipment.0': 'Too long', name: 'Required', _: 'Bad body', other: 'x' }, ['name', 'equipment'])).toEqual({
      byField: { equipment: 'Too long', name: 'Required' },
      other: ['Bad body', 'other: x'],
    })
  })

  it('builds query strings without empty values', () => {
    expect(withQuery('/api/audit/log', { actor: 'owner', entity: '', cursor: undefined, limit: 50 })).toBe('/api/audit/log?actor=owner&limit=50')
    expect(withQuery('/api/x', {})).toBe('/api/x')
  })
})
