import { createRoute, z } from '@hono/zod-openapi'
import { CLIENT_STATUSES, LEAD_SOURCES, LEAVE_REASONS } from '../../../../domain/clients/vocabulary'
import { IdParam, createRouter, jsonBody, responses, security } from '../../../http/openapi'
import { Uuid } from '../../../http/values'
import { authorize } from '../../../policies/policy'
import { changeClientStatus } from '../commands/change-status'
import { addObservation } from '../commands/observe'
import { registerClient } from '../commands/register'
import { clientFileBundle } from '../file-queries'
import { ClientListItem, presentClient, presentClientListItem } from '../presenters'
import { clientsPolicies } from '../policies'
import { getRegistrationSettings } from '../settings'

export const GuardianInput = z.object({
  name: z.string().trim().max(200),
  relation: z.string().trim().max(60),
  phone: z.string().trim().max(40),
  email: z.string().trim().max(320).nullable().optional(),
  canPickUp: z.boolean().optional(),
})

export const ClientCreate = z
  .object({
    firstName: z.string().trim().max(100).optional(),
    lastName: z.string().trim().max(100).optional(),
    birthDate: z.string().trim().max(20).nullable().optional(),
    phone: z.string().trim().max(40).nullable().optional(),
    email: z.string().trim().max(320).nullable().optional(),
    guardians: z.array(GuardianInput).max(6).default([]),
    consent: z.boolean().optional(),
    status: z.enum(CLIENT_STATUSES).optional(),
    source: z.enum(LEAD_SOURCES).nullable().optional(),
    sourceNote: z.string().trim().max(200).nullable().optional(),
    branchId: Uuid.nullable().optional(),
    /** Set after the user has seen the duplicate warning and chose to register anyway. */
    confirmNotDuplicate: z.boolean().optional(),
  })
  .openapi('ClientCreate')

const StatusInput = z
  .object({ status: z.enum(CLIENT_STATUSES), reason: z.enum(LEAVE_REASONS).optional(), note: z.string().max(1000).optional() })
  .openapi('ClientStatusChange')

const ObservationInput = z
  .object({
    text: z.string().trim().min(1, 'errors.clients.observationRequired').max(5000),
    activity: z.string().trim().max(100).optional(),
  })
  .openapi('ObservationInput')

/** Registering a client, a client's page, status changes and observations. */
export const clientRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients',
      tags: ['clients'],
      summary: 'Register a client (mandatory fields; a guardian under 18; duplicate warning)',
      security,
      request: jsonBody(ClientCreate),
      responses: {
        ...responses(201, z.object({ id: z.string().uuid(), client: ClientListItem })),
        409: { description: 'Possible duplicate: confirm with confirmNotDuplicate' },
      },
    }),
    async (c) => {
      const actor = authorize(c.var.actor, clientsPolicies.register)
      const { client, settings, today } = await registerClient(c.var.ctx, c.var.deps.docs, actor, c.req.valid('json'))
      return c.json({ id: client.id, client: presentClientListItem(client, settings.ageCategories, today) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/{id}',
      tags: ['clients'],
      summary: 'A client: row, guardians, family, status history, records, documents, open alerts',
      security,
      request: { params: IdParam },
      responses: responses(200, z.object({ client: z.any() })),
    }),
    async (c) => {
      authorize(c.var.actor, clientsPolicies.read)
      const { id } = c.req.valid('param')
      const deps = c.var.deps
      const bundle = await clientFileBundle(deps.database.db, id)
      // the browser opens the file's live document next: have it in memory by then
      if (!bundle.row.erasedAt) deps.docs?.preload?.(`client:${id}`)
      return c.json({ client: presentClient(bundle, c.var.locale) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients/{id}/status',
      tags: ['clients'],
      summary: 'Change status (lead → trial → active → paused → left, with a reason on leaving)',
      security,
      request: { params: IdParam, ...jsonBody(StatusInput) },
      responses: responses(200, z.object({ client: ClientListItem })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, clientsPolicies.edit)
      const { id } = c.req.valid('param')
      const deps = c.var.deps
      const row = await changeClientStatus(c.var.ctx, deps.docs, deps.registry.hooks, actor, id, c.req.valid('json'))
      const s = await getRegistrationSettings(deps.database.db)
      return c.json({ client: presentClientListItem(row, s.ageCategories) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clients/{id}/observations',
      tags: ['clients'],
      summary: 'Add a dated observation (teachers and staff); stamped with its author',
      security,
      request: { params: IdParam, ...jsonBody(ObservationInput) },
      responses: responses(201, z.object({ id: z.string() })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, clientsPolicies.observe)
      const { id } = c.req.valid('param')
      const obsId = await addObservation(c.var.ctx, c.var.deps.docs, actor, id, c.req.valid('json'))
      return c.json({ id: obsId }, 201)
    },
  )
