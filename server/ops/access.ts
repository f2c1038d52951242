import { timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/

/**
 * Did this request come from this machine itself, directly? Its peer is a loopback address and it
 * carries no proxy's forwarding header (a proxy on this machine connects from loopback too: what it
 * forwards comes from elsewhere).
 */
export function isLocalRequest(c: Context): boolean {
  if (c.req.header('x-forwarded-for') ?? c.req.header('forwarded') ?? c.req.header('x-real-ip')) return false
  let address: string | undefined
  try {
    address = getConnInfo(c).remote.address
  } catch {
    return false // not served by @hono/node-server: no peer to trust
  }
  return address !== undefined && LOOPBACK.test(address)
}

/** Does the request carry `Authorization: Bearer <token>`? (compared in constant time) */
export function hasBearer(c: Context, token: string | undefined): boolean {
  if (!token) return false
  const given = Buffer.from(c.req.header('authorization') ?? '')
  const expected = Buffer.from(`Bearer ${token}`)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
