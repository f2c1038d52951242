import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import { cashDays, clients, invoices, payments, users } from '../../../../db/schema/index'
import type { Currency } from '../../../../domain/i18n/format'
import type { CashDeskDay, MethodTotals } from './cash-desk'
import type { DocumentData } from './invoices-documents'
import {
  branchOf,
  invoiceLinesOf,
  invoiceNumber,
  invoiceStates,
  paymentsOf,
  refundsOf,
  type InvoiceRow,
  type PaymentRow,
} from './invoices'

/**
 * A branch's money documents of a period, read in a few queries whatever their number (the month's
 * document package, issue #20): the invoices issued, the payments taken (each with its invoice, for
 * its receipt) and the cash-desk days. Ordered by number, time and day, so the same records give
 * the same documents in the same order.
 */

/** What each invoice's PDF prints, for many invoices at once (their lines, payments, refunds and clients in one query each). */
async function documentsOf(db: Queryable, rows: InvoiceRow[]): Promise<Map<string, DocumentData>> {
  const out = new Map<string, DocumentData>()
  if (!rows.length) return out
  const ids = rows.map((r) => r.id)
  const [states, lines, pays, backs, people] = await Promise.all([
    invoiceStates(db, rows),
    invoiceLinesOf(db, ids),
    paymentsOf(db, ids),
    refundsOf(db, ids),
    db
      .select({ id: clients.id, first: clients.firstName, last: clients.lastName, phone: clients.phone })
      .from(clients)
      .where(inArray(clients.id, [...new Set(rows.map((r) => r.clientId))])),
  ])
  const branches = new Map<string, Awaited<ReturnType<typeof branchOf>>>()
  for (const b of new Set(rows.map((r) => r.branchId))) branches.set(b, await branchOf(db, b))
  const person = new Map(people.map((p) => [p.id, p]))
  for (const inv of states) {
    const branch = branches.get(inv.branchId) as Awaited<ReturnType<typeof branchOf>>
    const client = person.get(inv.clientId)
    out.set(inv.id, {
      invoice: inv,
      number: invoiceNumber(branch.name, inv.year, inv.number),
      currency: inv.currency as Currency,
      branch: { name: branch.name, address: branch.address, phone: branch.phone, timezone: branch.timezone },
      client: { name: client ? `${client.first} ${client.last}`.trim() : '—', phone: client?.phone ?? null },
      lines: lines.filter((l) => l.invoiceId === inv.id),
      payments: pays.filter((p) => p.invoiceId === inv.id),
      refunds: backs.filter((r) => r.invoiceId === inv.id),
    })
  }
  return out
}

/** The invoices a branch issued in [from, to] (its local days), by year and number, each with what its PDF prints. */
export async function invoicesOfPeriod(db: Queryable, branchId: string, from: string, to: string): Promise<DocumentData[]> {
  const rows = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.branchId, branchId), gte(invoices.issuedOn, from), lte(invoices.issuedOn, to)))
    .orderBy(asc(invoices.year), asc(invoices.number))
  const docs = await documentsOf(db, rows)
  return rows.map((r) => docs.get(r.id) as DocumentData)
}

/** The payments a branch took on its cash-desk days in [from, to], oldest first, each with its invoice's document (for its receipt). */
export async function receiptsOfPeriod(
  db: Queryable,
  branchId: string,
  from: string,
  to: string,
): Promise<Array<{ payment: PaymentRow; data: DocumentData }>> {
  const taken = await db
    .select()
    .from(payments)
    .where(and(eq(payments.branchId, branchId), gte(payments.day, from), lte(payments.day, to)))
    .orderBy(asc(payments.day), asc(payments.at), asc(payments.id))
  if (!taken.length) return []
  const rows = await db
    .select()
    .from(invoices)
    .where(inArray(invoices.id, [...new Set(taken.map((p) => p.invoiceId))]))
  const docs = await documentsOf(db, rows)
  return taken.map((payment) => ({ payment, data: docs.get(payment.invoiceId) as DocumentData }))
}

const zero = (): MethodTotals => ({ cash: 0, card: 0, transfer: 0, credit: 0 })
type Method = keyof MethodTotals

/**
 * A branch's cash-desk days in [from, to] that took or gave back money or were closed, oldest
 * first: the same figures as `cashDeskDay` for each (by method and by user), in three queries.
 */
export async function cashDeskDaysOf(
  db: Queryable,
  branchId: string,
  from: string,
  to: string,
): Promise<Array<CashDeskDay & { closedByName: string | null }>> {
  const [pay, back, closed] = await Promise.all([
    queryRows<{ day: string; by: string; name: string | null; method: Method; amount: string; n: string }>(
      db,
      sql`select p.day::text as day, p.by, u.name, p.method, sum(p.amount + p.credit) as amount, count(*) as n
          from payments p left join users u on u.id = p.by
          where p.branch_id = ${branchId}::uuid and p.day between ${from}::date and ${to}::date
          group by p.day, p.by, u.name, p.method`,
    ),
    queryRows<{ day: string; by: string; name: string | null; method: Exclude<Method, 'credit'>; amount: string }>(
      db,
      sql`select r.day::text as day, r.by, u.name, r.method, sum(r.amount) as amount
          from refunds r left join users u on u.id = r.by
          where r.branch_id = ${branchId}::uuid and r.day between ${from}::date and ${to}::date
          group by r.day, r.by, u.name, r.method`,
    ),
    db
      .select({ day: cashDays.day, closedAt: cashDays.closedAt, closedBy: cashDays.closedBy, name: users.name })
      .from(cashDays)
      .leftJoin(users, eq(users.id, cashDays.closedBy))
      .where(and(eq(cashDays.branchId, branchId), gte(cashDays.day, from), lte(cashDays.day, to))),
  ])
  const days = new Map<string, CashDeskDay & { closedByName: string | null }>()
  const dayOf = (day: string) => {
    let d = days.get(day)
    if (!d)
      days.set(
        day,
        (d = {
          branchId,
          day,
          closed: false,
          closedAt: null,
          closedBy: null,
          taken: zero(),
          refunds: { cash: 0, card: 0, transfer: 0 },
          net: 0,
          payments: 0,
          byUser: [],
          closedByName: null,
        }),
      )
    return d
  }
  const userOf = (d: CashDeskDay, id: string, name: string | null) => {
    let u = d.byUser.find((x) => x.userId === id)
    if (!u)
      d.byUser.push(
        (u = { userId: id, name: name ?? '', taken: zero(), refunds: { cash: 0, card: 0, transfer: 0 }, payments: 0 }),
      )
    return u
  }
  for (const r of pay) {
    const d = dayOf(r.day)
    const a = Number(r.amount)
    d.taken[r.method] += a
    d.payments += Number(r.n)
    const u = userOf(d, r.by, r.name)
    u.taken[r.method] += a
    u.payments += Number(r.n)
  }
  for (const r of back) {
    const d = dayOf(r.day)
    const a = Number(r.amount)
    d.refunds[r.method] += a
    userOf(d, r.by, r.name).refunds[r.method] += a
  }
  for (const c of closed) {
    const d = dayOf(c.day)
    d.closed = true
    d.closedAt = c.closedAt.toISOString()
    d.closedBy = c.closedBy
    d.closedByName = c.name
  }
  for (const d of days.values()) {
    d.net = d.taken.cash + d.taken.card + d.taken.transfer - d.refunds.cash - d.refunds.card - d.refunds.transfer
    d.byUser.sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId))
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day))
}
