import { z } from '@hono/zod-openapi'
import type { WallTokenRow } from './queries'

const Lesson = z.object({
  id: z.string(),
  roomId: z.string(),
  startsAt: z.string().openapi({ description: 'ISO time' }),
  endsAt: z.string(),
  status: z.string(),
  groupName: z.string().nullable(),
  activityName: z.string().nullable(),
  color: z.string().nullable(),
  present: z.number().int().openapi({ description: 'Children in the room so far (marked present or checked in)' }),
  expected: z.number().int().openapi({ description: 'The group’s members' }),
})

const Room = z.object({
  id: z.string(),
  name: z.string(),
  capacity: z.number().int(),
  lessons: z.array(Lesson).openapi({ description: 'Today’s lessons in the room that have not ended, by start (now, then next)' }),
})

const Totals = z.object({
  checkIns: z.number().int().openapi({ description: 'Visits today (check-ins and lessons written off; reversed ones not)' }),
  checkInsLastWeek: z.number().int().openapi({ description: 'The same weekday a week before, up to the same time' }),
  revenue: z.number().int().openapi({ description: 'Payments less refunds today, in minor units' }),
  revenueLastWeek: z.number().int(),
  perHour: z.array(z.number().int()).openapi({ description: 'Today’s visits per hour of the day (24 values, branch time)' }),
  perHourLastWeek: z.array(z.number().int()),
})

const Flag = z.object({
  id: z.string(),
  kind: z.string(),
  severity: z.string(),
  subject: z.string(),
  raisedAt: z.string(),
  messageId: z.string(),
  params: z.unknown(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  groupName: z.string().nullable(),
})

const Flags = z.object({
  items: z.array(Flag).openapi({ description: 'Open red flags, newest first' }),
  counts: z.record(z.string(), z.number().int()).openapi({ description: 'Open flags of each kind' }),
})

const Pass = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  groupName: z.string().nullable(),
  planName: z.string().nullable(),
  sessionsLeft: z.number().int().nullable(),
  validUntil: z.string(),
  status: z.enum(['used_up', 'expiring', 'running_out']),
  flagged: z.boolean(),
})

export const WallPartsSchema = z.object({ rooms: z.array(Room), totals: Totals, flags: Flags, runningOut: z.array(Pass) })

export const WallSnapshotSchema = WallPartsSchema.extend({
  branch: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  branches: z.array(z.object({ id: z.string(), name: z.string() })).openapi({ description: 'The branches this wall may show' }),
  currency: z.string(),
  today: z.string().openapi({ description: 'The branch’s local date' }),
  generatedAt: z.string(),
}).openapi('WallSnapshot', {
  description:
    'One branch’s live dashboard. Changes follow on Socket.IO, namespace `/wall`: `watch {branchId}` (ack: this snapshot), then `wall.update {branchId, generatedAt, parts}` with the parts a change touched, and `wall.signed_out` when the token is revoked or the session ends.',
})

export const WallTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    branchId: z.string().nullable().openapi({ description: 'null: every branch' }),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
  })
  .openapi('WallToken')

export function presentWallToken(t: WallTokenRow): z.infer<typeof WallTokenSchema> {
  return {
    id: t.id,
    name: t.name,
    branchId: t.branchId,
    createdAt: t.createdAt.toISOString(),
    createdBy: t.createdBy,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastSeenAt: t.lastSeenAt?.toISOString() ?? null,
  }
}
