import { createRoute, z } from '@hono/zod-openapi'
import { eq } from 'drizzle-orm'
import * as Y from 'yjs'
import type { Queryable } from '../../../db/client'
import { users } from '../../../db/schema/index'
import { isRealDateTime } from '../../../domain/calendar'
import { NotFoundError, ValidationError } from '../../errors'
import { createRouter, jsonBody, responses, security } from '../../http/openapi'
import { IsoDateTime, PageLimit, SerialId } from '../../http/values'
import { authorize, authorizeRole } from '../../policies/policy'
import { docsPolicies } from '../docs/index'
import { auditAreasOf, type AuditAreas } from './areas'
import { closeCheckpoint, countQueried, markChange, queriedMarks, summarize } from './commands'
import { findCheckpoint, listCheckpoints, presentItems, previousCheckpoint, withDocumentLabels } from './feed'
import { auditPolicies } from './policies'
import { readAuditLog, type AuditRow } from './queries'
import { docAsOf } from './time-travel'
import { readTrail, readTrailRow, readTrailRows, type Bound, type FeedFilter } from './window'

const q = (name: string) => ({ param: { name, in: 'query' as const } })

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const AuditQuery = z.object({
  since: IsoDateTime.optional().openapi(q('since')),
  actor: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ ...q('actor'), description: 'user id or login' }),
  entity: z.string().min(1).max(64).optional().openapi(q('entity')),
  entityId: z.string().min(1).max(200).optional().openapi(q('entityId')),
  limit: PageLimit(500, 50).openapi(q('limit')),
  cursor: SerialId('errors.field.invalidCursor').optional().openapi(q('cursor')),
})

export const AuditItem = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: z.object({ id: z.string(), login: z.string() }).nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditItem')

const presentAuditRow = ({ a, login }: AuditRow): z.infer<typeof AuditItem> => ({
  id: a.id,
  at: a.at.toISOString(),
  actor: a.actorId ? { id: a.actorId, login: login ?? '' } : null,
  action: a.action,
  entity: a.entity,
  entityId: a.entityId,
  before: a.before ?? null,
  after: a.after ?? null,
  requestId: a.requestId,
})

// ── the changes feed ──────────────────────────────────────────────────────────

const Bounds = {
  since: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .openapi({
      ...q('since'),
      description:
        'a checkpoint id (the changes after it), an ISO date-time (changes whose transaction started at or after it) or `start`; default: the last checkpoint (everything when there is none)',
    }),
  until: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .openapi({ ...q('until'), description: 'a checkpoint id (the changes before it) or an ISO date-time (before it)' }),
}

const FeedFilters = {
  ...Bounds,
  area: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .openapi({
      ...q('area'),
      description: 'an area the modules declare (clients, medical, timetable, money, access…) or `other`',
    }),
  actor: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ ...q('actor'), description: 'the author: user id or login' }),
  doc: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ ...q('doc'), description: 'a document name (its updates only)' }),
  kind: z.enum(['added', 'changed', 'removed', 'viewed']).optional().openapi(q('kind')),
  money: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ ...q('money'), description: 'only the commands that change money' }),
}

export const ChangesQuery = z.object({
  ...FeedFilters,
  cursor: SerialId('errors.field.invalidCursor').optional().openapi(q('cursor')),
  limit: PageLimit(500, 50).openapi(q('limit')),
})
export const ChangeQuery = z.object(FeedFilters)
export const SummaryQuery = z.object(Bounds)

const Who = z.object({ id: z.string(), login: z.string() })

export const AuditMarkSchema = z
  .object({
    status: z.enum(['verified', 'queried']),
    comment: z.string().nullable(),
    assignee: Who.nullable(),
    by: Who.nullable(),
    at: z.string(),
  })
  .openapi('AuditMark')

export const AuditChange = z
  .object({
    id: z
      .number()
      .openapi({ description: 'the change’s place in the trail (one order over commands, document updates and views)' }),
    at: z.string(),
    actor: Who.nullable(),
    area: z.string(),
    source: z.enum(['command', 'document', 'view']),
    action: z.string().nullable(),
    subject: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
    document: z
      .object({ name: z.string(), seq: z.number() })
      .nullable()
      .openapi({ description: 'for a document update: GET /api/docs/{name}/at?seq= (seq - 1: just before it)' }),
    changes: z.array(
      z.object({
        path: z.string(),
        before: z.unknown(),
        after: z.unknown(),
        kind: z.enum(['added', 'changed', 'removed', 'viewed']),
      }),
    ),
    hidden: z.boolean().openapi({ description: 'the reader may not see what changed (a medical file): no before or after' }),
    names: z.record(z.string(), z.string()).openapi({ description: 'names of the ids in the values (a teacher’s id → name)' }),
    mark: AuditMarkSchema.nullable(),
  })
  .openapi('AuditChange')

const WindowSchema = z.object({
  since: z.object({ checkpointId: z.number().nullable(), at: z.string().nullable() }).nullable(),
  until: z.object({ checkpointId: z.number().nullable(), at: z.string().nullable() }).nullable(),
})

const SummarySchema = z
  .object({
    total: z.number(),
    byArea: z.record(z.string(), z.number()),
    byActor: z.array(z.object({ id: z.string().nullable(), login: z.string().nullable(), count: z.number() })),
    topDocuments: z.array(z.object({ doc: z.string(), count: z.number(), label: z.string().nullable() })),
    queried: z.number(),
  })
  .openapi('AuditSummary')

export const CheckpointSchema = z
  .object({
    id: z.number(),
    closedAt: z.string(),
    closedBy: Who.nullable(),
    note: z.string().nullable(),
    summary: SummarySchema.openapi({ description: 'as it was when the audit was closed' }),
    queried: z.number().openapi({ description: 'how many of its changes are queried now (their latest mark)' }),
  })
  .openapi('AuditCheckpoint')

interface ResolvedBound {
  bound: Bound
  ref: { checkpointId: number | null; at: string | null } | null
}

/** `since` / `until`: a checkpoint id, an ISO date-time or `start`; anything else is a 400 naming the field. */
export async function resolveBound(db: Queryable, field: 'since' | 'until', value: string | undefined): Promise<ResolvedBound> {
  if (value === undefined) {
    if (field === 'until') return { bound: null, ref: null }
    const last = await previousCheckpoint(db)
    return last
      ? { bound: { cut: last.cut }, ref: { checkpointId: last.id, at: last.closedAt.toISOString() } }
      : { bound: null, ref: null }
  }
  if (field === 'since' && value === 'start') return { bound: null, ref: null }
  if (/^\d{1,16}$/.test(value)) {
    const cp = Number(value) >= 1 ? await findCheckpoint(db, Number(value)) : null
    if (!cp) throw ValidationError({ [field]: 'audit.error.unknownCheckpoint' })
    return { bound: { cut: cp.cut }, ref: { checkpointId: cp.id, at: cp.closedAt.toISOString() } }
  }
  if (isRealDateTime(value)) {
    const at = new Date(value)
    return { bound: { at }, ref: { checkpointId: null, at: at.toISOString() } }
  }
  throw ValidationError({ [field]: 'audit.error.badBound' })
}

async function resolveActor(db: Queryable, actor: string | undefined): Promise<string | undefined> {
  if (actor === undefined) return undefined
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(UUID.test(actor) ? eq(users.id, actor.toLowerCase()) : eq(users.login, actor.toLowerCase()))
    .limit(1)
  if (!u) throw ValidationError({ actor: 'audit.error.unknownUser' })
  return u.id
}

export async function feedFilter(
  db: Queryable,
  areas: AuditAreas,
  p: z.infer<typeof ChangeQuery>,
): Promise<{ filter: FeedFilter; window: z.infer<typeof WindowSchema> }> {
  if (p.area !== undefined && !areas.has(p.area)) throw ValidationError({ area: 'audit.error.unknownArea' })
  const since = await resolveBound(db, 'since', p.since)
  const until = await resolveBound(db, 'until', p.until)
  return {
    filter: {
      since: since.bound,
      until: until.bound,
      area: p.area,
      actorId: await resolveActor(db, p.actor),
      doc: p.doc,
      kind: p.kind,
      money: p.money === 'true',
    },
    window: { since: since.ref, until: until.ref },
  }
}

const IdPath = z.object({ id: SerialId().openapi({ param: { name: 'id', in: 'path' } }) })

const MarkBody = z.object({
  status: z.enum(['verified', 'queried']),
  comment: z.string().max(2000).nullable().optional(),
  assigneeId: z.string().uuid().toLowerCase().nullable().optional(),
})

const CloseBody = z.object({ note: z.string().max(2000).nullable().optional() })

const DocNameParam = z.object({
  docName: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'docName', in: 'path' }, description: 'type:key, e.g. timetable:<branchId>:2026-W10' }),
})

const QueriedItem = z.object({ markId: z.number(), change: AuditChange }).openapi('AuditQueried')

export const areasOf = (c: { var: { deps: { registry: { auditAreas: Parameters<typeof auditAreasOf>[0] } } } }) =>
  auditAreasOf(c.var.deps.registry.auditAreas)

export const auditRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/log',
      tags: ['audit'],
      summary: 'Commands, newest first, with cursor paging (owner, auditor)',
      security,
      request: { query: AuditQuery },
      responses: responses(200, z.object({ items: z.array(AuditItem), nextCursor: z.string().nullable() })),
    }),
    async (c) => {
      authorize(c.var.actor, auditPolicies.read)
      const { rows, more } = await readAuditLog(c.var.deps.database.db, c.req.valid('query'))
      const nextCursor = more ? String(rows[rows.length - 1].a.id) : null
      return c.json({ items: rows.map(presentAuditRow), nextCursor }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/checkpoints',
      tags: ['audit'],
      summary: 'Past audits (checkpoints), newest first: who closed each, when, its summary (owner, auditor)',
      security,
      request: {
        query: z.object({
          cursor: SerialId('errors.field.invalidCursor').optional().openapi(q('cursor')),
          limit: PageLimit(200, 50).openapi(q('limit')),
        }),
      },
      responses: responses(200, z.object({ items: z.array(CheckpointSchema), nextCursor: z.string().nullable() })),
    }),
    async (c) => {
      authorize(c.var.actor, auditPolicies.read)
      const p = c.req.valid('query')
      const db = c.var.deps.database.db
      const { rows, more } = await listCheckpoints(db, p.limit, p.cursor ? Number(p.cursor) : undefined)
      // how many of each audit's changes are queried now (marks come after the close)
      const queried = await Promise.all(
        rows.map(async (r, i) => {
          const prev = i + 1 < rows.length ? rows[i + 1] : await previousCheckpoint(db, r.id)
          return countQueried(db, prev ? { cut: prev.cut } : null, { cut: r.cut })
        }),
      )
      type Stored = Omit<z.infer<typeof SummarySchema>, 'topDocuments'> & { topDocuments: Array<{ doc: string; count: number }> }
      const summaries = await withDocumentLabels(
        db,
        areasOf(c),
        rows.map((r) => r.summary as Stored),
        c.var.locale,
      )
      return c.json(
        {
          items: rows.map((r, i) => ({
            id: r.id,
            closedAt: r.closedAt.toISOString(),
            closedBy: r.closedBy ? { id: r.closedBy, login: r.login ?? '' } : null,
            note: r.note,
            summary: summaries[i],
            queried: queried[i],
          })),
          nextCursor: more ? String(rows[rows.length - 1].id) : null,
        },
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/audit/checkpoints',
      tags: ['audit'],
      summary:
        'Close the current audit: a checkpoint where the trail stands; every change is on exactly one side of it, whatever is being written meanwhile (owner, auditor)',
      security,
      request: jsonBody(CloseBody),
      responses: responses(201, CheckpointSchema),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, auditPolicies.close)
      const body = c.req.valid('json')
      const areas = areasOf(c)
      const row = await closeCheckpoint(c.var.ctx, areas, { note: body.note ?? null })
      type Stored = Omit<z.infer<typeof SummarySchema>, 'topDocuments'> & { topDocuments: Array<{ doc: string; count: number }> }
      const [summary] = await withDocumentLabels(c.var.deps.database.db, areas, [row.summary as Stored], c.var.locale)
      return c.json(
        {
          id: row.id,
          closedAt: row.closedAt.toISOString(),
          closedBy: { id: actor.id, login: actor.login },
          note: row.note,
          summary,
          queried: summary.queried,
        },
        201,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/changes',
      tags: ['audit'],
      summary:
        'Every change in the window (commands, document updates with their described changes, views of medical data), oldest first, with cursor paging (owner, auditor)',
      security,
      request: { query: ChangesQuery },
      responses: responses(200, z.object({ items: z.array(AuditChange), cursor: z.string().nullable(), window: WindowSchema })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, auditPolicies.read)
      const p = c.req.valid('query')
      const db = c.var.deps.database.db
      const areas = areasOf(c)
      const { filter, window } = await feedFilter(db, areas, p)
      const rows = await readTrail(db, areas, filter, { dir: 'asc', from: p.cursor ? Number(p.cursor) : undefined }, p.limit + 1)
      const page = rows.slice(0, p.limit)
      const items = await presentItems(db, areas, page, actor, c.var.locale)
      const cursor = rows.length > p.limit ? String(page[page.length - 1].ts) : null
      return c.json({ items, cursor, window }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/changes/{id}',
      tags: ['audit'],
      summary: 'One change, with the previous and next change of the same window and filters (for stepping) (owner, auditor)',
      security,
      request: { params: IdPath, query: ChangeQuery },
      responses: responses(200, z.object({ item: AuditChange, prev: z.number().nullable(), next: z.number().nullable() })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, auditPolicies.read)
      const id = Number(c.req.valid('param').id)
      const db = c.var.deps.database.db
      const areas = areasOf(c)
      const { filter } = await feedFilter(db, areas, c.req.valid('query'))
      const row = await readTrailRow(db, id)
      if (!row) throw NotFoundError('audit.error.noSuchChange')
      const [prev] = await readTrail(db, areas, filter, { dir: 'desc', from: id }, 1)
      const [next] = await readTrail(db, areas, filter, { dir: 'asc', from: id }, 1)
      const [item] = await presentItems(db, areas, [row], actor, c.var.locale)
      return c.json({ item, prev: prev?.ts ?? null, next: next?.ts ?? null }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/audit/changes/{id}/mark',
      tags: ['audit'],
      summary: 'Mark a change verified or queried (a new mark supersedes the last; marks are never edited) (owner, auditor)',
      security,
      request: { params: IdPath, ...jsonBody(MarkBody) },
      responses: responses(200, z.object({ item: AuditChange })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, auditPolicies.mark)
      const id = Number(c.req.valid('param').id)
      const body = c.req.valid('json')
      await markChange(c.var.ctx, id, { status: body.status, comment: body.comment ?? null, assigneeId: body.assigneeId ?? null })
      const db = c.var.deps.database.db
      const row = await readTrailRow(db, id)
      if (!row) throw NotFoundError('audit.error.noSuchChange')
      const [item] = await presentItems(db, areasOf(c), [row], actor, c.var.locale)
      return c.json({ item }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/summary',
      tags: ['audit'],
      summary:
        'Counts of the window’s changes per area and per author, the documents most changed, how many are queried (owner, auditor)',
      security,
      request: { query: SummaryQuery },
      responses: responses(200, z.object({ summary: SummarySchema, window: WindowSchema })),
    }),
    async (c) => {
      authorize(c.var.actor, auditPolicies.read)
      const db = c.var.deps.database.db
      const p = c.req.valid('query')
      const since = await resolveBound(db, 'since', p.since)
      const until = await resolveBound(db, 'until', p.until)
      const areas = areasOf(c)
      const [summary] = await withDocumentLabels(db, areas, [await summarize(db, areas, since.bound, until.bound)], c.var.locale)
      return c.json({ summary, window: { since: since.ref, until: until.ref } }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/queried',
      tags: ['audit'],
      summary: 'The follow-up list: changes whose latest mark is "queried", newest first (owner, auditor)',
      security,
      request: {
        query: z.object({
          assignee: z.string().uuid().toLowerCase().optional().openapi(q('assignee')),
          cursor: SerialId('errors.field.invalidCursor').optional().openapi(q('cursor')),
          limit: PageLimit(200, 50).openapi(q('limit')),
        }),
      },
      responses: responses(200, z.object({ items: z.array(QueriedItem), nextCursor: z.string().nullable() })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, auditPolicies.read)
      const p = c.req.valid('query')
      return c.json(
        await queriedPage(c.var.deps.database.db, areasOf(c), actor, c.var.locale, { ...p, assigneeId: p.assignee }),
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/workspace/audit-queries',
      tags: ['audit'],
      summary: 'The queried changes assigned to the signed-in user, newest first (anyone: their own)',
      security,
      request: {
        query: z.object({
          cursor: SerialId('errors.field.invalidCursor').optional().openapi(q('cursor')),
          limit: PageLimit(200, 50).openapi(q('limit')),
        }),
      },
      responses: responses(200, z.object({ items: z.array(QueriedItem), nextCursor: z.string().nullable() })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, auditPolicies.readAssigned)
      const p = c.req.valid('query')
      return c.json(
        await queriedPage(c.var.deps.database.db, areasOf(c), actor, c.var.locale, { ...p, assigneeId: actor.id }),
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/docs/{docName}/at',
      tags: ['documents'],
      summary:
        'A live document as it was at a moment (read-only JSON): its latest snapshot at or before then and the updates up to then (anyone who may open it; a medical file’s view is logged)',
      security,
      request: {
        params: DocNameParam,
        query: z
          .object({
            time: IsoDateTime.optional().openapi({ ...q('time'), description: 'the moment (ISO date-time)' }),
            seq: z.coerce
              .number()
              .int()
              .min(0)
              .max(Number.MAX_SAFE_INTEGER)
              .optional()
              .openapi({
                ...q('seq'),
                description: 'or: just after this update (an audit item’s document.seq; seq - 1 is just before it)',
              }),
          })
          .superRefine((v, ctx) => {
            if ((v.time === undefined) === (v.seq === undefined))
              ctx.addIssue({ code: 'custom', path: ['time'], message: 'audit.error.timeOrSeq' })
          }),
      },
      responses: responses(
        200,
        z.object({
          doc: z.string(),
          time: z.string().nullable(),
          seq: z.number(),
          at: z.string().nullable(),
          state: z.unknown(),
        }),
      ),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, docsPolicies.readHistory)
      const { docName } = c.req.valid('param')
      const query = c.req.valid('query')
      const as: { time: Date } | { seq: number } =
        query.time !== undefined ? { time: new Date(query.time) } : { seq: query.seq ?? 0 }
      const { docTypes } = c.var.deps.registry
      const resolved = docTypes.resolve(docName)
      if (!resolved.ok) throw NotFoundError('errors.notFound.document')
      authorize(actor, docsPolicies.readHistory, { docTypes, doc: resolved.doc })
      const db = c.var.deps.database.db
      if (await resolved.doc.def.missing?.({ db, key: resolved.doc.key })) throw NotFoundError('errors.notFound.document')
      // reading a document as it was is opening it: the same check and the same record
      const refusal = await resolved.doc.def.onOpen?.({ db, actor, key: resolved.doc.key, name: resolved.doc.name })
      if (refusal) throw NotFoundError('errors.notFound.document')
      const ydoc = new Y.Doc()
      try {
        resolved.doc.def.init(ydoc)
        const r = await docAsOf(db, ydoc, resolved.doc.name, as)
        return c.json(
          {
            doc: resolved.doc.name,
            time: 'time' in as ? as.time.toISOString() : null,
            seq: r.seq,
            at: r.at?.toISOString() ?? null,
            state: ydoc.toJSON(),
          },
          200,
        )
      } finally {
        ydoc.destroy()
      }
    },
  )

async function queriedPage(
  db: Queryable,
  areas: AuditAreas,
  actor: Parameters<typeof presentItems>[3],
  locale: Parameters<typeof presentItems>[4],
  p: { assigneeId?: string; cursor?: string; limit: number },
) {
  const { page, more } = await queriedMarks(db, {
    assigneeId: p.assigneeId,
    limit: p.limit,
    cursor: p.cursor ? Number(p.cursor) : undefined,
  })
  const rows = await readTrailRows(
    db,
    page.map((m) => m.ts),
  )
  const items = await presentItems(db, areas, rows, actor, locale)
  const byTs = new Map(items.map((i) => [i.id, i]))
  return {
    items: page.flatMap((m) => {
      const change = byTs.get(m.ts)
      return change ? [{ markId: m.markId, change }] : []
    }),
    nextCursor: more ? String(page[page.length - 1].markId) : null,
  }
}
