import { createRoute, z } from '@hono/zod-openapi'
import { isRealDate } from '../../../../domain/calendar'
import { phoneDigits, todayIso } from '../../../../domain/clients/rules'
import { CLIENT_STATUSES } from '../../../../domain/clients/vocabulary'
import { createRouter, responses, security } from '../../../http/openapi'
import { Uuid } from '../../../http/values'
import { authorize } from '../../../policies/policy'
import { guardiansOfClients, knownGuardiansByPhone } from '../file-queries'
import { clientsPolicies } from '../policies'
import { ClientListItem, clientListCsv, presentClientListItem } from '../presenters'
import { findDuplicates, listClients, type ClientListParams } from '../queries'
import { registrationSettingsForList } from '../settings'

const q = (name: string) => ({ param: { name, in: 'query' as const } })

const ListQuery = z.object({
  q: z.string().trim().max(100).optional().openapi(q('q')),
  status: z.enum(CLIENT_STATUSES).optional().openapi(q('status')),
  ageCategory: z.string().max(40).optional().openapi(q('ageCategory')),
  flagged: z.enum(['true', 'false']).optional().openapi(q('flagged')),
  birthdayThisMonth: z.enum(['true', 'false']).optional().openapi(q('birthdayThisMonth')),
  activityId: Uuid.optional().openapi({
    param: { name: 'activityId', in: 'query', description: 'Current member of a group of this activity' },
  }),
  groupId: Uuid.optional().openapi({ param: { name: 'groupId', in: 'query', description: 'Current member of this group' } }),
  teacherId: Uuid.optional().openapi({
    param: { name: 'teacherId', in: 'query', description: 'Current member of a group this teacher teaches or assists' },
  }),
  owing: z
    .enum(['true', 'false'])
    .optional()
    .openapi({
      param: {
        name: 'owing',
        in: 'query',
        description: 'Owes (unpaid pass, invoice, loan…), by the one owing rule; for the activity when activityId is given',
      },
    }),
  sort: z.enum(['name', 'newest']).default('name').openapi(q('sort')),
  cursor: z.string().max(8000).optional().openapi(q('cursor')),
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi(q('limit')),
})

function listParams(p: z.infer<typeof ListQuery>): ClientListParams {
  return { ...p, flagged: p.flagged === 'true', birthdayThisMonth: p.birthdayThisMonth === 'true', owing: p.owing === 'true' }
}

const DuplicatesQuery = z.object({
  firstName: z.string().max(100).optional().openapi(q('firstName')),
  lastName: z.string().max(100).optional().openapi(q('lastName')),
  birthDate: z.string().max(20).optional().openapi(q('birthDate')),
  phone: z.string().max(40).optional().openapi(q('phone')),
  guardianPhone: z.string().max(40).optional().openapi(q('guardianPhone')),
})

const DuplicateSchema = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .openapi('PossibleDuplicate')
const KnownGuardianSchema = z
  .object({
    name: z.string(),
    relation: z.string(),
    phone: z.string(),
    email: z.string().nullable(),
    child: z.object({ id: z.string(), name: z.string() }),
  })
  .openapi('KnownGuardian')

/** The client list, its CSV export and the duplicate check while registering. */
export const clientListRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients',
      tags: ['clients'],
      summary: 'Client list: search by name, phone or guardian; filters; keyset paging',
      security,
      request: { query: ListQuery },
      responses: responses(200, z.object({ items: z.array(ClientListItem), nextCursor: z.string().nullable() })),
    }),
    async (c) => {
      authorize(c.var.actor, clientsPolicies.read)
      const db = c.var.deps.database.db
      const s = await registrationSettingsForList(db)
      const today = todayIso()
      const { rows, nextCursor } = await listClients(
        db,
        { ...listParams(c.req.valid('query')), locale: c.var.locale },
        s.ageCategories,
        today,
        c.var.deps.registry.owing,
      )
      return c.json({ items: rows.map((r) => presentClientListItem(r, s.ageCategories, today)), nextCursor }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/export.csv',
      tags: ['clients'],
      summary: 'The current list (same filters) as CSV (owner, manager: a bulk export of personal data)',
      security,
      request: { query: ListQuery.omit({ cursor: true, limit: true }) },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
    }),
    async (c) => {
      authorize(c.var.actor, clientsPolicies.exportList)
      const db = c.var.deps.database.db
      const s = await registrationSettingsForList(db)
      const today = todayIso()
      const { rows } = await listClients(
        db,
        { ...listParams({ ...c.req.valid('query'), limit: 100_000 }), limit: 100_000, locale: c.var.locale },
        s.ageCategories,
        today,
        c.var.deps.registry.owing,
      )
      const guardians = await guardiansOfClients(
        db,
        rows.map((r) => r.id),
      )
      return c.body(clientListCsv(rows, guardians, s.ageCategories, today, c.var.locale), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="clients-${today}.csv"`,
      })
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/duplicates',
      tags: ['clients'],
      summary: 'Possible duplicates of a registration (same name and birth date, or same phone) and known guardians',
      security,
      request: { query: DuplicatesQuery },
      responses: responses(200, z.object({ duplicates: z.array(DuplicateSchema), knownGuardians: z.array(KnownGuardianSchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, clientsPolicies.read)
      const p = c.req.valid('query')
      const db = c.var.deps.database.db
      // a birth date still being typed (or no real date) does not narrow the search
      const duplicates = await findDuplicates(db, {
        firstName: p.firstName,
        lastName: p.lastName,
        birthDate: p.birthDate && isRealDate(p.birthDate) ? p.birthDate : undefined,
        phoneDigits: [phoneDigits(p.phone) ?? ''],
      })
      const gp = phoneDigits(p.guardianPhone)
      const knownGuardians = gp ? await knownGuardiansByPhone(db, [gp]) : []
      return c.json({ duplicates, knownGuardians }, 200)
    },
  )
