import { createRoute, z } from '@hono/zod-openapi'
import { eq } from 'drizzle-orm'
import { branches } from '../../../db/schema/index'
import type { Actor } from '../../../domain/roles'
import { ConflictError, NotFoundError } from '../../errors'
import type { AppDeps } from '../../http/context'
import { contentDisposition } from '../../http/disposition'
import { createRouter, ErrorSchema, jsonBody, responses, security } from '../../http/openapi'
import { SerialId, Uuid } from '../../http/values'
import { INSTANCE, startRun, type JobContext } from '../../jobs/index'
import { authorize, authorizeRole } from '../../policies/policy'
import { downloadPackage, type Opened } from './commands'
import { packagesOnDemand } from './job'
import { checkPeriod, MONTH, periodFields, periodOf } from './period'
import { documentPackagePolicies } from './policies'
import { listPackages, type PackageRow } from './queries'

/** A request's job context: the server's services (the registry among them, for the audit's areas) and the real clock. */
const jobContext = (deps: AppDeps): JobContext => ({ ...deps, instance: INSTANCE, now: () => new Date() })

const PackageSchema = z
  .object({
    id: z.number().int(),
    branchId: z.string(),
    branchName: z.string(),
    from: z.string(),
    to: z.string(),
    status: z.enum(['running', 'ok', 'failed']),
    trigger: z.enum(['schedule', 'demand']),
    locale: z.string(),
    createdAt: z.string(),
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    finishedAt: z.string().nullable(),
    fileName: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    sha256: z.string().nullable(),
    documents: z.number().int().nullable(),
  })
  .openapi('DocumentPackage')

const present = (r: PackageRow): z.infer<typeof PackageSchema> => ({
  id: r.id,
  branchId: r.branchId,
  branchName: r.branchName,
  from: r.periodFrom,
  to: r.periodTo,
  status: r.status,
  trigger: r.trigger,
  locale: r.locale,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdBy ? { id: r.createdBy, name: r.createdByName ?? '' } : null,
  finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
  fileName: r.fileName,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  documents: r.documents,
})

const GenerateInput = z
  .object({ branchId: Uuid, ...periodFields })
  .strict()
  .superRefine(checkPeriod)
  .openapi('DocumentPackageInput')

const ListQuery = z.object({
  branchId: Uuid.optional(),
  month: z.string().max(7, 'docPackage.error.monthFormat').regex(MONTH, 'docPackage.error.monthFormat').optional(),
})

const IdPath = z.object({ id: SerialId().openapi({ param: { name: 'id', in: 'path' } }) })

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } })

/** The branches a list covers: the one asked for (the reader must work there), else all of the reader's (null: every branch). */
function scope(actor: Actor | null, branchId: string | undefined): string[] | null {
  if (branchId) {
    authorize(actor, documentPackagePolicies.read, { branchId })
    return [branchId]
  }
  const a = authorizeRole(actor, documentPackagePolicies.read)
  return a.branchIds.length ? a.branchIds : null
}

/**
 * The document packages (issue #20): listed per branch and month, made now for a month or a period
 * (202: made in the background, listed as "running" until ready), downloaded as ZIP (audited).
 */
export const documentPackageRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/document-packages',
      tags: ['document-packages'],
      summary: 'The document packages of the reader’s branches (or one), newest period first; optionally of one month',
      security,
      request: { query: ListQuery },
      responses: responses(200, z.object({ items: z.array(PackageSchema) })),
    }),
    async (c) => {
      const q = c.req.valid('query')
      const branchIds = scope(c.var.actor, q.branchId)
      const rows = await listPackages(c.var.deps.database.db, {
        branchIds,
        ...(q.month ? { from: `${q.month}-01`, to: `${q.month}-31` } : {}),
      })
      return c.json({ items: rows.map(present) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/document-packages',
      tags: ['document-packages'],
      summary: 'Make a branch’s document package now, for a month (`month`) or a period (`from`, `to`)',
      description:
        'Answers 202 once the package is listed as running; it is made in the background (GET lists it as ready, with its file). 409 while another package is being made.',
      security,
      request: jsonBody(GenerateInput),
      responses: {
        202: {
          description: 'Started',
          content: {
            'application/json': { schema: z.object({ id: z.number().int(), status: z.literal('running') }) },
          },
        },
        400: err('Invalid input'),
        401: err('Not signed in'),
        403: err('Not allowed'),
        404: err('No such branch'),
        409: err('A package is being made'),
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorize(c.var.actor, documentPackagePolicies.generate, { branchId: input.branchId })
      const db = c.var.deps.database.db
      const [branch] = await db
        .select({ id: branches.id, name: branches.name, timezone: branches.timezone })
        .from(branches)
        .where(eq(branches.id, input.branchId))
        .limit(1)
      if (!branch) throw NotFoundError('errors.notFound.branch')
      const { from, to } = periodOf(input)
      const started = await startRun(jobContext(c.var.deps), packagesOnDemand([{ branch, from, to }]), {
        trigger: 'demand',
        actor,
        requestId: c.var.requestId,
        command: c.var.ctx,
      })
      if (!started) throw ConflictError('docPackage.error.running')
      void started.done.catch(() => {})
      return c.json({ id: (started.started as Opened)[0].id, status: 'running' as const }, 202)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/document-packages/{id}/file',
      tags: ['document-packages'],
      summary: 'Download a document package as ZIP (recorded in the audit trail)',
      security,
      request: { params: IdPath },
      responses: {
        200: { description: 'The ZIP', content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } } },
        401: err('Not signed in'),
        403: err('Not allowed'),
        404: err('No such package, or not ready'),
      },
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, documentPackagePolicies.download)
      const { row, data, sha256 } = await downloadPackage(c.var.ctx, actor, Number(c.req.valid('param').id))
      return c.body(new Uint8Array(data), 200, {
        'content-type': 'application/zip',
        'content-length': String(data.byteLength),
        'content-disposition': contentDisposition(row.fileName ?? `documents-${row.id}.zip`, 'attachment'),
        'x-content-type-options': 'nosniff',
        ...(sha256 ? { 'x-content-sha256': sha256 } : {}),
      })
    },
  )
