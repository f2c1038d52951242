import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'
import { localDateTime } from '../../../domain/docs/timetable-week'
import { defineJob } from '../../jobs/index'
import { applyAlerts, type AlertEvent, type RaiseInput } from '../alerts/index'
import { centerTimeZone } from '../center/index'
import { loanAlerts } from './alert-kinds'

/** A day as the catalogue's `{date, date, medium}` takes it: noon UTC of that day (the same day in every zone). */
export const dayParam = (day: string): number => Date.parse(`${day}T12:00:00Z`)

/** Today in a time zone (YYYY-MM-DD). */
export const todayIn = (timeZone: string | null | undefined, now = new Date()): string =>
  localDateTime(timeZone || 'UTC', now).date

/**
 * Raises `loan_overdue` (subject `loan:<id>`, the loan's branch) for every loan not returned by its
 * due day (in its branch's time zone), and clears it for those returned meanwhile (a return clears
 * it at once too). One transaction; idempotent (never two open for one cause). `now` for tests.
 */
export async function reviewOverdueLoans(db: Queryable, now = new Date()): Promise<AlertEvent[]> {
  return db.transaction(async (tx) => {
    const rows = await queryRows<{
      id: string
      branch_id: string
      tz: string | null
      due_on: string
      returned: boolean
      client_id: string
      client: string | null
      product: string
      quantity: number
    }>(
      tx,
      sql`select l.id, l.branch_id, b.timezone as tz, to_char(l.due_on, 'YYYY-MM-DD') as due_on, l.client_id,
            l.returned_at is not null as returned, trim(c.first_name || ' ' || c.last_name) as client,
            p.name as product, l.quantity
          from loans l
          join branches b on b.id = l.branch_id
          join clients c on c.id = l.client_id
          join products p on p.id = l.product_id
          where (l.returned_at is null and l.due_on <= ${now.toISOString()}::timestamptz::date + 1)
             or l.id in (select substr(a.subject, 6)::uuid from alerts a
                         where a.kind = 'loan_overdue' and a.cleared_at is null and a.subject like 'loan:%')`,
    )
    const raise: RaiseInput[] = []
    const clear: Array<{ kind: string; subject: string }> = []
    for (const r of rows) {
      const subject = `loan:${r.id}`
      if (r.returned || r.due_on >= todayIn(r.tz, now)) {
        clear.push({ kind: loanAlerts.loan_overdue.kind, subject })
        continue
      }
      raise.push({
        kind: loanAlerts.loan_overdue,
        subject,
        message: {
          id: 'loans.alert.overdue',
          params: { client: r.client || '—', product: r.product, quantity: r.quantity, date: dayParam(r.due_on) },
        },
        details: { loanId: r.id, clientId: r.client_id, dueOn: r.due_on },
        branchId: r.branch_id,
        by: null,
      })
    }
    return applyAlerts(tx, raise, clear, null)
  })
}

/** The daily job: at 00:25 in the center's time zone, once across instances. */
export const loansOverdueJob = defineJob({
  name: 'loans.overdue',
  async schedule(ctx) {
    return { cron: '25 0 * * *', timeZone: await centerTimeZone(ctx.database.db) }
  },
  async run(ctx) {
    const events = await reviewOverdueLoans(ctx.database.db, ctx.now())
    for (const e of events) ctx.events.emit(e.name, e.payload)
  },
})
