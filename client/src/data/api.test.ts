import { afterEach, describe, expect, it, vi } from 'vitest'
import { setLocale } from '../i18n/locale'
import { api, formErrors, toApiError, withQuery } from './api'

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

describe('the language of requests', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    setLocale('en')
  })

  it('sends the tab’s language as Accept-Language on every request, and shows our own fallbacks in it', async () => {
    const seen: Array<string | null> = []
    vi.stubGlobal('fetch', async (_path: string, init: RequestInit) => {
      seen.push(new Headers(init.headers).get('accept-language'))
      return new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })
    })
    setLocale('ru')
    const err = await api('GET', '/api/x').catch((e: unknown) => e)
    setLocale('hy')
    await api('POST', '/api/y', { a: 1 }).catch(() => {})
    expect(seen).toEqual(['ru', 'hy'])
    expect((err as { userMessage: string }).userMessage).toBe('Ошибка на сервере (502). Попробуйте чуть позже.')
  })

  it('keeps the server’s (already translated) message, and falls back to the catalogue without one', async () => {
    setLocale('ru')
    const server = await toApiError(json(401, { error: { code: 'invalid_credentials', message: 'Неверный логин или пароль' } }))
    expect(server.userMessage).toBe('Неверный логин или пароль')
    const bare = await toApiError(json(403, { error: { code: 'forbidden', message: '' } }))
    expect(bare.userMessage).toBe('У вас нет прав на это действие')
  })
})

describe('API errors in the language shown', () => {
  afterEach(() => setLocale('en'))

  it('renders the server’s message ids again when the language changes (an error shown before a switch follows it)', async () => {
    setLocale('en')
    const e = await toApiError(
      json(400, {
        error: {
          code: 'validation_error',
          message: 'Some fields are invalid',
          messageId: 'auth.login.wrong',
          fields: { name: 'At most 200 characters', login: 'Required' },
          fieldMessages: { name: { id: 'errors.field.tooLong', params: { max: 200 } }, login: { id: 'errors.field.required' }, odd: { id: 'no.such.id' } },
        },
      }),
    )
    expect(e.fields).toEqual({ name: 'At most 200 characters', login: 'Required' })
    expect(e.userMessage).toBe('Wrong login or password')
    setLocale('ru')
    expect(e.fields.login).toBe('Обязательное поле')
    expect(e.fields.name).toMatch(/200/)
    expect(e.fields.name).not.toBe('At most 200 characters')
    expect(e.userMessage).toBe('Неверный логин или пароль')
  })

  it('keeps the server’s text for an id this client does not know', async () => {
    setLocale('hy')
    const e = await toApiError(json(409, { error: { code: 'conflict', message: 'Նոր սերվերի տեքստ', messageId: 'errors.fromANewerServer', fieldMessages: { x: { id: 'nope' } }, fields: { x: 'սերվերի' } } }))
    expect(e.userMessage).toBe('Նոր սերվերի տեքստ')
    expect(e.fields).toEqual({ x: 'սերվերի' })
  })
})

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
    expect(e.userMessage).toBe('Too many attempts. Try again in 42 seconds.')
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
