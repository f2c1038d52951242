import { createRoute, z } from '@hono/zod-openapi'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '../../contracts/sessions'
import { AuthenticationError, NotFoundError } from '../../errors'
import type { AppEnv } from '../../http/context'
import { createRouter, jsonBody, noContent, responses, security } from '../../http/openapi'
import { Uuid } from '../../http/values'
import { authorize, authorizeRole } from '../../policies/policy'
import { LOCALES } from '../../../domain/i18n/locales'
import { CenterSchema, centerSettingsOf, presentCenter } from '../center'
import { changeOwnLocale } from './commands/change-locale'
import { changeOwnPassword } from './commands/change-password'
import { preferencesOf, saveOwnPreferences } from './commands/save-preferences'
import { signIn } from './commands/sign-in'
import { signOut } from './commands/sign-out'
import { authPolicies } from './policies'
import { UserSchema, presentUser } from './presenters'
import { findUser } from './queries'

export const LoginInput = z
  .object({
    login: z.string().trim().min(1, 'errors.auth.loginRequired').max(64),
    password: z.string().min(1, 'errors.auth.passwordRequired').max(1000),
  })
  .openapi('LoginInput')

export const PasswordInput = z
  .object({
    currentPassword: z.string().min(1).max(1000),
    newPassword: z.string().min(8).max(1000),
  })
  .openapi('PasswordChange')

export const PreferencesSchema = z
  .object({
    /** The branch the user last chose (the timetable opens on it); null: not chosen yet. */
    branchId: z.string().uuid().nullable(),
  })
  .openapi('OwnPreferences')

const MeResponse = z.object({ user: UserSchema, center: CenterSchema, preferences: PreferencesSchema })

export const PreferencesInput = z
  .object({
    /** A branch the user works in. */
    branchId: Uuid,
  })
  .openapi('OwnPreferencesInput')

export const OwnSettingsInput = z
  .object({
    /** One's own language; null: follow the center's default. */
    locale: z.enum(LOCALES, { error: 'errors.field.locale' }).nullable(),
  })
  .openapi('OwnSettings')

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
      const { login, password } = c.req.valid('json')
      const { config } = c.var.deps
      const { user, session } = await signIn(c.var.ctx, config, {
        login,
        password,
        ip: clientIp(c),
        userAgent: c.req.header('user-agent'),
      })
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(c),
        path: '/',
        maxAge: config.SESSION_MAX_MINUTES * 60,
      })
      return c.json(
        {
          user: presentUser(user),
          center: presentCenter(await centerSettingsOf(c.var.deps.database.db)),
          preferences: preferencesOf(user),
        },
        200,
      )
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
      if (!hash) throw AuthenticationError()
      const actor = authorize(c.var.actor, authPolicies.signOut)
      await signOut(c.var.ctx, actor, hash)
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
      const actor = authorize(c.var.actor, authPolicies.readOwnAccount)
      const user = await findUser(c.var.deps.database.db, actor.id)
      if (!user) throw NotFoundError('errors.notFound.user')
      return c.json(
        {
          user: presentUser(user),
          center: presentCenter(await centerSettingsOf(c.var.deps.database.db)),
          preferences: preferencesOf(user),
        },
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/auth/me',
      tags: ['auth'],
      summary: "Change one's own settings: the language (null: the center's default)",
      security,
      request: jsonBody(OwnSettingsInput),
      responses: responses(200, z.object({ user: UserSchema })),
    }),
    async (c) => {
      const { locale } = c.req.valid('json')
      const actor = authorize(c.var.actor, authPolicies.changeOwnLanguage)
      return c.json({ user: presentUser(await changeOwnLocale(c.var.ctx, actor, locale)) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/me/preferences',
      tags: ['auth'],
      summary: "Keep one's own preferences: the branch one opens on (a branch one works in; 403 naming branchId otherwise)",
      security,
      request: jsonBody(PreferencesInput),
      responses: responses(200, z.object({ preferences: PreferencesSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorizeRole(c.var.actor, authPolicies.changeOwnPreferences)
      return c.json({ preferences: await saveOwnPreferences(c.var.ctx, actor, input) }, 200)
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
      const actor = authorize(c.var.actor, authPolicies.changeOwnPassword)
      await changeOwnPassword(c.var.ctx, actor, { currentPassword, newPassword, keepSession: c.var.sessionHash })
      return c.body(null, 204)
    },
  )
