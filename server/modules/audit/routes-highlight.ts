import { createRoute, z } from '@hono/zod-openapi'
import { and, sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import { AuthorizationError, NotFoundError, ValidationError } from '../../errors'
import { createRouter, responses, security } from '../../http/openapi'
import { authorize, authorizeRole } from '../../policies/policy'
import { docsPolicies } from '../docs/index'
import { auditAreasOf } from './areas'
import { previousCheckpoint } from './feed'
import { auditPolicies } from './policies'
import { windowRanges, type Bound } from './window'

/**
 * "Highlight since audit" (issue #16): which paths of one live document changed after the last
 * checkpoint, each with its newest change's kind, time and author, for the timetable and the client
 * file to outline. The window is the feed's own (`windowRanges` of the checkpoint's cut).
 */

const Who = z.object({ id: z.string(), login: z.string() })

export const SinceAuditSchema = z
  .object({
    checkpoint: z
      .object({ id: z.number(), closedAt: z.string(), closedBy: Who.nullable() })
      .nullable()
      .openapi({ description: 'the last audit closed; null: none yet (every change of the document counts)' }),
    changes: z.array(
      z.object({
        path: z.string().openapi({ example: 'lessons.<lessonId>.teacherId' }),
        kind: z.enum(['added', 'changed', 'removed']),
        at: z.string(),
        actor: Who.nullable(),
      }),
    ),
  })
  .openapi('DocSinceAudit')

const DocNameParam = z.object({
  docName: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'docName', in: 'path' }, description: 'type:key, e.g. timetable:<branchId>:2026-W10' }),
})

const KIND: Record<string, 'added' | 'changed' | 'removed'> = {
  add: 'added',
  insert: 'added',
  update: 'changed',
  delete: 'removed',
  remove: 'removed',
}

export interface PathChange {
  path: string
  kind: 'added' | 'changed' | 'removed'
  at: Date
  actor: { id: string; login: string } | null
}

/**
 * The newest change of every path of a document after `since` (a checkpoint's cut; null: all of its
 * history). Each of the window's index ranges is scanned for this document alone (`doc = … and
 * trail_seq > …`, and the checkpoint's few in-flight rows by `xid`), then each update's described
 * changes are expanded and the newest per path kept.
 */
export async function changedPaths(db: Queryable, doc: string, since: Bound): Promise<PathChange[]> {
  const parts: SQL[] = windowRanges(since, null).map(
    (range) =>
      sql`(select t.trail_seq, t.at, t.user_id, t.changes from doc_updates t where ${and(sql`t.doc = ${doc}`, ...range)})`,
  )
  type Row = { path: string; kind: string; at: Date | string; user_id: string | null; login: string | null }
  const rows = await queryRows<Row>(
    db,
    sql`select distinct on (c.value->>'path') c.value->>'path' as path, c.value->>'kind' as kind, u.at, u.user_id::text as user_id, us.login
        from (${sql.join(parts, sql` union all `)}) u
        cross join lateral jsonb_array_elements(case when jsonb_typeof(u.changes) = 'array' then u.changes else '[]'::jsonb end)
          with ordinality as c(value, n)
        left join users us on us.id = u.user_id
        where c.value->>'path' is not null
        order by c.value->>'path', u.trail_seq desc, c.n desc`,
  )
  return rows.map((r) => ({
    path: r.path,
    kind: KIND[r.kind] ?? 'changed',
    at: r.at instanceof Date ? r.at : new Date(r.at),
    actor: r.user_id ? { id: r.user_id, login: r.login ?? '' } : null,
  }))
}

export const auditHighlightRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/docs/{docName}/since-audit',
    tags: ['documents'],
    summary:
      'What changed in a live document since the last audit closed (every path, its newest change and author), for "Highlight since audit" (owner, auditor, who may also read the document; never a medical file)',
    security,
    request: { params: DocNameParam },
    responses: responses(200, SinceAuditSchema),
  }),
  async (c) => {
    const actor = authorize(c.var.actor, auditPolicies.read)
    authorizeRole(actor, docsPolicies.readHistory)
    const { docName } = c.req.valid('param')
    const { docTypes } = c.var.deps.registry
    const resolved = docTypes.resolve(docName)
    if (!resolved.ok) throw ValidationError({ docName: resolved.reason })
    authorize(actor, docsPolicies.readHistory, { docTypes, doc: resolved.doc })
    // a document whose content the audit shows only to some (a medical file: its rule, asked of
    // someone with no role, refuses) is never outlined, whoever asks
    const areas = auditAreasOf(c.var.deps.registry.auditAreas)
    const area = areas.docArea(resolved.doc.def.type)
    if (!areas.contentVisible(area, { ...actor, roles: [] })) throw AuthorizationError('audit.highlight.error.restricted')
    const db = c.var.deps.database.db
    if (await resolved.doc.def.missing?.({ db, key: resolved.doc.key })) throw NotFoundError('errors.notFound.document')
    // reading what changed is reading the history: the same refusals (an erased client's file)
    const refusal = await resolved.doc.def.onOpen?.({ db, actor, key: resolved.doc.key, name: resolved.doc.name })
    if (refusal) throw NotFoundError('errors.notFound.document')
    const last = await previousCheckpoint(db)
    const changes = await changedPaths(db, resolved.doc.name, last ? { cut: last.cut } : null)
    let closedBy: { id: string; login: string } | null = null
    if (last?.closedBy) {
      const [u] = await queryRows<{ login: string }>(db, sql`select login from users where id = ${last.closedBy}::uuid`)
      closedBy = { id: last.closedBy, login: u?.login ?? '' }
    }
    return c.json(
      {
        checkpoint: last ? { id: last.id, closedAt: last.closedAt.toISOString(), closedBy } : null,
        changes: changes.map((ch) => ({ ...ch, at: ch.at.toISOString() })),
      },
      200,
    )
  },
)
