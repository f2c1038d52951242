import { createRoute, z } from '@hono/zod-openapi'
import { REQUIRABLE_FIELDS } from '../../../../domain/clients/rules'
import { createRouter, jsonBody, responses, security } from '../../../http/openapi'
import { authorize } from '../../../policies/policy'
import { configureRegistration } from '../commands/configure-registration'
import { clientsPolicies } from '../policies'
import { getRegistrationSettings } from '../settings'

const SettingsInput = z
  .object({
    requiredFields: z.array(z.enum(REQUIRABLE_FIELDS)).optional(),
    ageCategories: z
      .array(
        z.object({
          key: z.string().min(1).max(40),
          label: z.string().min(1).max(40),
          min: z.number().int().min(0).max(120),
          max: z.number().int().min(0).max(120).nullable(),
        }),
      )
      .min(1)
      .max(20)
      .optional(),
    /** Per age category (its key), its own mandatory fields; a category without a list follows `requiredFields`. */
    requiredByCategory: z.record(z.string().min(1).max(40), z.array(z.enum(REQUIRABLE_FIELDS)).max(20)).optional(),
  })
  .openapi('RegistrationSettings')

/** The center's registration settings: mandatory fields and age categories. */
export const clientSettingsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/settings/registration',
      tags: ['clients'],
      summary: "Mandatory registration fields (the center's, and per age category) and age categories",
      security,
      responses: responses(200, SettingsInput),
    }),
    async (c) => {
      authorize(c.var.actor, clientsPolicies.read)
      return c.json(await getRegistrationSettings(c.var.deps.database.db), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/settings/registration',
      tags: ['clients'],
      summary: "Configure mandatory registration fields (the center's, and per age category) and age categories (owner, manager)",
      security,
      request: jsonBody(SettingsInput),
      responses: responses(200, SettingsInput),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, clientsPolicies.configure)
      return c.json(await configureRegistration(c.var.ctx, actor, c.req.valid('json')), 200)
    },
  )
