import type { Currency } from '../../../domain/i18n/format'
import { formatWeekday } from '../../../domain/i18n/format'
import type { Locale } from '../../../domain/i18n/locales'
import type { reportsOccupancy } from '../../../domain/i18n/messages/en/reports-occupancy'
import { translatorFor } from '../../../domain/i18n/translator'
import type { ReportTable } from './export'
import type { OccupancyReport } from './queries/occupancy'

/** The occupancy report's tables, each a CSV of its own and a sheet of the workbook. */
export const OCCUPANCY_PARTS = ['hours', 'rooms', 'groups', 'waiting'] as const
export type OccupancyPart = (typeof OCCUPANCY_PARTS)[number]

/** ISO weekday 1 (Monday) … 7 in a language (5 January 2026 is a Monday). */
export const weekdayName = (weekday: number, locale: Locale) =>
  formatWeekday(new Date(Date.UTC(2026, 0, 4 + weekday, 12)), locale, 'UTC', 'long')

type Column = keyof typeof reportsOccupancy extends infer K ? (K extends `reports.occupancy.col.${infer C}` ? C : never) : never

const hourSpan = (h: number) => `${String(h).padStart(2, '0')}:00–${String(h + 1).padStart(2, '0')}:00`

/** One of the occupancy report's tables in the reader's language. */
export function occupancyTable(r: OccupancyReport, part: OccupancyPart, locale: Locale, currency: Currency): ReportTable {
  const { t } = translatorFor(locale)
  const col = (id: Column) => t(`reports.occupancy.col.${id}`)
  switch (part) {
    case 'hours':
      return {
        sheet: t('reports.occupancy.hours.title'),
        currency,
        columns: [
          { label: col('weekday'), kind: 'text' },
          { label: col('hour'), kind: 'text' },
          { label: col('openHours'), kind: 'hours' },
          { label: col('bookedHours'), kind: 'hours' },
          { label: col('fill'), kind: 'percent' },
          { label: col('placeHours'), kind: 'hours' },
          { label: col('takenHours'), kind: 'hours' },
          { label: col('attendanceFill'), kind: 'percent' },
        ],
        rows: r.hours.map((c) => [
          weekdayName(c.weekday, locale),
          hourSpan(c.hour),
          c.openMinutes,
          c.bookedMinutes,
          c.fillBp,
          c.placeMinutes,
          c.takenMinutes,
          c.attendanceBp,
        ]),
      }
    case 'rooms':
      return {
        sheet: t('reports.occupancy.rooms.title'),
        currency,
        columns: [
          { label: col('room'), kind: 'text' },
          { label: col('branch'), kind: 'text' },
          { label: col('capacity'), kind: 'int' },
          { label: col('openHours'), kind: 'hours' },
          { label: col('bookedHours'), kind: 'hours' },
          { label: col('fill'), kind: 'percent' },
          { label: col('lessons'), kind: 'int' },
          { label: col('attendanceFill'), kind: 'percent' },
        ],
        rows: r.rooms.map((x) => [
          x.name,
          x.branch,
          x.capacity,
          x.openMinutes,
          x.bookedMinutes,
          x.fillBp,
          x.lessons,
          x.attendanceBp,
        ]),
      }
    case 'groups':
      return {
        sheet: t('reports.occupancy.groups.title'),
        currency,
        columns: [
          { label: col('group'), kind: 'text' },
          { label: col('branch'), kind: 'text' },
          { label: col('activity'), kind: 'text' },
          { label: col('teacher'), kind: 'text' },
          { label: col('room'), kind: 'text' },
          { label: col('members'), kind: 'int' },
          { label: col('capacity'), kind: 'int' },
          { label: col('membersFill'), kind: 'percent' },
          { label: col('lessonsHeld'), kind: 'int' },
          { label: col('averageAttendance'), kind: 'decimal' },
          { label: col('attendanceFill'), kind: 'percent' },
          { label: col('waiting'), kind: 'int' },
        ],
        rows: r.groups.map((g) => [
          g.name,
          g.branch,
          g.activity,
          g.teacher,
          g.room,
          g.members,
          g.capacity,
          g.membersBp,
          g.lessonsHeld,
          g.averageAttendance,
          g.attendanceBp,
          g.waiting,
        ]),
      }
    case 'waiting':
      return {
        sheet: t('reports.occupancy.waiting.title'),
        currency,
        columns: [
          { label: col('activity'), kind: 'text' },
          { label: col('groups'), kind: 'int' },
          { label: col('capacity'), kind: 'int' },
          { label: col('members'), kind: 'int' },
          { label: col('freePlaces'), kind: 'int' },
          { label: col('waiting'), kind: 'int' },
          { label: col('perFreePlace'), kind: 'decimal' },
          { label: col('oldestWait'), kind: 'int' },
        ],
        rows: r.waiting.map((w) => [
          w.activity,
          w.groups,
          w.capacity,
          w.members,
          w.freePlaces,
          w.waiting,
          w.waitingPerFreePlace,
          w.oldestWaitDays,
        ]),
      }
  }
}
