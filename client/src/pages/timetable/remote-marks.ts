import type { LiveDoc } from '../../data/live-doc'
import { remoteMarks } from '../../data/timetable'
import type { RemoteGhost } from './crm-timetable-grid'
import type { Column } from './layout'
import { zoned } from './time'

/** Others on the week: the lessons they have selected or are dragging, and the ghosts of their drags. */
export interface RemoteMarks {
  /** What the marks were worked out from (unchanged: the same object is returned). */
  key: string
  /** Lesson id → the colour and name of who else has it selected or is dragging it. */
  map: Map<string, { colour: string; name: string }>
  ghosts: RemoteGhost[]
}

export const NO_REMOTE_MARKS: RemoteMarks = { key: '', map: new Map(), ghosts: [] }

/**
 * Others' selections and drags (from the week document's awareness) → outline marks and ghosts
 * on these columns; `prev` itself while nothing changed (the grid then redraws nothing), and
 * while the document is not open.
 */
export function remoteMarksOn(
  live: LiveDoc | null,
  columns: readonly Column[],
  timeZone: string,
  prev: RemoteMarks,
): RemoteMarks {
  if (!live) return prev
  const marks = remoteMarks(live.awareness.getStates(), live.doc.clientID)
  const key = JSON.stringify(marks) + columns.length + timeZone
  if (key === prev.key) return prev
  const map = new Map<string, { colour: string; name: string }>()
  const ghosts: RemoteGhost[] = []
  const colOf = new Map(columns.map((c) => [`${c.date}|${c.roomId}`, c.index]))
  for (const m of marks) {
    const on = m.dragging?.lessonId ?? m.selected
    if (on) map.set(on, { colour: m.colour, name: m.name })
    if (m.dragging) {
      const s = zoned(m.dragging.start, timeZone)
      const e = zoned(m.dragging.end, timeZone)
      const col = s ? colOf.get(`${s.date}|${m.dragging.roomId}`) : undefined
      if (s && e && col !== undefined)
        ghosts.push({
          key: `${m.clientId}`,
          col,
          startMin: s.minutes,
          endMin: e.date === s.date ? e.minutes : 1440,
          colour: m.colour,
          name: m.name,
        })
    }
  }
  return { key, map, ghosts }
}
