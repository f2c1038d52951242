import { asc, desc, eq, sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import { invoiceLines, invoices, passes, payments, refunds } from '../../../../db/schema/index'
import { debtSql } from './balances'
import { stateOf, type InvoiceState, type LineRow, type PaymentRow, type RefundRow } from './invoices'
import { openCredits, type MakeUpCreditView } from './make-up'

export type PassRow = typeof passes.$inferSelect

export interface AccountVisit {
  id: number
  passId: string | null
  owed: boolean
  source: string
  lessonId: string | null
  activityId: string | null
  on: string
  sign: number
  at: Date
}

export interface Account {
  clientId: string
  debt: number
  credit: number
  invoices: Array<InvoiceState & { lines: LineRow[]; payments: PaymentRow[]; refunds: RefundRow[] }>
  passes: PassRow[]
  visits: AccountVisit[]
  /**
   * The family's debt: for each guardian of the client, the other clients (siblings) who share
   * that guardian's phone, with their debts; `total` is the client's debt plus theirs (what the
   * paying guardian owes for all their children).
   */
  family: { total: number; members: Array<{ clientId: string; name: string; debt: number }> }
  /** The open make-up credits (from cancelled lessons, not used yet), with the lesson each came from. */
  makeUpCredits: MakeUpCreditView[]
}

/** The most recent visits an account shows (the full ledger is paged elsewhere). */
export const ACCOUNT_VISITS = 100

/**
 * A client's account: debt and credit, invoices (newest first) with lines, payments and refunds,
 * passes (newest first), the latest visits, the family's debt (siblings through a guardian's
 * phone) and the open make-up credits. Reads the tables directly; four to nine indexed queries
 * whatever the history's length (the visits are capped at ACCOUNT_VISITS).
 */
export async function clientAccount(db: Queryable, clientId: string): Promise<Account> {
  // one round of independent reads (in parallel on a pool), each by the client's indexes
  const [invoiceRows, lines, pays, backs, passRows, visits, family, credits] = await Promise.all([
    db
      .select({
        invoice: invoices,
        paid: sql<string>`(select coalesce(sum(p.amount), 0) from payments p where p.invoice_id = "invoices"."id")`,
        refunded: sql<string>`(select coalesce(sum(r.amount), 0) from refunds r where r.invoice_id = "invoices"."id")`,
      })
      .from(invoices)
      .where(eq(invoices.clientId, clientId))
      .orderBy(desc(invoices.issuedOn), desc(invoices.number))
      .then((rows) => rows.map((r) => stateOf(r.invoice, Number(r.paid), Number(r.refunded)))),
    db
      .select({ line: invoiceLines })
      .from(invoiceLines)
      .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
      .where(eq(invoices.clientId, clientId))
      .orderBy(asc(invoiceLines.id))
      .then((rows) => rows.map((r) => r.line)),
    db.select().from(payments).where(eq(payments.clientId, clientId)).orderBy(asc(payments.at)),
    db.select().from(refunds).where(eq(refunds.clientId, clientId)).orderBy(asc(refunds.at)),
    db.select().from(passes).where(eq(passes.clientId, clientId)).orderBy(desc(passes.startsOn)),
    queryRows<{
      id: string | number
      pass_id: string | null
      owed: boolean
      source: string
      lesson_id: string | null
      activity_id: string | null
      on: string
      sign: number
      at: Date | string
    }>(
      db,
      sql`select id, pass_id, owed, source, lesson_id, activity_id, to_char("on", 'YYYY-MM-DD') as "on", sign, at
          from pass_visits where client_id = ${clientId}::uuid order by at desc, id desc limit ${ACCOUNT_VISITS}`,
    ),
    familyOf(db, clientId),
    openCredits(db, clientId),
  ])
  // the same definitions as queries/balances.ts, from the rows already read
  const debt = invoiceRows.reduce((s, i) => (i.status === 'cancelled' ? s : s + i.due), 0)
  const credit = pays.reduce((s, p) => s + p.credit - (p.method === 'credit' ? p.amount : 0), 0)
  const members = family
  return {
    clientId,
    debt,
    credit,
    invoices: invoiceRows.map((s) => ({
      ...s,
      lines: lines.filter((l) => l.invoiceId === s.id),
      payments: pays.filter((p) => p.invoiceId === s.id),
      refunds: backs.filter((r) => r.invoiceId === s.id),
    })),
    passes: passRows,
    visits: visits.map((v) => ({
      id: Number(v.id),
      passId: v.pass_id,
      owed: v.owed,
      source: v.source,
      lessonId: v.lesson_id,
      activityId: v.activity_id,
      on: v.on,
      sign: Number(v.sign),
      at: new Date(v.at),
    })),
    family: { total: debt + members.reduce((s, m) => s + m.debt, 0), members },
    makeUpCredits: credits,
  }
}

/** The client's siblings (other clients with a guardian phone in common, not erased) with their debts, in one query. */
export async function familyOf(
  db: Queryable,
  clientId: string,
): Promise<Array<{ clientId: string; name: string; debt: number }>> {
  const rows = await queryRows<{ id: string; first_name: string; last_name: string; debt: string | number }>(
    db,
    sql`select c.id, c.first_name, c.last_name, ${debtSql(sql`c.id`)} as debt from clients c
        where c.erased_at is null and c.id <> ${clientId}::uuid and c.id in (
          select s.client_id from client_guardians g
          join client_guardians s on s.phone_digits = g.phone_digits and s.phone_digits <> ''
          where g.client_id = ${clientId}::uuid)`,
  )
  return rows
    .map((r) => ({ clientId: r.id, name: `${r.first_name} ${r.last_name}`.trim(), debt: Number(r.debt) }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
