/** A period of a report. */
export type ReportPeriod = 'thisMonth' | 'lastMonth' | 'thisYear' | 'last12' | 'custom'
export const PERIODS: readonly ReportPeriod[] = ['thisMonth', 'lastMonth', 'thisYear', 'last12', 'custom']

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/**
 * The first and last day (YYYY-MM-DD) of a period, from today in a time zone. The last twelve
 * months: this one and the eleven before it.
 * @example reportPeriod('last12', 'UTC', new Date('2026-12-04T10:00:00Z')) // { from: '2026-01-01', to: '2026-12-31' }
 */
export function reportPeriod(
  period: Exclude<ReportPeriod, 'custom'>,
  timeZone: string,
  now = new Date(),
): { from: string; to: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  const [y, m] = today.split('-').map(Number)
  if (period === 'thisYear') return { from: `${y}-01-01`, to: `${y}-12-31` }
  if (period === 'last12') {
    const [fy, fm] = m === 12 ? [y, 1] : [y - 1, m + 1]
    return { from: `${fy}-${pad(fm)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` }
  }
  const [yy, mm] = period === 'lastMonth' ? (m === 1 ? [y - 1, 12] : [y, m - 1]) : [y, m]
  return { from: `${yy}-${pad(mm)}-01`, to: `${yy}-${pad(mm)}-${pad(lastDay(yy, mm))}` }
}
