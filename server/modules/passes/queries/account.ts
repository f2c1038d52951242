import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import { clientGuardians, clients, invoices, passes } from '../../../../db/schema/index'
import { clientCredits, clientDebts } from './balances'
import {
  invoiceLinesOf,
  invoiceStates,
  paymentsOf,
  refundsOf,
  type InvoiceState,
  type LineRow,
  type PaymentRow,
  type RefundRow,
} from './invoices'

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
}

/** The most recent visits an account shows (the full ledger is paged elsewhere). */
export const ACCOUNT_VISITS = 100

/**
 * A client's account: debt and credit, invoices (newest first) with lines, payments and refunds,
 * passes (newest first), the latest visits, and the family's debt (siblings through a guardian's
 * phone). Reads the tables directly; four to eight indexed queries whatever the history's length
 * (the visits are capped at ACCOUNT_VISITS).
 */
export async function clientAccount(db: Queryable, clientId: string): Promise<Account> {
  const invoiceRows = await db
    .select()
    .from(invoices)
    .where(eq(invoices.clientId, clientId))
    .orderBy(desc(invoices.issuedOn), desc(invoices.number))
  const states = await invoiceStates(db, invoiceRows)
  const ids = invoiceRows.map((i) => i.id)
  const [lines, pays, backs] = [await invoiceLinesOf(db, ids), await paymentsOf(db, ids), await refundsOf(db, ids)]
  const passRows = await db.select().from(passes).where(eq(passes.clientId, clientId)).orderBy(desc(passes.startsOn))
  const visits = await queryRows<{
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
  )
  const family = await familyOf(db, clientId)
  const debts = await clientDebts(db, [clientId, ...family.map((f) => f.clientId)])
  const credit = (await clientCredits(db, [clientId])).get(clientId) ?? 0
  const debt = debts.get(clientId) ?? 0
  const members = family.map((f) => ({ ...f, debt: debts.get(f.clientId) ?? 0 }))
  return {
    clientId,
    debt,
    credit,
    invoices: states.map((s) => ({
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
  }
}

/** The client's siblings: other clients with a guardian phone in common (not erased). */
export async function familyOf(db: Queryable, clientId: string): Promise<Array<{ clientId: string; name: string }>> {
  const phones = await db
    .select({ digits: clientGuardians.phoneDigits })
    .from(clientGuardians)
    .where(eq(clientGuardians.clientId, clientId))
  const digits = [...new Set(phones.map((p) => p.digits).filter((d) => d))]
  if (!digits.length) return []
  const rows = await db
    .selectDistinct({ clientId: clients.id, first: clients.firstName, last: clients.lastName })
    .from(clientGuardians)
    .innerJoin(clients, eq(clients.id, clientGuardians.clientId))
    .where(
      and(inArray(clientGuardians.phoneDigits, digits), ne(clientGuardians.clientId, clientId), sql`${clients.erasedAt} is null`),
    )
  return rows
    .map((r) => ({ clientId: r.clientId, name: `${r.first} ${r.last}`.trim() }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
