/**
 * A client's progress as GET /api/clients/:id sends it (server/modules/clients/progress.ts): the
 * electronic journal per activity, and the marks over time the chart draws by month.
 */
export interface ActivityProgress {
  activityId: string
  activity: string
  marked: number
  attended: number
  /** 0–1, or null without marks. */
  attendanceRate: number | null
  /** 1–5, or null without grades. */
  averageGrade: number | null
  lastComments: Array<{ date: string; comment: string; teacher: string | null }>
  /** Oldest first (absent from servers before the chart). */
  timeline?: Array<{ at: string; attended: boolean; grade: number | null }>
}

const isProgress = (p: unknown): p is ActivityProgress =>
  typeof p === 'object' && p !== null && typeof (p as ActivityProgress).activityId === 'string'

/** The progress entries the server sent, the ones this client understands. */
export const progressOf = (list: readonly unknown[]): ActivityProgress[] => list.filter(isProgress)

/** The month (`YYYY-MM`) a point in time falls in, in a time zone. */
export function monthOf(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date(iso))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}`
}

/** The months from `first` to `last` (`YYYY-MM`), every one of them. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = []
  let [y, m] = first.split('-').map(Number)
  const [ly, lm] = last.split('-').map(Number)
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    if (++m > 12) {
      m = 1
      y++
    }
  }
  return out
}

export interface MonthlySeries {
  months: string[]
  /** Per activity (in the order given), per month: the share attended in percent, or null without marks. */
  attendance: Array<Array<number | null>>
  /** Per activity, per month: the average grade (one decimal), or null without grades. */
  grades: Array<Array<number | null>>
  /** Was any lesson graded? */
  graded: boolean
}

/** The journal by month, in the branch's time zone: the last `maxMonths` months that have marks, gaps included. */
export function monthlySeries(progress: readonly ActivityProgress[], timeZone: string, maxMonths = 12): MonthlySeries {
  const marks = progress.map((p) => (p.timeline ?? []).map((m) => ({ ...m, month: monthOf(m.at, timeZone) })))
  const all = marks.flat().map((m) => m.month).sort()
  if (!all.length) return { months: [], attendance: [], grades: [], graded: false }
  const months = monthsBetween(all[0], all[all.length - 1]).slice(-maxMonths)
  const round1 = (n: number) => Math.round(n * 10) / 10
  let graded = false
  const attendance = marks.map((list) =>
    months.map((month) => {
      const inMonth = list.filter((m) => m.month === month)
      return inMonth.length ? Math.round((inMonth.filter((m) => m.attended).length / inMonth.length) * 100) : null
    }),
  )
  const grades = marks.map((list) =>
    months.map((month) => {
      const g = list.filter((m) => m.month === month && m.grade !== null).map((m) => m.grade as number)
      if (g.length) graded = true
      return g.length ? round1(g.reduce((a, b) => a + b, 0) / g.length) : null
    }),
  )
  return { months, attendance, grades, graded }
}
