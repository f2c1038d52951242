import { z } from '@hono/zod-openapi'
import type { branches, rooms } from '../../../db/schema/index'
import { IsoTime } from '../../http/values'

export const OpeningHours = z.partialRecord(
  z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  z.tuple([IsoTime, IsoTime]),
)
/** A room's opening hours per weekday (`{ mon: ['08:00', '21:00'] }`). */
export type OpeningHoursValue = z.infer<typeof OpeningHours>

export const BranchSchema = z
  .object({ id: z.string().uuid(), name: z.string(), address: z.string(), phone: z.string().nullable(), timezone: z.string() })
  .openapi('Branch')

export const RoomSchema = z
  .object({
    id: z.string().uuid(),
    branchId: z.string().uuid(),
    name: z.string(),
    capacity: z.number().int(),
    hourlyCost: z.string(),
    equipment: z.array(z.string()),
    openingHours: OpeningHours.nullable(),
    bookable: z.boolean(),
    archived: z.boolean(),
  })
  .openapi('Room')

export const presentBranch = (b: typeof branches.$inferSelect) => ({
  id: b.id,
  name: b.name,
  address: b.address,
  phone: b.phone,
  timezone: b.timezone,
})

export const presentRoom = (r: typeof rooms.$inferSelect) => ({
  id: r.id,
  branchId: r.branchId,
  name: r.name,
  capacity: r.capacity,
  hourlyCost: r.hourlyCost,
  equipment: r.equipment,
  openingHours: (r.openingHours ?? null) as OpeningHoursValue | null,
  bookable: r.bookable,
  archived: r.archivedAt !== null,
})
