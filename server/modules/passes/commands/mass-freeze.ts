import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import { addDays } from '../../../../domain/docs/timetable-week'
import type { Actor } from '../../../../domain/roles'
import type { CommandEvent } from '../../../contracts/hooks'
import { ConflictError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { reviewPassAlerts } from '../pass-alerts'
import { daysBetween, lastedDays } from './freeze'
import { passChanged } from './write-off'

/**
 * A mass freeze (`POST /api/freezes`): the center closes a group or a whole branch for some days
 * (holidays, repairs) and every valid pass there is frozen for those days in one transaction with
 * one audit row naming how many. It is the center's closure, not the client's request: the plan's
 * freeze limits (days, times) do not apply and its days do not count against them. Which passes:
 * - `group`: the passes covering the group's activity of its current members;
 * - `branch`: the passes sold in the branch;
 * in both, those not ended, with a session left (or unlimited), valid on some day of the closure,
 * and not already frozen on one of its days (they are left as they are). Undo
 * (`POST /api/freezes/{id}/undo`) takes each of its freezes back exactly: the last day moves back
 * by the days that freeze added (less, when it was resumed early), and the batch is marked undone.
 */

export interface MassFreezeInput {
  scope: 'group' | 'branch'
  groupId?: string
  branchId: string
  from: string
  to: string
  reason?: string
}

export interface MassFreezeResult {
  id: string
  scope: 'group' | 'branch'
  groupId: string | null
  branchId: string
  from: string
  to: string
  days: number
  passes: number
  undone: boolean
}

export async function massFreeze(
  ctx: CommandContext,
  actor: Actor,
  input: MassFreezeInput & { activityId: string | null },
): Promise<MassFreezeResult> {
  const days = daysBetween(input.from, input.to) + 1
  const end = addDays(input.from, days)
  return runCommand(ctx, 'passes.massFreeze', async (tx) => {
    const scope =
      input.scope === 'group'
        ? sql`p.activity_ids @> array[${input.activityId}::uuid] and p.client_id in
            (select m.client_id from group_members m where m.group_id = ${input.groupId}::uuid and m.left_at is null)`
        : sql`p.branch_id = ${input.branchId}::uuid`
    const passes = await queryRows<{ id: string; branch_id: string }>(
      tx,
      sql`select p.id, p.branch_id from passes p
          where ${scope} and p.ended_at is null and (p.sessions_total is null or p.sessions_used < p.sessions_total)
            and p.starts_on <= ${input.to}::date and p.valid_until >= ${input.from}::date
            and not exists (select 1 from pass_freezes f where f.pass_id = p.id and f.undone_at is null
              and f.from_on < ${end}::date and ${input.from}::date < coalesce(f.resumed_on, f.from_on + f.days))
          order by p.id
          for update of p`,
    )
    const [batch] = await queryRows<{ id: string }>(
      tx,
      sql`insert into freeze_batches (scope, group_id, branch_id, from_on, to_on, reason, passes, by)
          values (${input.scope}, ${input.groupId ?? null}::uuid, ${input.branchId}::uuid, ${input.from}::date, ${input.to}::date,
            ${input.reason ?? null}, ${passes.length}, ${actor.id}::uuid) returning id`,
    )
    if (passes.length) {
      const ids = sql.join(
        passes.map((p) => sql`${p.id}::uuid`),
        sql`, `,
      )
      await tx.execute(sql`insert into pass_freezes (pass_id, batch_id, from_on, days, reason, by)
          select id, ${batch.id}::uuid, ${input.from}::date, ${days}, ${input.reason ?? null}, ${actor.id}::uuid
          from passes where id in (${ids})`)
      await tx.execute(sql`update passes set valid_until = valid_until + ${days}::int where id in (${ids})`)
    }
    const events: CommandEvent[] = [
      ...(await reviewPassAlerts(
        tx,
        passes.map((p) => p.id),
        actor.id,
      )),
      ...passes.map((p) => passChanged(p.id, 'frozen', p.branch_id)),
      { name: 'entity.changed', payload: { type: 'freeze', id: batch.id, action: 'created', branchId: input.branchId } },
    ]
    const result: MassFreezeResult = {
      id: batch.id,
      scope: input.scope,
      groupId: input.groupId ?? null,
      branchId: input.branchId,
      from: input.from,
      to: input.to,
      days,
      passes: passes.length,
      undone: false,
    }
    return { result, entity: 'freeze_batch', entityId: batch.id, after: { ...result, reason: input.reason ?? null }, events }
  })
}

export interface BatchRow {
  id: string
  scope: 'group' | 'branch'
  group_id: string | null
  branch_id: string
  from_on: string
  to_on: string
  passes: number
  undone: boolean
}

export async function findBatch(db: Queryable, id: string, lock = false): Promise<BatchRow | null> {
  const [row] = await queryRows<BatchRow>(
    db,
    sql`select id, scope, group_id, branch_id, to_char(from_on, 'YYYY-MM-DD') as from_on, to_char(to_on, 'YYYY-MM-DD') as to_on,
          passes, undone_at is not null as undone
        from freeze_batches where id = ${id}::uuid ${lock ? sql`for update` : sql``}`,
  )
  return row ?? null
}

export const presentBatch = (b: BatchRow, passes = b.passes): MassFreezeResult => ({
  id: b.id,
  scope: b.scope,
  groupId: b.group_id,
  branchId: b.branch_id,
  from: b.from_on,
  to: b.to_on,
  days: daysBetween(b.from_on, b.to_on) + 1,
  passes,
  undone: b.undone,
})

export async function undoMassFreeze(ctx: CommandContext, actor: Actor, batchId: string): Promise<MassFreezeResult> {
  return runCommand(ctx, 'passes.massFreeze.undo', async (tx) => {
    const batch = await findBatch(tx, batchId, true)
    if (!batch) throw ConflictError('errors.visits.batchNotFound')
    if (batch.undone) throw ConflictError('errors.visits.batchUndone')
    const freezes = await queryRows<{
      id: string | number
      pass_id: string
      branch_id: string
      from_on: string
      days: number
      resumed_on: string | null
    }>(
      tx,
      sql`select f.id, f.pass_id, p.branch_id, to_char(f.from_on, 'YYYY-MM-DD') as from_on, f.days,
            to_char(f.resumed_on, 'YYYY-MM-DD') as resumed_on
          from pass_freezes f join passes p on p.id = f.pass_id
          where f.batch_id = ${batchId}::uuid and f.undone_at is null
          order by f.pass_id
          for update of f, p`,
    )
    for (const f of freezes)
      await tx.execute(sql`update passes set valid_until = valid_until - ${lastedDays(f)}::int where id = ${f.pass_id}::uuid`)
    await tx.execute(
      sql`update pass_freezes set undone_at = now(), undone_by = ${actor.id}::uuid where batch_id = ${batchId}::uuid and undone_at is null`,
    )
    await tx.execute(sql`update freeze_batches set undone_at = now(), undone_by = ${actor.id}::uuid where id = ${batchId}::uuid`)
    const passIds = freezes.map((f) => f.pass_id)
    const events: CommandEvent[] = [
      ...(await reviewPassAlerts(tx, passIds, actor.id)),
      ...freezes.map((f) => passChanged(f.pass_id, 'resumed', f.branch_id)),
      { name: 'entity.changed', payload: { type: 'freeze', id: batchId, action: 'undone', branchId: batch.branch_id } },
    ]
    const result = presentBatch({ ...batch, undone: true }, freezes.length)
    return { result, entity: 'freeze_batch', entityId: batchId, before: { undone: false }, after: result, events }
  })
}
