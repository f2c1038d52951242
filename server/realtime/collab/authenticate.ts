import type { IncomingMessage } from 'node:http'
import { ownOrigin } from '../../app'
import type { AppDeps } from '../../http/context'
import { SESSION_COOKIE, findSessionActor } from '../../modules/auth/sessions'
import type { Actor } from '../../policies/permissions'

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
 * Authenticates a WebSocket upgrade with the same session cookie as /api. An Origin header,
 * when present, must be our own origin (PUBLIC_URL's, else `http://<Host>`): a page on another
 * site must not open documents with the user's cookie.
 */
export async function authenticateUpgrade(req: IncomingMessage, deps: AppDeps): Promise<UpgradeAuth> {
  const origin = req.headers.origin
  if (origin !== undefined) {
    let own: string
    try {
      own = ownOrigin(deps, `http://${req.headers.host ?? 'invalid.invalid'}/`)
    } catch {
      return { ok: false, status: 403 }
    }
    if (origin !== own) return { ok: false, status: 403 }
  }
  const token = sessionTokenFrom(req.headers.cookie)
  if (!token) return { ok: false, status: 401 }
  const found = await findSessionActor(deps.database.db, deps.config, token)
  if (!found) return { ok: false, status: 401 }
  return { ok: true, actor: found.actor, token }
}

/** Re-checks a connection's session: the current actor, or null when the session is over. Not a use of the session (last_seen_at stays). */
export async function revalidateSession(deps: AppDeps, token: string): Promise<Actor | null> {
  const found = await findSessionActor(deps.database.db, deps.config, token, { touch: false })
  return found?.actor ?? null
}
