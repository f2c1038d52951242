import { defineModule } from '../module'
import { timetableAlerts } from './alert-kinds'
import { timetableWeekDoc } from './docs'
import { timetablePolicies } from './policies'
import { calendarRoutes, icalRoute } from './routes/calendar'
import { catalogueRoutes } from './routes/catalogue'
import { groupRoutes } from './routes/groups'
import { lessonRoutes } from './routes/lessons'
import { seedTimetable } from './seed'

// What other areas may use of the timetable (never its files directly).
export { timetablePolicies } from './policies'
export { timetableAlerts } from './alert-kinds'

/** Activities, groups, lessons and the timetable: the catalogue, the week grid, marking lessons done. */
export const timetable = defineModule({
  name: 'timetable',
  routes: [catalogueRoutes, groupRoutes, lessonRoutes, calendarRoutes],
  siteRoutes: [icalRoute()],
  policies: Object.values(timetablePolicies),
  docTypes: [timetableWeekDoc],
  alertKinds: Object.values(timetableAlerts),
  // each belongs to one branch: its changes reach only that branch's people (and those of every branch)
  liveEntities: {
    lesson: { read: timetablePolicies.read, branchScoped: true },
    group: { read: timetablePolicies.read, branchScoped: true },
    closure: { read: timetablePolicies.read, branchScoped: true },
    timetable: { read: timetablePolicies.read, branchScoped: true },
  },
  seed: seedTimetable,
})
