import type { IncomingHttpHeaders } from 'node:http'
import { parse as parseCookies } from 'hono/utils/cookie'
import { SESSION_COOKIE } from '../../contracts/sessions'
import type { LiveUser } from './rooms'

/**
 * May a Socket.IO handshake with these headers go ahead? The same rule as the HTTP CSRF guard in
 * app.ts: with an Origin header it must be our own origin (scheme + Host of the request) or
 * PUBLIC_URL's; without one, a browser's Sec-Fetch-Site must say same-origin. A non-browser client
 * sends neither and still needs a session cookie.
 * @example originAllowed({ origin: 'https://evil.example', host: 'crm.local' }, false) // false
 */
export function originAllowed(headers: IncomingHttpHeaders, encrypted: boolean, publicUrl?: string): boolean {
  const origin = headers.origin
  if (origin === undefined) {
    const site = headers['sec-fetch-site']
    return site === undefined || site === 'same-origin' || site === 'none'
  }
  if (publicUrl && origin === new URL(publicUrl).origin) return true
  const host = headers.host
  return !!host && origin === `${encrypted ? 'https' : 'http'}://${host}`
}

/** The session token from a Cookie header, or null. */
export function sessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader || cookieHeader.length > 8192) return null
  try {
    return parseCookies(cookieHeader, SESSION_COOKIE)[SESSION_COOKIE] || null
  } catch {
    return null
  }
}

/** A fingerprint of what decides a user's rooms; a recovered connection is only resumed while it is unchanged. */
export function accessKey(user: LiveUser): string {
  return `${[...user.roles].sort().join(',')}|${[...user.branchIds]
    .map((b) => b.toLowerCase())
    .sort()
    .join(',')}`
}
