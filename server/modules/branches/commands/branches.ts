import { eq, sql } from 'drizzle-orm'
import { branches } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, NotFoundError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { presentBranch } from '../presenters'
import type { BranchRow } from '../queries'

export interface BranchFields {
  name: string
  address: string
  phone?: string | null
  timezone?: string
}

/** Opens a branch (409 when the name is taken). */
export function createBranch(ctx: CommandContext, actor: Actor, input: BranchFields): Promise<BranchRow> {
  return runCommand(ctx, 'branches.create', async (tx) => {
    const [dup] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.name, input.name)).limit(1)
    if (dup) throw ConflictError('errors.branches.nameTaken', { name: 'errors.branches.nameTaken' })
    const [b] = await tx
      .insert(branches)
      .values({ ...input, phone: input.phone ?? null, createdBy: actor.id, updatedBy: actor.id })
      .returning()
    return {
      result: b,
      entity: 'branch',
      entityId: b.id,
      after: presentBranch(b),
      events: [{ name: 'entity.changed', payload: { type: 'branch', id: b.id, action: 'create' } }],
    }
  })
}

/** Changes a branch (404 when there is none). */
export function updateBranch(ctx: CommandContext, actor: Actor, id: string, input: Partial<BranchFields>): Promise<BranchRow> {
  return runCommand(ctx, 'branches.update', async (tx) => {
    const [before] = await tx.select().from(branches).where(eq(branches.id, id)).limit(1)
    if (!before) throw NotFoundError('errors.notFound.branch')
    const [b] = await tx
      .update(branches)
      .set({ ...input, updatedAt: sql`now()`, updatedBy: actor.id })
      .where(eq(branches.id, id))
      .returning()
    return {
      result: b,
      entity: 'branch',
      entityId: id,
      before: presentBranch(before),
      after: presentBranch(b),
      events: [{ name: 'entity.changed', payload: { type: 'branch', id, action: 'update' } }],
    }
  })
}
