import { createRoute, z } from '@hono/zod-openapi'
import { CURRENCIES } from '../../../domain/i18n/format'
import { LOCALES } from '../../../domain/i18n/locales'
import { createRouter, jsonBody, responses, security } from '../../http/openapi'
import { authorize } from '../../policies/policy'
import { configureCenter } from './commands/configure'
import { centerPolicies } from './policies'
import { CenterSchema, presentCenter } from './presenters'
import { centerSettingsOf } from './queries'

export const CenterInput = z
  .object({
    defaultLocale: z.enum(LOCALES, { error: 'errors.field.locale' }).optional(),
    currency: z.enum(CURRENCIES, { error: 'errors.field.currency' }).optional(),
  })
  .openapi('CenterInput')

export const centerRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/center',
      tags: ['center'],
      summary: 'The center’s settings: default language and currency',
      security,
      responses: responses(200, CenterSchema),
    }),
    async (c) => {
      authorize(c.var.actor, centerPolicies.read)
      return c.json(presentCenter(await centerSettingsOf(c.var.deps.database.db)), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/center',
      tags: ['center'],
      summary: 'Change the center’s default language and/or currency (the owner)',
      security,
      request: jsonBody(CenterInput),
      responses: responses(200, CenterSchema),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorize(c.var.actor, centerPolicies.configure)
      return c.json(presentCenter(await configureCenter(c.var.ctx, actor, input)), 200)
    },
  )
