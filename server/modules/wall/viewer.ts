import { randomBytes } from 'node:crypto'
import type { Queryable } from '../../../db/client'
import type { Actor } from '../../../domain/roles'
import { hashToken } from '../../contracts/sessions'
import type { MessageRef } from '../../errors'
import { branchesOf } from '../../policies/branches'
import { refusalOf } from '../../policies/policy'
import { wallPolicies } from './policies'
import { wallTokenByHash } from './queries'

/**
 * Who is looking at a wall: a signed-in user (the wall.read policy decides), or a screen with a
 * wall token (read-only, one branch or every branch). A token opens the wall and nothing else:
 * `GET /api/wall` and the `/wall` Socket.IO namespace are the only places that accept it.
 */
export type WallViewer = { kind: 'user'; actor: Actor } | { kind: 'token'; tokenId: string; branchId: string | null }

/** Every wall token starts so (a screen's URL says what it holds). */
export const WALL_TOKEN_PREFIX = 'wall_'

/** A new token (shown once; only its hash is kept). */
export const newWallToken = (): string => WALL_TOKEN_PREFIX + randomBytes(24).toString('base64url')

/** The viewer behind a token, or null (unknown, revoked, malformed). */
export async function viewerOfToken(db: Queryable, token: unknown): Promise<WallViewer | null> {
  if (typeof token !== 'string' || !token.startsWith(WALL_TOKEN_PREFIX) || token.length > 100) return null
  const row = await wallTokenByHash(db, hashToken(token))
  return row ? { kind: 'token', tokenId: row.id, branchId: row.branchId } : null
}

/** The branches a viewer may watch (null: every branch). */
export function viewerBranches(viewer: WallViewer): string[] | null {
  if (viewer.kind === 'token') return viewer.branchId ? [viewer.branchId] : null
  return branchesOf(viewer.actor)
}

/** Why this viewer may not watch that branch's wall, or null when they may. */
export function wallRefusal(viewer: WallViewer, branchId: string): MessageRef | null {
  if (viewer.kind === 'user') return refusalOf(viewer.actor, wallPolicies.read, { branchId })
  return viewer.branchId === null || viewer.branchId === branchId.toLowerCase() ? null : 'errors.forbidden.otherBranch'
}
