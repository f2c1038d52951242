import { createRoute, z } from '@hono/zod-openapi'
import { ROLES } from '../../../domain/roles'
import { recordingDenials } from '../../http/denied'
import { IdParam, createRouter, jsonBody, responses, security } from '../../http/openapi'
import { Uuid } from '../../http/values'
import { authorize, authorizeRole } from '../../policies/policy'
import { createUser } from './commands/create-user'
import { updateUser } from './commands/update-user'
import { usersPolicies } from './policies'
import { StaffAccountSchema, StaffListSchema, presentAccount, presentStaffList } from './presenters'
import { listUsers } from './queries'

const LOGIN = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'errors.users.loginCharacters')

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
    password: z.string().min(8).max(1000),
    roles: z.array(z.enum(ROLES)).min(1, 'errors.users.rolesRequired'),
    branchIds: BRANCH_IDS.optional(),
  })
  .openapi('UserCreate')

export const UserPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.string().trim().email().max(320).nullable().optional(),
    roles: z.array(z.enum(ROLES)).min(1, 'errors.users.rolesRequired').optional(),
    active: z.boolean().optional(),
    branchIds: BRANCH_IDS.optional(),
    password: z.string().min(8).max(1000).optional(),
  })
  .openapi('UserPatch')

export const userRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['users'],
      summary: 'All staff accounts (owner, manager), each with what the viewer may do with it, and the roles they may grant',
      security,
      responses: responses(200, StaffListSchema),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, usersPolicies.read)
      const rows = await listUsers(c.var.deps.database.db)
      return c.json(presentStaffList(actor, rows), 200)
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
      responses: responses(201, z.object({ user: StaffAccountSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const attempt = {
        action: 'users.create',
        entity: 'user',
        attempted: { login: input.login, name: input.name, roles: input.roles, branchIds: input.branchIds ?? [] },
      }
      const user = await recordingDenials(c.var.ctx, attempt, async () => {
        const actor = authorize(c.var.actor, usersPolicies.create, { roles: input.roles, branchIds: input.branchIds ?? [] })
        return presentAccount(actor, await createUser(c.var.ctx, actor, input))
      })
      return c.json({ user }, 201)
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
      responses: responses(200, z.object({ user: StaffAccountSchema })),
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
        // whether this account may be changed is asked once it is loaded (updateUser)
        const actor = authorizeRole(c.var.actor, usersPolicies.edit)
        return presentAccount(actor, await updateUser(c.var.ctx, actor, id, input))
      })
      return c.json({ user }, 200)
    },
  )
