import { defineModule } from '../module'
import { timetableAlerts } from './alert-kinds'
import { calendarRoutes, icalRoute } from './calendar'
import { catalogueRoutes } from './catalogue-routes'
import { timetableWeekDoc } from './doc-types'
import { groupRoutes } from './group-routes'
import { lessonRoutes } from './lesson-routes'

/** Activities, groups, lessons and the timetable: the catalogue, the week grid, marking lessons done. */
export const timetable = defineModule({
  name: 'timetable',
  routes: [catalogueRoutes, groupRoutes, lessonRoutes, calendarRoutes],
  siteRoutes: [icalRoute()],
  docTypes: [timetableWeekDoc],
  alertKinds: Object.values(timetableAlerts),
})
