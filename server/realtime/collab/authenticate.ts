import type { IncomingMessage } from 'node:http'
import type { Actor } from '../../../domain/roles'
import { SESSION_COOKIE } from '../../contracts/sessions'
import type { AppDeps } from '../../http/context'
import { ownOrigin } from '../../http/origin'

export type UpgradeAuth = { ok: true; actor: Actor; token: string } | { ok: false; status: 401 | 403 }

/** The session token from a Cookie header, if any. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() !== SESSION_COOKIE) continue
    const raw = part.slice(eq + 1).trim()
    try {
      return decodeURIComponent(raw)
    } catch {
      return null
    }
  }
  return null
}

/**
 * Authenticates a WebSocket upgrade with the same session cookie as /api (the sessions handed over
 * at boot, `deps.sessions`). An Origin header,
 * when present, must be our own origin (PUBLIC_URL's, else `http://<Host>`): a page on another
 * site must not open documents with the user's cookie.
 */
export async function authenticateUpgrade(req: IncomingMessage, deps: AppDeps): Promise<UpgradeAuth> {
  const origin = req.headers.origin
  if (origin !== undefined) {
    let own: string
    try {
      own = ownOrigin(deps.config, `http://${req.headers.host ?? 'invalid.invalid'}/`)
    } catch {
      return { ok: false, status: 403 }
    }
    if (origin !== own) return { ok: false, status: 403 }
  }
  const token = sessionTokenFrom(req.headers.cookie)
  if (!token) return { ok: false, status: 401 }
  const found = await deps.sessions.find(token)
  if (!found) return { ok: false, status: 401 }
  return { ok: true, actor: found.actor, token }
}

/** Re-checks a connection's session: the current actor, or null when the session is over. Not a use of the session (last_seen_at stays). */
export async function revalidateSession(deps: AppDeps, token: string): Promise<Actor | null> {
  const found = await deps.sessions.find(token, { touch: false })
  return found?.actor ?? null
}
