import { asc, eq, inArray, or, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import {
  alerts,
  attendance,
  auditLog,
  groupMembers,
  groups,
  invoiceLines,
  invoices,
  lessons,
  loans,
  products,
  makeUpCredits,
  passes,
  passFreezes,
  passPlans,
  passVisits,
  payments,
  refunds,
  saleLines,
  saleReturnLines,
  saleReturns,
  sales,
  stockDocuments,
  stockMovements,
  visits,
  waitingList,
} from '../../../db/schema/index'

/**
 * The parts of a client's export that other areas hold: their groups and waiting lists, the
 * attendance journal, visits (with reversals), make-up credits, every alert about them and every
 * command that concerned them (not only the client's own); their passes (with freezes), the
 * sessions written off them, invoices (with lines), payments and refunds. One query each, in time order.
 */
export async function clientActivitySections(db: Db, clientId: string) {
  const mentions = (column: typeof auditLog.before | typeof alerts.details) => sql`${column}::text like ${'%' + clientId + '%'}`
  const [memberships, waiting, journal, visitRows, credits, alertRows, auditRows, money] = await Promise.all([
    db
      .select({
        groupId: groupMembers.groupId,
        group: groups.name,
        joinedAt: groupMembers.joinedAt,
        joinedBy: groupMembers.joinedBy,
        leftAt: groupMembers.leftAt,
        leftBy: groupMembers.leftBy,
      })
      .from(groupMembers)
      .leftJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(eq(groupMembers.clientId, clientId))
      .orderBy(asc(groupMembers.joinedAt)),
    db
      .select({
        id: waitingList.id,
        groupId: waitingList.groupId,
        group: groups.name,
        status: waitingList.status,
        addedAt: waitingList.addedAt,
        offeredAt: waitingList.offeredAt,
        closedAt: waitingList.closedAt,
      })
      .from(waitingList)
      .leftJoin(groups, eq(groups.id, waitingList.groupId))
      .where(eq(waitingList.clientId, clientId))
      .orderBy(asc(waitingList.addedAt)),
    db
      .select({
        lessonId: attendance.lessonId,
        startsAt: lessons.startsAt,
        status: attendance.status,
        grade: attendance.grade,
        comment: attendance.comment,
        at: attendance.at,
        by: attendance.by,
      })
      .from(attendance)
      .leftJoin(lessons, eq(lessons.id, attendance.lessonId))
      .where(eq(attendance.clientId, clientId))
      .orderBy(asc(attendance.at)),
    db.select().from(visits).where(eq(visits.clientId, clientId)).orderBy(asc(visits.id)),
    db.select().from(makeUpCredits).where(eq(makeUpCredits.clientId, clientId)).orderBy(asc(makeUpCredits.id)),
    db
      .select()
      .from(alerts)
      .where(or(eq(alerts.subject, `client:${clientId}`), mentions(alerts.details)))
      .orderBy(asc(alerts.id)),
    db
      .select()
      .from(auditLog)
      .where(
        or(eq(auditLog.entityId, clientId), mentions(auditLog.before), sql`${auditLog.after}::text like ${'%' + clientId + '%'}`),
      )
      .orderBy(asc(auditLog.id)),
    clientMoneySections(db, clientId),
  ])
  const goods = await clientGoodsSections(db, clientId)
  return {
    groups: memberships,
    waitingList: waiting,
    attendance: journal,
    visits: visitRows,
    makeUpCredits: credits,
    ...money,
    ...goods,
    alerts: alertRows,
    audit: auditRows.map((a) => ({
      at: a.at.toISOString(),
      action: a.action,
      entity: a.entity,
      entityId: a.entityId,
      actorId: a.actorId,
      before: a.before,
      after: a.after,
    })),
  }
}

/** The client's passes (with their freezes and the plan's name), the pass ledger, invoices with their lines, payments and refunds. */
async function clientMoneySections(db: Db, clientId: string) {
  const [passRows, ledger, invoiceRows, paymentRows, refundRows] = await Promise.all([
    db
      .select({ pass: passes, plan: passPlans.name })
      .from(passes)
      .leftJoin(passPlans, eq(passPlans.id, passes.planId))
      .where(eq(passes.clientId, clientId))
      .orderBy(asc(passes.createdAt)),
    db.select().from(passVisits).where(eq(passVisits.clientId, clientId)).orderBy(asc(passVisits.id)),
    db.select().from(invoices).where(eq(invoices.clientId, clientId)).orderBy(asc(invoices.createdAt)),
    db.select().from(payments).where(eq(payments.clientId, clientId)).orderBy(asc(payments.at)),
    db.select().from(refunds).where(eq(refunds.clientId, clientId)).orderBy(asc(refunds.at)),
  ])
  const passIds = passRows.map((r) => r.pass.id)
  const invoiceIds = invoiceRows.map((i) => i.id)
  const [freezes, lines] = await Promise.all([
    passIds.length ? db.select().from(passFreezes).where(inArray(passFreezes.passId, passIds)).orderBy(asc(passFreezes.id)) : [],
    invoiceIds.length
      ? db.select().from(invoiceLines).where(inArray(invoiceLines.invoiceId, invoiceIds)).orderBy(asc(invoiceLines.id))
      : [],
  ])
  return {
    passes: passRows.map((r) => ({ ...r.pass, plan: r.plan, freezes: freezes.filter((f) => f.passId === r.pass.id) })),
    passVisits: ledger,
    invoices: invoiceRows.map(({ payerPhoneDigits: _d, ...i }) => ({ ...i, lines: lines.filter((l) => l.invoiceId === i.id) })),
    payments: paymentRows,
    refunds: refundRows,
  }
}

/**
 * What the client bought and borrowed: sales (with lines), their returns (with lines), loans, and
 * every stock document that handed them goods or took goods back (a sale, a loan, their returns),
 * with its movements and the products' names.
 */
async function clientGoodsSections(db: Db, clientId: string) {
  const [saleRows, returnRows, loanRows, docRows] = await Promise.all([
    db.select().from(sales).where(eq(sales.clientId, clientId)).orderBy(asc(sales.at)),
    db.select().from(saleReturns).where(eq(saleReturns.clientId, clientId)).orderBy(asc(saleReturns.at)),
    db.select().from(loans).where(eq(loans.clientId, clientId)).orderBy(asc(loans.issuedAt)),
    db.select().from(stockDocuments).where(eq(stockDocuments.clientId, clientId)).orderBy(asc(stockDocuments.createdAt)),
  ])
  const saleIds = saleRows.map((r) => r.id)
  const returnIds = returnRows.map((r) => r.id)
  const docIds = docRows.map((d) => d.id)
  const [lines, returnLines, movements] = await Promise.all([
    saleIds.length ? db.select().from(saleLines).where(inArray(saleLines.saleId, saleIds)).orderBy(asc(saleLines.id)) : [],
    returnIds.length
      ? db.select().from(saleReturnLines).where(inArray(saleReturnLines.returnId, returnIds)).orderBy(asc(saleReturnLines.id))
      : [],
    docIds.length
      ? db
          .select({ movement: stockMovements, product: products.name })
          .from(stockMovements)
          .leftJoin(products, eq(products.id, stockMovements.productId))
          .where(inArray(stockMovements.documentId, docIds))
          .orderBy(asc(stockMovements.id))
      : [],
  ])
  return {
    sales: saleRows.map((s) => ({ ...s, lines: lines.filter((l) => l.saleId === s.id) })),
    saleReturns: returnRows.map((r) => ({ ...r, lines: returnLines.filter((l) => l.returnId === r.id) })),
    loans: loanRows,
    stockReceived: docRows.map((d) => ({
      ...d,
      movements: movements.filter((m) => m.movement.documentId === d.id).map((m) => ({ ...m.movement, product: m.product })),
    })),
  }
}
