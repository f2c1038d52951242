import { ApiError, api } from './api'
import type { User } from './types'

/** The signed-in user, or null when there is no valid session. */
export async function fetchMe(): Promise<User | null> {
  try {
    const { user } = await api<{ user: User }>('GET', '/api/auth/me', undefined, { quiet401: true })
    return user
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null
    throw e
  }
}

/** Signs in; the server sets the session cookie. Rejects with ApiError (401 invalid_credentials, 429, 400 fields). */
export async function login(login: string, password: string): Promise<User> {
  const { user } = await api<{ user: User }>('POST', '/api/auth/login', { login, password }, { quiet401: true })
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
