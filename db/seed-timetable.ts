/**
 * Moved: the timetable's demo seed is the timetable module's seed step (server/modules/timetable/seed.ts,
 * listed in its manifest). This re-export keeps db/seed.ts running it until the boot runs the
 * modules' steps; then this file goes.
 */
export { seedTimetable } from '../server/modules/timetable/seed'
