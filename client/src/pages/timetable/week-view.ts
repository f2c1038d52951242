import type { Activity, Group, Teacher } from '../../data/timetable'
import { addDays, mondayOf } from '../../data/timetable'
import type { Room, Weekday } from '../../data/types'
import type { GridNames } from './crm-timetable-grid'
import { type Filters, type ViewLesson, columnsFor, filterLessons, hourRange, placeLessons } from './layout'
import { memoizeOne } from './memo'

const WEEKDAY_KEYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/**
 * What the grid is drawn from, worked out from the page's state and the week's lessons: the days
 * and columns shown, where each lesson goes, the hours to show, the names of things. Each is
 * memoised on its arguments, so an update that changed none of them hands the grid the same
 * objects (and the grid redraws nothing).
 */
export class WeekView {
  /** The seven days of an ISO week (YYYY-Www). */
  readonly weekDays = memoizeOne((week: string) => {
    const monday = mondayOf(week)
    return Array.from({ length: 7 }, (_, i) => addDays(monday, i))
  })

  /** The lessons the filters let through. */
  readonly filtered = memoizeOne(filterLessons)

  /** The hours to show: the rooms' opening hours on the days shown, widened to the lessons on them. */
  readonly hours = memoizeOne((rooms: Room[], days: string[], lessons: ViewLesson[]) => {
    const opening = rooms.flatMap((r) =>
      days.map((d) => r.openingHours?.[WEEKDAY_KEYS[(new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7]]),
    )
    const shown = new Set(days)
    return hourRange(
      opening,
      lessons.filter((l) => shown.has(l.date)),
    )
  })

  /** Display names by id. */
  readonly names = memoizeOne((activities: Activity[], groups: Group[], teachers: Teacher[], rooms: Room[]): GridNames => ({
    activity: new Map(activities.map((a) => [a.id, a])),
    group: new Map(groups.map((g) => [g.id, g])),
    teacher: new Map(teachers.map((t) => [t.id, t])),
    room: new Map(rooms.map((r) => [r.id, r])),
  }))

  private readonly dayList = memoizeOne((view: 'day' | 'week', date: string, week: string) =>
    view === 'day' ? [date] : this.weekDays(week),
  )
  private readonly roomIds = memoizeOne((rooms: Room[], roomId: string) =>
    (roomId ? rooms.filter((r) => r.id === roomId) : rooms).map((r) => r.id),
  )
  private readonly cols = memoizeOne(columnsFor)
  private readonly place = memoizeOne(placeLessons)

  /** The days shown: the day, or the days of its week. */
  days(view: 'day' | 'week', date: string, week: string): string[] {
    return this.dayList(view, date, week)
  }

  /** The columns: each day shown × each room (or the one room filtered on). */
  columns(days: string[], rooms: Room[], roomId: string) {
    return this.cols(days, this.roomIds(rooms, roomId))
  }

  /** The lessons the filters let through, each with its column and lane. */
  placed(lessons: ViewLesson[], filters: Filters, columns: ReturnType<typeof columnsFor>) {
    return this.place(this.filtered(lessons, filters), columns)
  }
}
