import { createRoute, z } from '@hono/zod-openapi'
import { asc, eq, sql } from 'drizzle-orm'
import { users } from '../../../db/schema/index'
import { ConflictError, NotFoundError } from '../../errors'
import { authorize } from '../../http/authorize'
import { runCommand, type CommandOutcome } from '../../http/command'
import { IdParam, createRouter, jsonBody, responses, security } from '../../http/openapi'
import { ROLES } from '../../policies/permissions'
import { hashPassword } from '../auth/passwords'
import { destroyUserSessions } from '../auth/sessions'
import { UserSchema, presentUser } from './presenters'

const LOGIN = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'Letters, digits, dot, dash and underscore only')

export const UserCreate = z
  .object({
    login: LOGIN,
    name: z.string().trim().min(1).max(200),
    email: z.string().trim().email().max(320).optional(),
    password: z.string().min(8, 'At least 8 characters').max(1000),
    roles: z.array(z.enum(ROLES)).min(1, 'Give at least one role'),
    branchId: z.string().uuid().optional(),
  })
  .openapi('UserCreate')

export const UserPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.string().trim().email().max(320).nullable().optional(),
    roles: z.array(z.enum(ROLES)).min(1, 'Give at least one role').optional(),
    active: z.boolean().optional(),
    branchId: z.string().uuid().nullable().optional(),
    password: z.string().min(8, 'At least 8 characters').max(1000).optional(),
  })
  .openapi('UserPatch')

export const userRoutes = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/users', tags: ['users'], summary: 'All staff accounts (owner, manager)', security, responses: responses(200, z.object({ items: z.array(UserSchema) })) }),
    async (c) => {
      authorize(c.var.actor, 'read', 'users')
      const rows = await c.var.deps.database.db.select().from(users).orderBy(asc(users.name))
      return c.json({ items: rows.map(presentUser) }, 200)
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/users', tags: ['users'], summary: 'Create a staff account', security, request: jsonBody(UserCreate), responses: responses(201, z.object({ user: UserSchema })) }),
    async (c) => {
      const actor = authorize(c.var.actor, 'create', 'users')
      const input = c.req.valid('json')
      const db = c.var.deps.database.db
      const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.login, input.login)).limit(1)
      if (taken) throw ConflictError('This login is taken', { login: 'This login is taken' })
      const passwordHash = await hashPassword(input.password)
      const user = await runCommand(c.var.ctx, 'users.create', async (tx) => {
        const [row] = await tx
          .insert(users)
          .values({ login: input.login, name: input.name, email: input.email ?? null, passwordHash, roles: input.roles, branchId: input.branchId ?? null, createdBy: actor.id, updatedBy: actor.id })
          .returning()
        return { result: row, entity: 'user', entityId: row.id, after: presentUser(row), events: [{ name: 'entity.changed', payload: { type: 'user', id: row.id, action: 'create' } }] }
      })
      return c.json({ user: presentUser(user) }, 201)
    },
  )
  .openapi(
    createRoute({ method: 'patch', path: '/users/{id}', tags: ['users'], summary: "Change a user's name, roles or active flag; deactivation ends their sessions at once", security, request: { params: IdParam, ...jsonBody(UserPatch) }, responses: responses(200, z.object({ user: UserSchema })) }),
    async (c) => {
      const actor = authorize(c.var.actor, 'update', 'users')
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const passwordHash = input.password ? await hashPassword(input.password) : undefined
      const user = await runCommand(c.var.ctx, 'users.update', async (tx) => {
        const [before] = await tx.select().from(users).where(eq(users.id, id)).limit(1).for('update')
        if (!before) throw NotFoundError('User')
        const { password: _pw, ...fields } = input
        const [row] = await tx
          .update(users)
          .set({ ...fields, ...(passwordHash ? { passwordHash } : {}), updatedAt: sql`now()`, updatedBy: actor.id })
          .where(eq(users.id, id))
          .returning()
        const lostAccess = (input.active === false && before.active) || passwordHash !== undefined
        const rolesChanged = input.roles !== undefined && input.roles.join() !== before.roles.join()
        if (lostAccess) await destroyUserSessions(tx, id)
        const after = { ...presentUser(row), ...(passwordHash ? { passwordReset: true } : {}) }
        const events: NonNullable<CommandOutcome<unknown>['events']> = [
          { name: 'entity.changed', payload: { type: 'user', id, action: 'update' } },
        ]
        if (lostAccess || rolesChanged || input.active !== undefined) {
          events.push({ name: 'user.access_changed', payload: { userId: id, active: row.active, roles: row.roles } })
        }
        if (lostAccess) events.push({ name: 'session.ended', payload: { userId: id, reason: row.active ? 'password_reset' : 'deactivated' } })
        return { result: row, entity: 'user', entityId: id, before: presentUser(before), after, events }
      })
      return c.json({ user: presentUser(user) }, 200)
    },
  )
