/**
 * The performance marks the timetable leaves (`performance.mark(name)`) for whoever measures it.
 * The page only marks; it never measures. The render benchmark (bench/timetable/render-probe.ts,
 * injected into the page by its Playwright spec) turns them into `timetable-render` measures: from
 * the moment data arrived to the frame painted after the grid showed it.
 *
 * A mark costs about a microsecond; the week document's two are left for each update the server
 * sends (one per lesson edit, a few dozen while a large week arrives), the page's three for each
 * batch of data it shows.
 */
export const TIMETABLE_MARKS = {
  /** The week document starts applying an update from the server (a Yjs transaction begins: decoding it). */
  docUpdate: 'timetable-doc-update',
  /** The page starts reading the lessons an update of the week document changed (the server's or ours). */
  docRead: 'timetable-doc-read',
  /**
   * The page took in data the grid draws. Detail `{ what }`: `activities`, `teachers`, `rooms`,
   * `groups`, `projection` (the lessons' flags, `GET /api/lessons`), `document` (the week document
   * opened — `opened: true` —, changed by the server, or — `synced: true` — its last message
   * arrived), `edit` (our own change to the document).
   */
  data: 'timetable-data',
  /** The page starts the update that shows the data taken in since its last such update. */
  update: 'timetable-update',
  /** The grid finished rendering that update (the next frame paints it). */
  rendered: 'timetable-rendered',
} as const

export type TimetableMarkNames = typeof TIMETABLE_MARKS

/** What a `timetable-data` mark says (its `detail`). */
export interface TimetableDataDetail {
  what: 'activities' | 'teachers' | 'rooms' | 'groups' | 'projection' | 'document' | 'edit'
  /** The week document was opened: what it holds so far was read (what: `document`). */
  opened?: boolean
  /** The week document's last sync message arrived (what: `document`). */
  synced?: boolean
}
