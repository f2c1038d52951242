import { afterEach, describe, expect, it, vi } from 'vitest'
import { currentLocale, setLocale } from '../i18n/locale'
import { applyProfileLocale, currentCenter, fetchMe, profileLocale } from './auth'

const me = (body: unknown) => vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status: 200 }))

describe('the profile’s language', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    setLocale('en')
  })

  it('is the user’s own, else the center’s default (from /me)', async () => {
    me({ user: { id: 'u', locale: null }, center: { defaultLocale: 'hy', currency: 'AMD' } })
    const user = await fetchMe()
    expect(currentCenter()).toEqual({ defaultLocale: 'hy', currency: 'AMD' })
    expect(profileLocale(user!)).toBe('hy')
    expect(profileLocale({ locale: 'ru' })).toBe('ru')
    applyProfileLocale({ locale: 'ru' })
    expect(currentLocale()).toBe('ru')
    applyProfileLocale(user!)
    expect(currentLocale()).toBe('hy')
  })
})
