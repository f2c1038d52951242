import { and, eq, sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import { auditCheckpoints, auditMarks, users } from '../../../db/schema/index'
import { NotFoundError, ValidationError } from '../../errors'
import { runCommand, type CommandContext } from '../../http/command'
import type { AuditAreas } from './areas'
import { previousCheckpoint } from './feed'
import { countWindow, readTrailRow, takeCut, windowRanges, type Bound, type Cut } from './window'

export interface WindowSummary {
  total: number
  byArea: Record<string, number>
  byActor: Array<{ id: string | null; login: string | null; count: number }>
  topDocuments: Array<{ doc: string; count: number }>
  queried: number
}

/** How many changes of the window are queried (their latest mark): the few queried marks, each looked up in its table. */
export async function countQueried(db: Queryable, since: Bound, until: Bound): Promise<number> {
  const parts: SQL[] = []
  for (const table of [sql`audit_log`, sql`doc_updates`, sql`medical_views`])
    for (const range of windowRanges(since, until))
      parts.push(
        sql`(select t.trail_seq from queried q join ${table} t on t.trail_seq = q.trail_seq where ${and(...range) ?? sql`true`})`,
      )
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`with queried as (
          select trail_seq from (
            select distinct on (trail_seq) trail_seq, status from audit_marks order by trail_seq, id desc
          ) m where m.status = 'queried')
        select count(*)::int as n from (${sql.join(parts, sql` union all `)}) x`,
  )
  return Number(r?.n ?? 0)
}

/** Counts per area and per author, the documents most changed, the queried count. */
export async function summarize(db: Queryable, areas: AuditAreas, since: Bound, until: Bound): Promise<WindowSummary> {
  const counts = await countWindow(db, areas, { since, until })
  const actorIds = [...counts.byActor.keys()].filter((k) => k !== '')
  const logins = new Map<string, string>()
  if (actorIds.length) {
    const rows = await db
      .select({ id: users.id, login: users.login })
      .from(users)
      .where(
        sql`${users.id} in (${sql.join(
          actorIds.map((i) => sql`${i}::uuid`),
          sql`, `,
        )})`,
      )
    for (const r of rows) logins.set(r.id, r.login)
  }
  return {
    total: counts.total,
    byArea: Object.fromEntries([...counts.byArea].sort((a, b) => b[1] - a[1])),
    byActor: [...counts.byActor]
      .sort((a, b) => b[1] - a[1])
      .map(([id, count]) => ({ id: id || null, login: id ? (logins.get(id) ?? '') : null, count })),
    topDocuments: [...counts.byDoc]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([doc, count]) => ({ doc, count })),
    queried: await countQueried(db, since, until),
  }
}

/**
 * Closes the current audit: a checkpoint cutting the trail where it stands (window.ts: every change
 * ends up on exactly one side, whatever is being written meanwhile), with who closed it and a summary
 * of the changes since the previous one. The cut is taken first, before this transaction writes.
 */
export async function closeCheckpoint(ctx: CommandContext, areas: AuditAreas, input: { note?: string | null }) {
  return runCommand(ctx, 'audit.checkpoint', async (tx) => {
    const cut: Cut = await takeCut(tx)
    const prev = await previousCheckpoint(tx)
    const summary = await summarize(tx, areas, prev ? { cut: prev.cut } : null, { cut })
    const [row] = await tx
      .insert(auditCheckpoints)
      .values({
        closedBy: ctx.actor?.id ?? null,
        note: input.note ?? null,
        snap: cut.snap,
        trailMax: cut.trailMax,
        xidHi: cut.xidHi,
        summary,
      })
      .returning()
    return {
      result: row,
      entity: 'audit_checkpoint',
      entityId: String(row.id),
      after: { note: row.note, previous: prev?.id ?? null, total: summary.total, queried: summary.queried },
    }
  })
}

export interface MarkInput {
  status: 'verified' | 'queried'
  comment?: string | null
  assigneeId?: string | null
}

/** Marks one change verified or queried: a new row (the latest mark is the one shown). */
export async function markChange(ctx: CommandContext, ts: number, input: MarkInput) {
  if (input.assigneeId) {
    const [u] = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.assigneeId), eq(users.active, true)))
      .limit(1)
    if (!u) throw ValidationError({ assigneeId: 'audit.error.unknownUser' })
  }
  const change = await readTrailRow(ctx.db, ts)
  if (!change) throw NotFoundError('audit.error.noSuchChange')
  return runCommand(ctx, 'audit.mark', async (tx) => {
    const [row] = await tx
      .insert(auditMarks)
      .values({
        trailSeq: ts,
        status: input.status,
        comment: input.comment ?? null,
        assigneeId: input.assigneeId ?? null,
        by: ctx.actor?.id ?? null,
      })
      .returning()
    return {
      result: row,
      entity: 'audit_mark',
      entityId: String(ts),
      after: { status: row.status, comment: row.comment, assigneeId: row.assigneeId },
    }
  })
}

/** The follow-up list: changes whose latest mark is "queried" (only those assigned to `assigneeId` when given), newest mark first. */
export async function queriedMarks(db: Queryable, opts: { assigneeId?: string; limit: number; cursor?: number }) {
  const rows = await queryRows<{ id: string; ts: string }>(
    db,
    sql`select m.id, m.trail_seq as ts from audit_marks m
        where m.status = 'queried'
          ${opts.assigneeId ? sql`and m.assignee_id = ${opts.assigneeId}::uuid` : sql``}
          ${opts.cursor !== undefined ? sql`and m.id < ${opts.cursor}` : sql``}
          and not exists (select 1 from audit_marks n where n.trail_seq = m.trail_seq and n.id > m.id)
        order by m.id desc limit ${opts.limit + 1}`,
  )
  const page = rows.slice(0, opts.limit).map((r) => ({ markId: Number(r.id), ts: Number(r.ts) }))
  return { page, more: rows.length > opts.limit }
}
