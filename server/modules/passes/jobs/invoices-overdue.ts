import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../../../db/client'
import { defineJob } from '../../../jobs/index'
import { applyAlerts, type AlertEvent, type RaiseInput } from '../../alerts/index'
import { centerSettingsOf, centerTimeZone } from '../../center/index'
import { passAlerts } from '../alert-kinds'
import { amountParam } from '../commands/payments-alerts'
import { dateParam, todayIn } from '../pass-alerts'

/**
 * Raises `invoice_overdue` (subject `invoice:<id>`) for every invoice past its due date (in its
 * branch's time zone) with something still due, and clears it for those settled or cancelled
 * meanwhile (a payment clears it at once too). One transaction; idempotent (never two open for
 * one cause). `now` for tests.
 */
export async function reviewOverdueInvoices(db: Db, now = new Date()): Promise<AlertEvent[]> {
  return db.transaction(async (tx) => {
    const { currency } = await centerSettingsOf(tx)
    const rows = await queryRows<{
      id: string
      branch_id: string
      tz: string | null
      due_on: string
      due: string
      cancelled: boolean
      client: string | null
      client_id: string
    }>(
      tx,
      sql`select i.id, i.branch_id, b.timezone as tz, to_char(i.due_on, 'YYYY-MM-DD') as due_on, i.client_id,
            i.cancelled_at is not null as cancelled, trim(c.first_name || ' ' || c.last_name) as client,
            i.total - coalesce(pd.paid, 0) as due
          from invoices i
          left join lateral (select sum(p.amount) as paid from payments p where p.invoice_id = i.id) pd on true
          left join branches b on b.id = i.branch_id left join clients c on c.id = i.client_id
          where (i.cancelled_at is null and i.due_on <= current_date + 1 and i.total > coalesce(pd.paid, 0))
             or i.id in (select substr(a.subject, 9)::uuid from alerts a
                         where a.kind = 'invoice_overdue' and a.cleared_at is null and a.subject like 'invoice:%')`,
    )
    const raise: RaiseInput[] = []
    const clear: Array<{ kind: string; subject: string }> = []
    for (const r of rows) {
      const subject = `invoice:${r.id}`
      const due = Number(r.due)
      const overdue = !r.cancelled && due > 0 && r.due_on < todayIn(r.tz, now)
      if (!overdue) {
        clear.push({ kind: passAlerts.invoice_overdue.kind, subject })
        continue
      }
      raise.push({
        kind: passAlerts.invoice_overdue,
        subject,
        message: {
          id: 'passes.alert.invoiceOverdue',
          params: { client: r.client || '—', amount: amountParam(due, currency), date: dateParam(r.due_on) },
        },
        details: { invoiceId: r.id, clientId: r.client_id, due, dueOn: r.due_on },
        branchId: r.branch_id,
        by: null,
      })
    }
    return applyAlerts(tx, raise, clear, null)
  })
}

/** The daily job: at 00:20 in the center's time zone, once across instances. */
export const invoicesOverdueJob = defineJob({
  name: 'passes.invoicesOverdue',
  async schedule(ctx) {
    return { cron: '20 0 * * *', timeZone: await centerTimeZone(ctx.database.db) }
  },
  async run(ctx) {
    const events = await reviewOverdueInvoices(ctx.database.db, ctx.now())
    for (const e of events) ctx.events.emit(e.name, e.payload)
  },
})
