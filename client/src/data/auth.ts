import type { Currency } from '../../../domain/i18n/format'
import { type Locale, isLocale } from '../../../domain/i18n/locales'
import { browserLocale, setLocale } from '../i18n/locale'
import { ApiError, api } from './api'
import type { User } from './types'

/** The center's settings every screen needs (GET /api/auth/me). */
export interface Center {
  defaultLocale: Locale
  currency: Currency
}

let center: Center | null = null

/** The profile's preferences (GET /api/auth/me, the login's answer). */
interface Preferences {
  branchId: string | null
}

/** The user with their preferences beside them (the branch they open on). */
const withPreferences = (user: User, preferences: Preferences | undefined): User => ({
  ...user,
  lastBranchId: preferences?.branchId ?? null,
})

/** The center's settings as the last /me (or login) gave them; null before, or from a server that does not send them. */
export const currentCenter = (): Center | null => center

function remember(c: Center | null | undefined) {
  if (c && isLocale(c.defaultLocale)) center = c
}

/**
 * The language a signed-in user reads: their profile's, else the center's default, else (a server
 * that says neither) the browser's.
 */
export const profileLocale = (user: Pick<User, 'locale'>): Locale =>
  isLocale(user.locale) ? user.locale : (center?.defaultLocale ?? browserLocale())

/** Shows the tab in the user's language (after sign-in and on the first /me of a tab). */
export function applyProfileLocale(user: Pick<User, 'locale'>): void {
  setLocale(profileLocale(user))
}

/** The signed-in user, or null when there is no valid session. Remembers the center's settings. */
export async function fetchMe(): Promise<User | null> {
  try {
    const me = await api<{ user: User; center?: Center; preferences?: Preferences }>('GET', '/api/auth/me', undefined, {
      quiet401: true,
    })
    remember(me.center)
    return withPreferences(me.user, me.preferences)
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null
    throw e
  }
}

/** Signs in; the server sets the session cookie. Rejects with ApiError (401 invalid_credentials, 429, 400 fields). */
export async function login(login: string, password: string): Promise<User> {
  const res = await api<{ user: User; center?: Center; preferences?: Preferences }>(
    'POST',
    '/api/auth/login',
    { login, password },
    { quiet401: true },
  )
  remember(res.center)
  // the login answer may not carry the center: ask /me once when the user follows its default
  if (!res.center && !isLocale(res.user.locale)) await fetchMe().catch(() => null)
  return withPreferences(res.user, res.preferences)
}

/**
 * Saves one's own language in the profile (PATCH /api/auth/me; null: follow the center's default).
 * @example await saveMyLocale('ru')
 */
export async function saveMyLocale(locale: Locale | null): Promise<User> {
  const { user } = await api<{ user: User }>('PATCH', '/api/auth/me', { locale })
  return user
}

/** Ends the session server-side. A session that is already gone counts as signed out. */
export async function logout(): Promise<void> {
  try {
    await api<undefined>('POST', '/api/auth/logout', undefined, { quiet401: true })
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e
  }
}
