import { eq, sql } from 'drizzle-orm'
import { rooms } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { NotFoundError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { authorize } from '../../../policies/policy'
import { roomsPolicies } from '../policies'
import { presentRoom, type OpeningHoursValue } from '../presenters'
import { branchExists, type RoomRow } from '../queries'

export interface RoomFields {
  branchId: string
  name: string
  capacity: number
  hourlyCost?: number
  equipment?: string[]
  openingHours?: OpeningHoursValue | null
  bookable?: boolean
}

/** Adds a room to a branch (the caller has checked `rooms.manage` for that branch); 400 when the branch does not exist. */
export function createRoom(ctx: CommandContext, actor: Actor, input: RoomFields): Promise<RoomRow> {
  return runCommand(ctx, 'rooms.create', async (tx) => {
    if (!(await branchExists(tx, input.branchId))) throw ValidationError({ branchId: 'errors.field.noSuchBranch' })
    const [r] = await tx
      .insert(rooms)
      .values({
        ...input,
        hourlyCost: String(input.hourlyCost ?? 0),
        equipment: input.equipment ?? [],
        createdBy: actor.id,
        updatedBy: actor.id,
      })
      .returning()
    return {
      result: r,
      entity: 'room',
      entityId: r.id,
      after: presentRoom(r),
      events: [{ name: 'entity.changed', payload: { type: 'room', id: r.id, action: 'create', branchId: r.branchId } }],
    }
  })
}

/** Changes a room: `rooms.manage` is asked about its branch once it is loaded (404 when there is none). */
export function updateRoom(
  ctx: CommandContext,
  actor: Actor,
  id: string,
  input: Partial<Omit<RoomFields, 'branchId'>> & { archived?: boolean },
): Promise<RoomRow> {
  return runCommand(ctx, 'rooms.update', async (tx) => {
    const [before] = await tx.select().from(rooms).where(eq(rooms.id, id)).limit(1)
    if (!before) throw NotFoundError('errors.notFound.room')
    authorize(actor, roomsPolicies.manage, { branchId: before.branchId })
    const { hourlyCost, archived, ...rest } = input
    const [r] = await tx
      .update(rooms)
      .set({
        ...rest,
        ...(hourlyCost !== undefined ? { hourlyCost: String(hourlyCost) } : {}),
        // archiving keeps the day it was archived; archiving again changes nothing
        ...(archived === true && !before.archivedAt ? { archivedAt: sql`now()` } : {}),
        ...(archived === false ? { archivedAt: null } : {}),
        updatedAt: sql`now()`,
        updatedBy: actor.id,
      })
      .where(eq(rooms.id, id))
      .returning()
    return {
      result: r,
      entity: 'room',
      entityId: id,
      before: presentRoom(before),
      after: presentRoom(r),
      events: [{ name: 'entity.changed', payload: { type: 'room', id, action: 'update', branchId: r.branchId } }],
    }
  })
}
