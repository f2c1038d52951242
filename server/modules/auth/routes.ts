import { createRoute, z } from '@hono/zod-openapi'
import { getConnInfo } from '@hono/node-server/conninfo'
import { eq, sql } from 'drizzle-orm'
import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { users } from '../../../db/schema/index'
import { AuthenticationError, InvalidCredentialsError, TooManyRequestsError, ValidationError } from '../../errors'
import { runCommand } from '../../http/command'
import type { AppEnv } from '../../http/context'
import { createRouter, jsonBody, noContent, responses, security } from '../../http/openapi'
import { UserSchema, presentUser } from '../users/presenters'
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords'
import { SESSION_COOKIE, createSession, destroySession, destroyUserSessions, toActor } from './sessions'
import { reserveLoginAttempt, settleLoginAttempt } from './throttle'

export const LoginInput = z
  .object({
    login: z.string().trim().min(1, 'Enter your login').max(64),
    password: z.string().min(1, 'Enter your password').max(1000),
  })
  .openapi('LoginInput')

export const PasswordInput = z
  .object({
    currentPassword: z.string().min(1).max(1000),
    newPassword: z.string().min(8, 'At least 8 characters').max(1000),
  })
  .openapi('PasswordChange')

const MeResponse = z.object({ user: UserSchema })

function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

function isHttps(c: Context<AppEnv>): boolean {
  const pub = c.var.deps.config.PUBLIC_URL
  if (pub) return pub.startsWith('https:')
  return new URL(c.req.url).protocol === 'https:'
}

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      summary: 'Sign in; sets the session cookie',
      request: jsonBody(LoginInput),
      responses: { ...responses(200, MeResponse), 429: { description: 'Too many failed attempts (Retry-After)' } },
    }),
    async (c) => {
      const { login: rawLogin, password } = c.req.valid('json')
      const login = rawLogin.toLowerCase()
      const { database, config } = c.var.deps
      const db = database.db
      const ip = clientIp(c)
      // the attempt takes its place (and counts as a failure) before the hash is checked
      const attempt = await reserveLoginAttempt(db, login, ip)
      if (attempt.id === null) throw TooManyRequestsError(attempt.retryAfter)

      const [user] = await db.select().from(users).where(eq(users.login, login)).limit(1)
      const ok = user
        ? (await verifyPassword(user.passwordHash, password)) && user.active
        : (await verifyPassword(await dummyPasswordHash(), password)) && false
      const ctx = c.var.ctx
      if (!ok || !user) {
        await runCommand(ctx, 'auth.login_failed', async () => {
          return { result: null, entity: 'user', entityId: user?.id ?? null, after: { login, ip } }
        })
        throw InvalidCredentialsError()
      }
      const actor = toActor(user)
      ctx.actor = actor
      const session = await runCommand(ctx, 'auth.login', async (tx) => {
        await settleLoginAttempt(tx, attempt.id)
        const s = await createSession(tx, config, user.id, { ip, userAgent: c.req.header('user-agent') })
        return { result: s, entity: 'user', entityId: user.id, after: { ip } }
      })
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(c),
        path: '/',
        maxAge: config.SESSION_MAX_MINUTES * 60,
      })
      return c.json({ user: presentUser(user) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['auth'],
      summary: 'Sign out; ends the session server-side',
      security,
      responses: noContent(),
    }),
    async (c) => {
      const hash = c.var.sessionHash
      const actor = c.var.actor
      if (!hash || !actor) throw AuthenticationError()
      await runCommand(c.var.ctx, 'auth.logout', async (tx) => {
        await destroySession(tx, hash)
        return {
          result: null,
          entity: 'user',
          entityId: actor.id,
          events: [{ name: 'user.access_changed', payload: { userId: actor.id, active: true, roles: actor.roles } }],
        }
      })
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.body(null, 204)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/me',
      tags: ['auth'],
      summary: 'The signed-in user',
      security,
      responses: responses(200, MeResponse),
    }),
    async (c) => {
      const actor = c.var.actor!
      const [user] = await c.var.deps.database.db.select().from(users).where(eq(users.id, actor.id)).limit(1)
      return c.json({ user: presentUser(user) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/password',
      tags: ['auth'],
      summary: "Change one's own password; ends the user's other sessions",
      security,
      request: jsonBody(PasswordInput),
      responses: noContent(),
    }),
    async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json')
      const actor = c.var.actor!
      const db = c.var.deps.database.db
      const [user] = await db.select().from(users).where(eq(users.id, actor.id)).limit(1)
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        throw ValidationError({ currentPassword: 'Current password is wrong' })
      }
      const passwordHash = await hashPassword(newPassword)
      await runCommand(c.var.ctx, 'auth.password_change', async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash, updatedAt: sql`now()`, updatedBy: actor.id })
          .where(eq(users.id, actor.id))
        const ended = await destroyUserSessions(tx, actor.id, c.var.sessionHash)
        return {
          result: null,
          entity: 'user',
          entityId: actor.id,
          after: { otherSessionsEnded: ended },
          events: [{ name: 'user.access_changed', payload: { userId: actor.id, active: true, roles: actor.roles } }],
        }
      })
      return c.body(null, 204)
    },
  )
