import { type TemplateResult, html, nothing } from 'lit'
import { t } from '../../i18n/locale'
import type { GridSpan } from './crm-timetable-grid'
import { dayHeading, spanText } from './labels'
import type { Column } from './layout'
import { formatMinutes } from './time'

/**
 * The grid's frame, drawn around the lessons: the day and room headings, the hours down the
 * side, the line at the current time, and ghosts (a drag under way, someone else's drag, a lesson
 * being planned).
 */

/** The headings: each day over its rooms (week view), and the rooms of the rendered columns [a, b). */
export function renderHead(
  columns: readonly Column[],
  colW: number,
  view: 'day' | 'week',
  rooms: ReadonlyMap<string, { name: string }>,
  today: string,
  [a, b]: [number, number],
) {
  const out: TemplateResult[] = []
  // (one look-up per heading drawn: seven day headings, a word for an unnamed room once)
  let unnamed: string | undefined
  if (view === 'week') {
    let prev = ''
    for (const c of columns) {
      if (c.date !== prev) {
        const n = columns.filter((x) => x.date === c.date).length
        out.push(
          html`<div class="day ${c.date === today ? 'today' : ''}" style="left:${c.index * colW}px;width:${n * colW}px">
            <span>${dayHeading(c.date)}</span>
          </div>`,
        )
        prev = c.date
      }
    }
  }
  for (const c of columns.slice(a, b)) {
    const name = rooms.get(c.roomId)?.name ?? (unnamed ??= t('timetable.grid.room'))
    out.push(html`<div class="room" style="left:${c.index * colW}px;width:${colW}px" title=${name}>${name}</div>`)
  }
  return out
}

/** The hours from `from` to `to` (minutes after midnight). */
export function renderGutter(from: number, to: number, ppm: number) {
  const out: TemplateResult[] = []
  for (let m = from; m < to; m += 60) out.push(html`<span style="top:${(m - from) * ppm}px">${formatMinutes(m)}</span>`)
  return out
}

/** The line at the current time across today's columns, when today is shown and now is within the hours shown. */
export function renderNow(
  columns: readonly Column[],
  today: string,
  nowMin: number,
  from: number,
  to: number,
  colW: number,
  ppm: number,
) {
  if (!today || nowMin < from || nowMin > to) return nothing
  const cols = columns.filter((c) => c.date === today)
  if (!cols.length) return nothing
  return html`<div
    class="now"
    style="left:${cols[0].index * colW}px;width:${cols.length * colW}px;top:${(nowMin - from) * ppm}px"
    aria-hidden="true"
  ></div>`
}

/** A ghost: where a lesson is being dragged (ours), or someone else's drag or plan (`remote`, in their colour). */
export function renderGhost(
  g: GridSpan & { colour?: string; name?: string },
  from: number,
  colW: number,
  ppm: number,
  remote: boolean,
) {
  const style = `left:${g.col * colW + 2}px;width:${colW - 4}px;top:${(g.startMin - from) * ppm}px;height:${Math.max(8, (g.endMin - g.startMin) * ppm)}px${remote ? `;--mark:${g.colour}` : ''}`
  const time = spanText(g.startMin, g.endMin)
  return html`<div class="ghost ${remote ? 'remote' : ''}" style=${style} data-testid=${remote ? 'remote-ghost' : 'drag-ghost'}>
    ${remote ? t('timetable.grid.ghost', { name: g.name ?? '', time }) : time}
  </div>`
}
