import { encodeTimetableDocName, parseTimetableKey } from '../../../domain/docs/timetable-week'
import { defineModule } from '../module'
import { timetableAlerts } from './alert-kinds'
import { releaseErasedClient } from './commands/release-erased-client'
import { timetableWeekDoc } from './docs'
import { timetablePolicies } from './policies'
import { lessonDocOf } from './queries/lessons'
import { calendarRoutes, icalRoute } from './routes/calendar'
import { catalogueRoutes } from './routes/catalogue'
import { groupRosterRoutes, groupRoutes } from './routes/groups'
import { lessonRoutes } from './routes/lessons'
import { seedTimetable } from './seed'
import { timetableAudit } from './audit-area'

// What other areas may use of the timetable (never its files directly).
export { timetablePolicies } from './policies'
export { generateLessons } from './commands/generate-lessons'
export { markLessonDone, type MarkDoneDeps } from './commands/mark-done'
export { takeAttendance } from './commands/take-attendance'
export { findLesson } from './queries/lessons'
export { timetableAlerts } from './alert-kinds'
export { markCheckedIn, lockMakeUpCredit, useMakeUpCredit, openMakeUpCredits } from './commands/check-in-attendance'
export type { MakeUpCredit } from './commands/check-in-attendance'

/** `<branchId>:<YYYY-Www>` of a week's change → its document's name, if well formed and of that branch. */
function weekDocOf(id: string, branchId: string): string | null {
  const key = parseTimetableKey(id)
  return key && key.branchId === branchId ? encodeTimetableDocName(key.branchId, key.week) : null
}

/** Activities, groups, lessons and the timetable: the catalogue, the week grid, marking lessons done. */
export const timetable = defineModule({
  name: 'timetable',
  routes: [catalogueRoutes, groupRoutes, groupRosterRoutes, lessonRoutes, calendarRoutes],
  siteRoutes: [icalRoute()],
  policies: Object.values(timetablePolicies),
  audit: [timetableAudit],
  docTypes: [timetableWeekDoc],
  alertKinds: Object.values(timetableAlerts),
  // an erased client leaves their groups and waiting lists, in the erasure's transaction
  hooks: { 'client.erased': releaseErasedClient },
  // each belongs to one branch: its changes reach only that branch's people (and those of every
  // branch), and whoever has its week document open; only a lesson has a subject room of its own
  liveEntities: {
    lesson: { read: timetablePolicies.read, branchScoped: true, findDoc: lessonDocOf },
    group: { branchScoped: true },
    closure: { branchScoped: true },
    // a week re-projected: `<branchId>:<YYYY-Www>` names its document (when well formed and of that branch)
    timetable: { branchScoped: true, docOf: weekDocOf },
  },
  seed: seedTimetable,
})
