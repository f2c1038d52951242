/** A period of the Lesson cost tab. */
export type CostPeriod = 'thisMonth' | 'lastMonth' | 'thisYear' | 'custom'

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** The first and last day (YYYY-MM-DD) of a period, from today in the branch's time zone. */
export function costPeriod(
  period: Exclude<CostPeriod, 'custom'>,
  timeZone: string,
  now = new Date(),
): { from: string; to: string; today: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  const [y, m] = today.split('-').map(Number)
  if (period === 'thisYear') return { from: `${y}-01-01`, to: `${y}-12-31`, today }
  const [yy, mm] = period === 'lastMonth' ? (m === 1 ? [y - 1, 12] : [y, m - 1]) : [y, m]
  return { from: `${yy}-${pad(mm)}-01`, to: `${yy}-${pad(mm)}-${pad(lastDay(yy, mm))}`, today }
}
