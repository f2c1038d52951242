import { eq, sql } from 'drizzle-orm'
import { queryRows } from '../../../../db/client'
import { loans } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, ValidationError, type FieldMessages } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { clearAlerts } from '../../alerts/index'
import { moveStock } from '../../stock/index'
import { loanAlerts } from '../alert-kinds'
import { clientExists, groupBranch } from '../queries'

export interface LendInput {
  clientId: string
  productId: string
  storeId: string
  quantity: number
  groupId?: string | null
  dueDate: string
}

export type LoanRecord = typeof loans.$inferSelect

/** Textbooks and kits are lent; goods and consumables are sold or used. */
const LENDABLE = new Set(['textbook', 'kit'])

/**
 * Lends a textbook or kit: the loan, the stock going out of the store (a `loan` stock document
 * naming the client, through the stock area's `moveStock`: 409 naming the line when there is not
 * enough on hand) and the audit row, in one transaction. The route has checked the store's branch
 * (`store.branchId`) and that the due day is not before today (`day`).
 */
export function lendItem(
  ctx: CommandContext,
  actor: Actor,
  input: LendInput,
  store: { id: string; branchId: string },
  day: string,
  /** The day whose costs the stock goes out at (the demo lends in the past at today's costs). */
  stockDay = day,
): Promise<LoanRecord> {
  return runCommand(ctx, 'loans.lend', async (tx, audit) => {
    const bad: FieldMessages = {}
    if (!(await clientExists(tx, input.clientId))) bad.clientId = 'loans.unknownClient'
    const [product] = await queryRows<{ kind: string }>(
      tx,
      sql`select kind from products where id = ${input.productId}::uuid and archived_at is null`,
    )
    if (!product) bad.productId = 'loans.unknownProduct'
    else if (!LENDABLE.has(product.kind)) bad.productId = 'loans.notLendable'
    if (input.groupId) {
      const branch = await groupBranch(tx, input.groupId)
      if (!branch) bad.groupId = 'loans.unknownGroup'
      else if (branch !== store.branchId) bad.groupId = 'loans.groupOtherBranch'
    }
    if (input.dueDate < day) bad.dueDate = 'loans.dueInPast'
    if (Object.keys(bad).length) throw ValidationError(bad)
    const [loan] = await tx
      .insert(loans)
      .values({
        clientId: input.clientId,
        productId: input.productId,
        storeId: store.id,
        branchId: store.branchId,
        groupId: input.groupId ?? null,
        quantity: input.quantity,
        dueOn: input.dueDate,
        issuedBy: actor.id,
      })
      .returning()
    const moved = await moveStock(
      tx,
      audit,
      actor.id,
      {
        kind: 'loan',
        storeId: store.id,
        clientId: input.clientId,
        source: { type: 'loan', id: loan.id },
        lines: [{ key: 'loan', productId: input.productId, quantity: input.quantity }],
      },
      stockDay,
    )
    const [row] = await tx.update(loans).set({ issueDocumentId: moved.documentId }).where(eq(loans.id, loan.id)).returning()
    return {
      result: row,
      entity: 'loan',
      entityId: row.id,
      after: row,
      events: [
        ...moved.events,
        { name: 'entity.changed', payload: { type: 'loan', id: row.id, action: 'lent', branchId: store.branchId } },
      ],
    }
  })
}

export type ReturnCondition = 'good' | 'worn' | 'damaged' | 'lost'

/**
 * Takes a loan back with its condition: a `loan_return` stock document brings the item back into
 * the store it was lent from (good, worn or damaged: it is still there, to be written off by a
 * keeper if it cannot be lent again); a lost item brings nothing back (the loan was its stock
 * going out). Clears the loan's `loan_overdue`. A second return is a 409 and writes nothing.
 */
export function returnItem(
  ctx: CommandContext,
  actor: Actor,
  loanId: string,
  input: { condition: ReturnCondition; note?: string | null },
  day: string,
): Promise<LoanRecord> {
  return runCommand(ctx, 'loans.return', async (tx, audit) => {
    const [loan] = await tx.select().from(loans).where(eq(loans.id, loanId)).for('update')
    if (!loan) throw ConflictError('loans.notFound')
    if (loan.returnedAt) throw ConflictError('loans.alreadyReturned', { condition: 'loans.alreadyReturned' })
    const moved =
      input.condition === 'lost'
        ? null
        : await moveStock(
            tx,
            audit,
            actor.id,
            {
              kind: 'loan_return',
              storeId: loan.storeId,
              clientId: loan.clientId,
              source: { type: 'loan', id: loan.id },
              lines: [{ key: 'return', productId: loan.productId, quantity: loan.quantity }],
            },
            day,
          )
    const [row] = await tx
      .update(loans)
      .set({
        returnedAt: new Date(),
        returnedBy: actor.id,
        condition: input.condition,
        returnNote: input.note?.trim() || null,
        returnDocumentId: moved?.documentId ?? null,
      })
      .where(eq(loans.id, loan.id))
      .returning()
    const cleared = await clearAlerts(tx, [{ kind: loanAlerts.loan_overdue.kind, subject: `loan:${loan.id}` }], actor.id)
    return {
      result: row,
      entity: 'loan',
      entityId: row.id,
      before: { returnedAt: null },
      after: {
        returnedAt: row.returnedAt,
        condition: row.condition,
        note: row.returnNote,
        returnDocumentId: row.returnDocumentId,
      },
      events: [
        ...(moved?.events ?? []),
        ...cleared,
        { name: 'entity.changed', payload: { type: 'loan', id: row.id, action: 'returned', branchId: loan.branchId } },
      ],
    }
  })
}
