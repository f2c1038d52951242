import { z } from '@hono/zod-openapi'
import { createRouter } from '../../http/openapi'
import { dateSpan, IsoDate, Uuid } from '../../http/values'
import { OCCUPANCY_PARTS, occupancyTable } from './occupancy-tables'
import { occupancyReport } from './queries/occupancy'
import { queryParam as q, report, scope } from './report-route'
const Filters = {
  from: q(IsoDate, 'from'),
  to: q(IsoDate, 'to'),
  branchId: q(Uuid.optional(), 'branchId'),
  roomId: q(Uuid.optional(), 'roomId'),
  activityId: q(Uuid.optional(), 'activityId'),
  teacherId: q(Uuid.optional(), 'teacherId'),
}
const OccupancyQuery = z.object(Filters).superRefine(dateSpan('from', 'to', 731))
const OccupancyCsvQuery = z
  .object({ ...Filters, part: q(z.enum(OCCUPANCY_PARTS).optional(), 'part') })
  .superRefine(dateSpan('from', 'to', 731))

const int = z.number().int()
const rate = int.nullable()
const OccupancySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
    hours: z.array(
      z.object({
        weekday: int,
        hour: int,
        openMinutes: int,
        bookedMinutes: int,
        fillBp: rate,
        placeMinutes: int,
        takenMinutes: int,
        attendanceBp: rate,
      }),
    ),
    rooms: z.array(
      z.object({
        roomId: z.string(),
        name: z.string(),
        branchId: z.string(),
        branch: z.string(),
        capacity: int,
        openMinutes: int,
        bookedMinutes: int,
        fillBp: rate,
        lessons: int,
        attendanceBp: rate,
      }),
    ),
    groups: z.array(
      z.object({
        groupId: z.string(),
        name: z.string(),
        branch: z.string(),
        activity: z.string(),
        teacherId: z.string(),
        teacher: z.string(),
        room: z.string(),
        capacity: int,
        members: int,
        membersBp: rate,
        lessonsHeld: int,
        attendees: int,
        averageAttendance: z.number().nullable(),
        attendanceBp: rate,
        waiting: int,
      }),
    ),
    waiting: z.array(
      z.object({
        activityId: z.string(),
        activity: z.string(),
        groups: int,
        capacity: int,
        members: int,
        freePlaces: int,
        waiting: int,
        waitingPerFreePlace: z.number().nullable(),
        oldestWaitDays: int.nullable(),
      }),
    ),
    totals: z.object({
      openMinutes: int,
      bookedMinutes: int,
      fillBp: rate,
      placeMinutes: int,
      takenMinutes: int,
      attendanceBp: rate,
    }),
  })
  .openapi('OccupancyReport')

/**
 * The occupancy report (issue #20): `/reports/occupancy` (JSON), `.csv?part=hours|rooms|groups|waiting`
 * (one table) and `.xlsx` (a sheet per table), in the reader's language, for a period, a branch
 * (else every branch of the reader's), and optionally a room, an activity and a teacher.
 */
export const occupancyRoutes = createRouter()

report(
  occupancyRoutes,
  'occupancy',
  'Occupancy: room fill by hour of the week (booked lesson-minutes of open room-minutes, attendees of capacity), rooms, groups (members and attendance of capacity) and waiting-list pressure per activity',
  OccupancyQuery,
  OccupancySchema,
  async (c, qs, currency) => {
    const data = await occupancyReport(c.var.deps.database.db, {
      branchIds: scope(c.var.actor, qs.branchId),
      from: String(qs.from),
      to: String(qs.to),
      roomId: qs.roomId,
      activityId: qs.activityId,
      teacherId: qs.teacherId,
    })
    const part = (qs.part ?? 'rooms') as (typeof OCCUPANCY_PARTS)[number]
    const file = `occupancy-${qs.from}-${qs.to}`
    return {
      data,
      table: (l) => occupancyTable(data, part, l, currency),
      sheets: (l) => OCCUPANCY_PARTS.map((p) => occupancyTable(data, p, l, currency)),
      file,
      csvFile: `occupancy-${part}-${qs.from}-${qs.to}`,
    }
  },
  OccupancyCsvQuery,
)
