import type { Room, Weekday } from '../data/types'

const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const DAY_LABEL: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' }

/** "Mon–Fri 08:00–21:00, Sat 09:00–18:00" */
export function summarizeHours(hours: Room['openingHours']): string {
  if (!hours) return 'Not set'
  const parts: string[] = []
  let run: { from: Weekday; to: Weekday; span: string } | null = null
  const flush = () => {
    if (run) parts.push(`${DAY_LABEL[run.from]}${run.from === run.to ? '' : '–' + DAY_LABEL[run.to]} ${run.span}`)
    run = null
  }
  for (const d of DAYS) {
    const h = hours[d]
    const span = h ? `${h[0]}–${h[1]}` : null
    if (span && run && run.span === span) run.to = d
    else {
      flush()
      if (span) run = { from: d, to: d, span }
    }
  }
  flush()
  return parts.length ? parts.join(', ') : 'Closed'
}
