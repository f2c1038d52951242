import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from '../../http/context'
import { createRouter, responses, security } from '../../http/openapi'
import { dateSpan, IsoDate, Uuid } from '../../http/values'
import { centerSettingsOf } from '../center/index'
import { tableCsv, tableXlsx } from './export'
import { OCCUPANCY_PARTS, occupancyTable } from './occupancy-tables'
import { occupancyReport } from './queries/occupancy'
import { scope } from './routes'

const q = <T extends z.ZodType>(schema: T, name: string) => schema.openapi({ param: { name, in: 'query' } })
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

type Ctx = Context<AppEnv>
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const SUMMARY =
  'Occupancy: room fill by hour of the week (booked lesson-minutes of open room-minutes, attendees of capacity), rooms, groups (members and attendance of capacity) and waiting-list pressure per activity'

async function build(c: Ctx) {
  const qs: Record<string, string | undefined> = c.req.valid('query' as never)
  const branchIds = scope(c.var.actor, qs.branchId)
  const db = c.var.deps.database.db
  const [{ currency }, data] = await Promise.all([
    centerSettingsOf(db),
    occupancyReport(db, {
      branchIds,
      from: String(qs.from),
      to: String(qs.to),
      roomId: qs.roomId,
      activityId: qs.activityId,
      teacherId: qs.teacherId,
    }),
  ])
  return { data, currency, file: `occupancy-${qs.from}-${qs.to}`, part: (qs.part ?? 'rooms') as (typeof OCCUPANCY_PARTS)[number] }
}

/**
 * The occupancy report (issue #20): `/reports/occupancy` (JSON), `.csv?part=hours|rooms|groups|waiting`
 * (one table) and `.xlsx` (a sheet per table), in the reader's language, for a period, a branch
 * (else every branch of the reader's), and optionally a room, an activity and a teacher.
 */
export const occupancyRoutes = createRouter()
const base = { method: 'get' as const, tags: ['reports'], security }

occupancyRoutes.openapi(
  createRoute({
    ...base,
    path: '/reports/occupancy',
    summary: SUMMARY,
    request: { query: OccupancyQuery },
    responses: responses(200, OccupancySchema),
  }),
  async (c) => c.json((await build(c)).data, 200),
)

occupancyRoutes.openapi(
  createRoute({
    ...base,
    path: '/reports/occupancy.csv',
    summary: `${SUMMARY} (one table as CSV, in the reader’s language)`,
    request: { query: OccupancyCsvQuery },
    responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
  }),
  async (c) => {
    const r = await build(c)
    return c.body(tableCsv(occupancyTable(r.data, r.part, c.var.locale, r.currency)), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${r.file.replace('occupancy-', `occupancy-${r.part}-`)}.csv"`,
    })
  },
)

occupancyRoutes.openapi(
  createRoute({
    ...base,
    path: '/reports/occupancy.xlsx',
    summary: `${SUMMARY} (XLSX, a sheet per table, in the reader’s language)`,
    request: { query: OccupancyQuery },
    responses: { 200: { description: 'XLSX', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } } },
  }),
  async (c) => {
    const r = await build(c)
    const sheets = OCCUPANCY_PARTS.map((p) => occupancyTable(r.data, p, c.var.locale, r.currency))
    const body = await tableXlsx(sheets, c.var.locale)
    return c.body(new Uint8Array(body), 200, {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="${r.file}.xlsx"`,
    })
  },
)
