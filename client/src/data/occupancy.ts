import { currentLocale, t } from '../i18n/locale'
import { api, ApiError, toApiError, withQuery } from './api'

/**
 * The occupancy report (issue #20, server/modules/reports/queries/occupancy.ts): room fill by hour
 * of the week, rooms, groups and waiting-list pressure; as JSON for the screen, one table as CSV
 * or the whole report as XLSX (a sheet per table) in the language shown. Rates in basis points.
 */

export interface OccupancyQuery {
  from: string
  to: string
  branchId?: string
  roomId?: string
  activityId?: string
  teacherId?: string
}

export interface HourCell {
  weekday: number
  hour: number
  openMinutes: number
  bookedMinutes: number
  fillBp: number | null
  placeMinutes: number
  takenMinutes: number
  attendanceBp: number | null
}

export interface OccupancyRoom {
  roomId: string
  name: string
  branchId: string
  branch: string
  capacity: number
  openMinutes: number
  bookedMinutes: number
  fillBp: number | null
  lessons: number
  attendanceBp: number | null
}

export interface OccupancyGroup {
  groupId: string
  name: string
  branch: string
  activity: string
  teacherId: string
  teacher: string
  room: string
  capacity: number
  members: number
  membersBp: number | null
  lessonsHeld: number
  attendees: number
  averageAttendance: number | null
  attendanceBp: number | null
  waiting: number
}

export interface WaitingPressure {
  activityId: string
  activity: string
  groups: number
  capacity: number
  members: number
  freePlaces: number
  waiting: number
  waitingPerFreePlace: number | null
  oldestWaitDays: number | null
}

export interface OccupancyReport {
  from: string
  to: string
  asOf: string
  hours: HourCell[]
  rooms: OccupancyRoom[]
  groups: OccupancyGroup[]
  waiting: WaitingPressure[]
  totals: {
    openMinutes: number
    bookedMinutes: number
    fillBp: number | null
    placeMinutes: number
    takenMinutes: number
    attendanceBp: number | null
  }
}

/** The report's tables: each is a CSV of its own. */
export type OccupancyPart = 'hours' | 'rooms' | 'groups' | 'waiting'

const params = (q: OccupancyQuery) => ({
  from: q.from,
  to: q.to,
  branchId: q.branchId || undefined,
  roomId: q.roomId || undefined,
  activityId: q.activityId || undefined,
  teacherId: q.teacherId || undefined,
})

export const fetchOccupancy = (q: OccupancyQuery) => api<OccupancyReport>('GET', withQuery('/api/reports/occupancy', params(q)))

/** One table as CSV, or the whole report as XLSX, in the language shown; saved under the server's file name. */
export async function downloadOccupancy(format: 'csv' | 'xlsx', q: OccupancyQuery, part?: OccupancyPart): Promise<void> {
  const res = await fetch(withQuery(`/api/reports/occupancy.${format}`, { ...params(q), part }), {
    credentials: 'same-origin',
    headers: { 'accept-language': currentLocale() },
  }).catch(() => {
    throw new ApiError(0, 'network', t('common.error.network'))
  })
  if (!res.ok) throw await toApiError(res)
  const file = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `occupancy.${format}`
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = file
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
