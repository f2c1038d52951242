/**
 * The grid's geometry: row heights, the hour column, the narrowest readable column, how columns
 * are rendered in chunks, and its background lines.
 */

/** Pixels per hour for each row step: finer steps get taller rows so a slot stays grabbable. */
export const HOUR_PX: Record<number, number> = { 15: 96, 30: 64, 60: 48 }
/** Width of the hour column on the left. */
export const GUTTER = 56
/** The narrowest a column gets (then the grid scrolls sideways). */
export const MIN_COL: Record<'day' | 'week', number> = { day: 120, week: 76 }
/** Rendered columns move in steps of this many, so that scrolling re-renders rarely. */
export const COL_CHUNK = 4

/** The grid's line colours (the host's --line-* custom properties say the same for the head and gutter). */
const LINES = { slot: '#eef0ee', hour: '#dde1de', col: '#e4e8e5', day: '#9aa5a1' }
const gridLineImages = new Map<string, string>()

/**
 * The body's lines (a day's left edge, room columns, hours, time slots) as one SVG tile of a day's
 * rooms by an hour, repeated: a browser rasterises the tile once. Four repeated CSS gradients drew
 * the same but were painted tile by tile, gradient by gradient: a third of a 30-room week's first
 * frame without a GPU.
 */
export function gridLines(roomsPerDay: number, colW: number, hourPx: number, stepPx: number): string {
  const key = `${roomsPerDay}|${colW}|${hourPx}|${stepPx}`
  let url = gridLineImages.get(key)
  if (url) return url
  const w = roomsPerDay * colW
  const parts: string[] = []
  // bottom to top: slots, the hour, room columns, the day
  if (stepPx > 0 && stepPx < hourPx)
    for (let y = stepPx; y < hourPx - 0.5; y += stepPx)
      parts.push(`<rect x="0" y="${y}" width="${w}" height="1" fill="${LINES.slot}"/>`)
  parts.push(`<rect x="0" y="0" width="${w}" height="1" fill="${LINES.hour}"/>`)
  for (let i = 1; i < roomsPerDay; i++)
    parts.push(`<rect x="${i * colW}" y="0" width="1" height="${hourPx}" fill="${LINES.col}"/>`)
  parts.push(`<rect x="0" y="0" width="2" height="${hourPx}" fill="${LINES.day}"/>`)
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hourPx}" shape-rendering="crispEdges">${parts.join('')}</svg>`
  url = `url("data:image/svg+xml,${encodeURIComponent(svg)}")`
  gridLineImages.set(key, url)
  return url
}
