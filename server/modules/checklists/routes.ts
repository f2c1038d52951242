import { createRoute, z } from '@hono/zod-openapi'
import { and, eq, inArray } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { branches, checklistPhotos } from '../../../db/schema/index'
import { encodeChecklistDocName, timelinessOf, type FilledItem } from '../../../domain/checklists/checklist'
import { NotFoundError, ValidationError } from '../../errors'
import { contentDisposition } from '../../http/disposition'
import { IdParam, createRouter, jsonBody, responses, security } from '../../http/openapi'
import { branchesOf } from '../../policies/branches'
import { authorize, authorizeRole } from '../../policies/policy'
import { centerSettingsOf } from '../center/index'
import { attachPhoto } from './commands/photos'
import { liveValues, showSubmitted, submitChecklist } from './commands/submit'
import { createTemplate, updateTemplate } from './commands/templates'
import { generateDue } from './due'
import { checklistsPolicies } from './policies'
import {
  findChecklist,
  findTemplate,
  listChecklists,
  listTemplates,
  normsOf,
  photosOf,
  type ChecklistRow,
  type TemplateRow,
} from './queries'
import { productionControlPdf, productionControlReport } from './report'
import {
  ChecklistSchema,
  ChecklistsQuery,
  GenerateInput,
  PhotoForm,
  PhotoParams,
  ReportQuery,
  TemplateInput,
  TemplatePatch,
  TemplateSchema,
  TemplatesQuery,
} from './schemas'

const presentTemplate = (t: TemplateRow): z.infer<typeof TemplateSchema> => ({
  id: t.id,
  branchId: t.branchId,
  roomId: t.roomId,
  name: t.name,
  items: t.items as z.infer<typeof TemplateSchema>['items'],
  schedule: t.schedule as z.infer<typeof TemplateSchema>['schedule'],
  weekday: t.weekday,
  monthDay: t.monthDay,
  dueTime: t.dueTime,
  responsibleRole: t.responsibleRole,
  active: t.active,
})

/** The time zones of branches, by id. */
async function zonesOf(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows = await db
    .select({ id: branches.id, tz: branches.timezone })
    .from(branches)
    .where(inArray(branches.id, [...new Set(ids)]))
  return new Map(rows.map((r) => [r.id, r.tz || 'UTC']))
}

function presentChecklist(
  c: ChecklistRow,
  zones: ReadonlyMap<string, string>,
  extra: {
    values?: Record<string, FilledItem> | null
    photos?: z.infer<typeof ChecklistSchema>['photos']
    norms?: z.infer<typeof ChecklistSchema>['norms']
  } = {},
  now = new Date(),
): z.infer<typeof ChecklistSchema> {
  const t = timelinessOf(c, now)
  return {
    id: c.id,
    name: encodeChecklistDocName(c.id),
    templateId: c.templateId,
    branchId: c.branchId,
    roomId: c.roomId,
    title: c.name,
    items: c.items as z.infer<typeof ChecklistSchema>['items'],
    responsibleRole: c.responsibleRole,
    dueOn: c.dueOn,
    dueAt: c.dueAt.toISOString(),
    timeZone: zones.get(c.branchId) ?? 'UTC',
    status: c.status as 'open' | 'submitted',
    timeliness: t === 'missed' ? 'overdue' : t,
    result: (c.result as 'ok' | 'failed' | null) ?? null,
    submittedAt: c.submittedAt?.toISOString() ?? null,
    submittedBy: c.submittedBy,
    values: c.status === 'submitted' ? ((c.values ?? {}) as Record<string, FilledItem>) : (extra.values ?? null),
    ...(extra.photos ? { photos: extra.photos } : {}),
    ...(extra.norms ? { norms: extra.norms } : {}),
  }
}

/**
 * Production control: templates of checklists per branch or room (managers), the checklists due
 * (made by the `checklists.due` job, or now on demand), filled in their live document
 * `checklist:<id>` and submitted here (locked from then on), photos, and the monthly report as PDF.
 */
export const checklistRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/checklist-templates',
      tags: ['checklists'],
      summary: 'The checklist templates of the user’s branches (of one with `branchId`)',
      security,
      request: { query: TemplatesQuery },
      responses: responses(200, z.object({ items: z.array(TemplateSchema) })),
    }),
    async (c) => {
      const q = c.req.valid('query')
      const actor = q.branchId
        ? authorize(c.var.actor, checklistsPolicies.read, { branchId: q.branchId })
        : authorizeRole(c.var.actor, checklistsPolicies.read)
      const rows = await listTemplates(c.var.deps.database.db, branchesOf(actor), q.branchId)
      return c.json({ items: rows.map(presentTemplate) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/checklist-templates',
      tags: ['checklists'],
      summary:
        'Define a checklist template of a branch or room: items (tick, number in a range, text), schedule, responsible role',
      security,
      request: jsonBody(TemplateInput),
      responses: responses(201, z.object({ template: TemplateSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorize(c.var.actor, checklistsPolicies.manage, { branchId: input.branchId })
      const row = await createTemplate(c.var.ctx, actor, input)
      return c.json({ template: presentTemplate(row) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/checklist-templates/{id}',
      tags: ['checklists'],
      summary: 'Change a template (only what is named); checklists already made keep their items',
      security,
      request: { params: IdParam, ...jsonBody(TemplatePatch) },
      responses: responses(200, z.object({ template: TemplateSchema })),
    }),
    async (c) => {
      authorizeRole(c.var.actor, checklistsPolicies.manage)
      const patch = c.req.valid('json')
      const before = await findTemplate(c.var.deps.database.db, c.req.valid('param').id)
      const actor = authorize(c.var.actor, checklistsPolicies.manage, before)
      if (patch.branchId) authorize(actor, checklistsPolicies.manage, { branchId: patch.branchId })
      const row = await updateTemplate(c.var.ctx, actor, before.id, patch)
      return c.json({ template: presentTemplate(row) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/checklists',
      tags: ['checklists'],
      summary: 'The checklists of the user’s branches due between `from` and `to` (default: the last 7 days), newest first',
      security,
      request: { query: ChecklistsQuery },
      responses: responses(200, z.object({ items: z.array(ChecklistSchema) })),
    }),
    async (c) => {
      const q = c.req.valid('query')
      const actor = q.branchId
        ? authorize(c.var.actor, checklistsPolicies.read, { branchId: q.branchId })
        : authorizeRole(c.var.actor, checklistsPolicies.read)
      const from = q.from ?? new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10)
      const to = q.to ?? new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
      if (from > to) throw ValidationError({ to: 'checklists.toBeforeFrom' })
      const rows = await listChecklists(c.var.deps.database.db, {
        branchIds: branchesOf(actor),
        branchId: q.branchId,
        from,
        to,
        status: q.status,
      })
      const zones = await zonesOf(
        c.var.deps.database.db,
        rows.map((r) => r.branchId),
      )
      return c.json({ items: rows.map((r) => presentChecklist(r, zones)) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/checklists/generate',
      tags: ['checklists'],
      summary: 'Make a branch’s checklists due today now (the job does it every ten minutes); nothing is made twice',
      security,
      request: jsonBody(GenerateInput),
      responses: responses(200, z.object({ made: z.number() })),
    }),
    async (c) => {
      const { branchId } = c.req.valid('json')
      authorize(c.var.actor, checklistsPolicies.fill, { branchId })
      const made = await generateDue(c.var.ctx, { branchId, always: true })
      return c.json({ made }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/checklists/report.pdf',
      tags: ['checklists'],
      summary:
        'A branch’s monthly production-control report (on time, late, missed, failed items and notes) as PDF, in the center’s language',
      security,
      request: { query: ReportQuery },
      responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } } },
    }),
    async (c) => {
      const q = c.req.valid('query')
      authorize(c.var.actor, checklistsPolicies.read, { branchId: q.branchId })
      const db = c.var.deps.database.db
      const locale = (await centerSettingsOf(db)).defaultLocale
      const report = await productionControlReport(db, q.branchId, q.month)
      const pdf = await productionControlPdf(report, locale)
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-language': locale,
        'content-disposition': contentDisposition(`production-control-${q.month}-${report.branch}.pdf`, 'inline'),
      })
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/checklists/{id}',
      tags: ['checklists'],
      summary: 'A checklist: its items, its values (the live document’s while open, the kept ones once submitted) and photos',
      security,
      request: { params: IdParam },
      responses: responses(200, z.object({ checklist: ChecklistSchema })),
    }),
    async (c) => {
      authorizeRole(c.var.actor, checklistsPolicies.read)
      const db = c.var.deps.database.db
      const row = await findChecklist(db, c.req.valid('param').id)
      const actor = authorize(c.var.actor, checklistsPolicies.read, row)
      const values = row.status === 'open' && c.var.deps.docs ? await liveValues(c.var.deps, row.id, actor) : null
      const [photos, norms] = await Promise.all([photosOf(db, row.id), normsOf(db, row)])
      return c.json({ checklist: presentChecklist(row, await zonesOf(db, [row.branchId]), { values, photos, norms }) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/checklists/{id}/submit',
      tags: ['checklists'],
      summary:
        'Submit a checklist as its live document stands: locked from then on; failed when an item is ticked failed or out of range. 409 names the missing items',
      security,
      request: { params: IdParam },
      responses: {
        ...responses(200, z.object({ checklist: ChecklistSchema })),
        409: { description: 'Items not filled, or already submitted' },
      },
    }),
    async (c) => {
      authorizeRole(c.var.actor, checklistsPolicies.fill)
      const db = c.var.deps.database.db
      const row = await findChecklist(db, c.req.valid('param').id)
      const actor = authorize(c.var.actor, checklistsPolicies.fill, row)
      const values = row.status === 'open' ? await liveValues(c.var.deps, row.id, actor) : {}
      const done = await submitChecklist(c.var.ctx, actor, row.id, values)
      await showSubmitted(c.var.deps, done, actor)
      return c.json({ checklist: presentChecklist(done, await zonesOf(db, [done.branchId])) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/checklists/{id}/photos',
      tags: ['checklists'],
      summary:
        'Attach a photo (JPEG or PNG up to 10 MB, type checked by content) to a checklist being filled, or to one of its items',
      security,
      request: { params: IdParam, body: { required: true, content: { 'multipart/form-data': { schema: PhotoForm } } } },
      responses: responses(
        201,
        z.object({
          photo: z.object({
            id: z.string(),
            itemKey: z.string().nullable(),
            fileName: z.string(),
            mime: z.string(),
            size: z.number(),
          }),
        }),
      ),
    }),
    async (c) => {
      const form = c.req.valid('form')
      authorizeRole(c.var.actor, checklistsPolicies.fill)
      const row = await findChecklist(c.var.deps.database.db, c.req.valid('param').id)
      const actor = authorize(c.var.actor, checklistsPolicies.fill, row)
      const file: unknown = form.file
      if (!(file instanceof File)) throw ValidationError({ file: 'checklists.fileRequired' })
      const bytes = new Uint8Array(await file.arrayBuffer())
      const photo = await attachPhoto(c.var.ctx, actor, row.id, { name: file.name, bytes, itemKey: form.itemKey })
      return c.json({ photo }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/checklists/{id}/photos/{photoId}',
      tags: ['checklists'],
      summary: 'A photo of a checklist',
      security,
      request: { params: PhotoParams },
      responses: { 200: { description: 'The image' } },
    }),
    async (c) => {
      authorizeRole(c.var.actor, checklistsPolicies.read)
      const db = c.var.deps.database.db
      const { id, photoId } = c.req.valid('param')
      const row = await findChecklist(db, id)
      authorize(c.var.actor, checklistsPolicies.read, row)
      const [p] = await db
        .select()
        .from(checklistPhotos)
        .where(and(eq(checklistPhotos.id, photoId), eq(checklistPhotos.checklistId, id)))
        .limit(1)
      if (!p) throw NotFoundError('checklists.notFound.photo')
      return c.body(Buffer.from(p.data), 200, {
        'content-type': p.mime,
        'content-length': String(p.size),
        'content-disposition': contentDisposition(p.fileName, 'inline'),
        'x-content-type-options': 'nosniff',
      })
    },
  )
