import { createRoute, z } from '@hono/zod-openapi'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { branches, users } from '../../../db/schema/index'
import { ConflictError, NotFoundError, ValidationError } from '../../errors'
import { authorize, authorizeAccount } from '../../http/authorize'
import { runCommand, type CommandOutcome } from '../../http/command'
import { recordingDenials } from '../../http/denied'
import { IdParam, createRouter, jsonBody, responses, security } from '../../http/openapi'
import { Uuid } from '../../http/values'
import { removesLastOwner, type AccountAttempt } from '../../policies/accounts'
import { mayHaveNoBranch } from '../../policies/branches'
import { ROLES, isRole, type Role } from '../../policies/permissions'
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

/** The branches an account works in; empty = every branch (owners, managers, auditors only). */
const BRANCH_IDS = z
  .array(Uuid)
  .max(100)
  .openapi({ description: 'Branches the user works in; empty = every branch (owner, manager, auditor only)' })

export const UserCreate = z
  .object({
    login: LOGIN,
    name: z.string().trim().min(1).max(200),
    email: z.string().trim().email().max(320).optional(),
    password: z.string().min(8, 'At least 8 characters').max(1000),
    roles: z.array(z.enum(ROLES)).min(1, 'Give at least one role'),
    branchIds: BRANCH_IDS.optional(),
  })
  .openapi('UserCreate')

export const UserPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.string().trim().email().max(320).nullable().optional(),
    roles: z.array(z.enum(ROLES)).min(1, 'Give at least one role').optional(),
    active: z.boolean().optional(),
    branchIds: BRANCH_IDS.optional(),
    password: z.string().min(8, 'At least 8 characters').max(1000).optional(),
  })
  .openapi('UserPatch')

/**
 * The branches an account with these roles gets: each must exist, and only owners, managers and
 * auditors may have none (= every branch). 400 naming `branchIds` otherwise.
 */
async function checkAccountBranches(db: Queryable, roles: readonly Role[], branchIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(branchIds.map((b) => b.toLowerCase()))]
  if (!ids.length && !mayHaveNoBranch(roles))
    throw ValidationError({ branchIds: 'Choose at least one branch: only owners, managers and auditors work in every branch' })
  if (ids.length) {
    const found = await db.select({ id: branches.id }).from(branches).where(inArray(branches.id, ids))
    if (found.length !== ids.length) throw ValidationError({ branchIds: 'No such branch' })
  }
  return ids
}

export const userRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['users'],
      summary: 'All staff accounts (owner, manager)',
      security,
      responses: responses(200, z.object({ items: z.array(UserSchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, 'read', 'users')
      const rows = await c.var.deps.database.db.select().from(users).orderBy(asc(users.name))
      return c.json({ items: rows.map(presentUser) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags: ['users'],
      summary: 'Create a staff account',
      security,
      request: jsonBody(UserCreate),
      responses: responses(201, z.object({ user: UserSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const attempt = {
        action: 'users.create',
        entity: 'user',
        attempted: { login: input.login, name: input.name, roles: input.roles, branchIds: input.branchIds ?? [] },
      }
      const user = await recordingDenials(c.var.ctx, attempt, async () => {
        const actor = authorizeAccount(c.var.actor, {
          kind: 'create',
          target: null,
          roles: input.roles,
          branchIds: input.branchIds ?? [],
        })
        const db = c.var.deps.database.db
        const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.login, input.login)).limit(1)
        if (taken) throw ConflictError('This login is taken', { login: 'This login is taken' })
        const branchIds = await checkAccountBranches(db, input.roles, input.branchIds ?? [])
        const passwordHash = await hashPassword(input.password)
        return runCommand(c.var.ctx, 'users.create', async (tx) => {
          const [row] = await tx
            .insert(users)
            .values({
              login: input.login,
              name: input.name,
              email: input.email ?? null,
              passwordHash,
              roles: input.roles,
              branchIds,
              createdBy: actor.id,
              updatedBy: actor.id,
            })
            .returning()
          return {
            result: row,
            entity: 'user',
            entityId: row.id,
            after: presentUser(row),
            events: [{ name: 'entity.changed', payload: { type: 'user', id: row.id, action: 'create' } }],
          }
        })
      })
      return c.json({ user: presentUser(user) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      tags: ['users'],
      summary: "Change a user's name, roles or active flag; deactivation ends their sessions at once",
      security,
      request: { params: IdParam, ...jsonBody(UserPatch) },
      responses: responses(200, z.object({ user: UserSchema })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const { password: _secret, ...shown } = input
      const attempt = {
        action: 'users.update',
        entity: 'user',
        entityId: id,
        attempted: { ...shown, ...(input.password !== undefined ? { passwordReset: true } : {}) },
      }
      const user = await recordingDenials(c.var.ctx, attempt, async () => {
        const actor = authorize(c.var.actor, 'update', 'users')
        const db = c.var.deps.database.db
        const [current] = await db.select().from(users).where(eq(users.id, id)).limit(1)
        if (!current) throw NotFoundError('User')
        const change = (target: typeof current): AccountAttempt => ({
          kind: 'update',
          target: { id: target.id, roles: target.roles.filter(isRole), active: target.active, branchIds: target.branchIds },
          roles: input.roles,
          branchIds: input.branchIds,
          active: input.active,
          password: input.password !== undefined,
        })
        authorizeAccount(actor, change(current))
        const branchIds =
          input.roles !== undefined || input.branchIds !== undefined
            ? await checkAccountBranches(db, input.roles ?? current.roles.filter(isRole), input.branchIds ?? current.branchIds)
            : current.branchIds
        const passwordHash = input.password ? await hashPassword(input.password) : undefined
        return runCommand(c.var.ctx, 'users.update', async (tx) => {
          // the active owners are locked first, always in one order: two owners changing each other at
          // once are serialised (no deadlock) and the second sees what the first did
          const owners = current.roles.includes('owner')
            ? await tx
                .select({ id: users.id })
                .from(users)
                .where(and(eq(users.active, true), sql`'owner' = any(${users.roles})`))
                .orderBy(asc(users.id))
                .for('update')
            : []
          const [before] = await tx.select().from(users).where(eq(users.id, id)).limit(1).for('update')
          if (!before) throw NotFoundError('User')
          // re-checked on the locked row (its roles may have changed meanwhile), and the center keeps an active owner
          authorizeAccount(actor, change(before))
          if (before.roles.includes('owner')) {
            if (
              removesLastOwner(
                change(before),
                owners.map((o) => o.id),
              )
            ) {
              throw ConflictError(
                'The center needs at least one active owner',
                input.active === false ? { active: 'This is the last active owner' } : { roles: 'This is the last active owner' },
              )
            }
          }
          const { password: _pw, ...fields } = input
          const [row] = await tx
            .update(users)
            .set({
              ...fields,
              ...(input.branchIds !== undefined ? { branchIds } : {}),
              ...(passwordHash ? { passwordHash } : {}),
              updatedAt: sql`now()`,
              updatedBy: actor.id,
            })
            .where(eq(users.id, id))
            .returning()
          const lostAccess = (input.active === false && before.active) || passwordHash !== undefined
          const rolesChanged =
            (input.roles !== undefined && input.roles.join() !== before.roles.join()) ||
            (input.branchIds !== undefined && branchIds.join() !== before.branchIds.join())
          if (lostAccess) await destroyUserSessions(tx, id)
          const after = { ...presentUser(row), ...(passwordHash ? { passwordReset: true } : {}) }
          const events: NonNullable<CommandOutcome<unknown>['events']> = [
            { name: 'entity.changed', payload: { type: 'user', id, action: 'update' } },
          ]
          if (lostAccess || rolesChanged || input.active !== undefined) {
            // roles or branches changed: every live connection of the user closes and comes back with the new access
            events.push({
              name: 'user.access_changed',
              payload: { userId: id, active: row.active, roles: row.roles, reconnect: rolesChanged },
            })
          }
          if (lostAccess)
            events.push({ name: 'session.ended', payload: { userId: id, reason: row.active ? 'password_reset' : 'deactivated' } })
          return { result: row, entity: 'user', entityId: id, before: presentUser(before), after, events }
        })
      })
      return c.json({ user: presentUser(user) }, 200)
    },
  )
