import { sql, type SQL } from 'drizzle-orm'
import type { OwingCheckDef } from '../../contracts/owing'
import { centerSettingsOf } from '../center/index'
import { amountParam } from './commands/payments-alerts'
import { clientDebts, debtSql } from './queries/balances'

/**
 * The owing check `debt`: a client owes while anything is due on their invoices (whatever the
 * activity looked at): the timetable's line, the roster and the client's chip turn red, with the
 * amount on hover.
 */
export const debtOwing: OwingCheckDef = {
  name: 'passes.debt',
  async check(clientIds, ctx) {
    const out = new Map<string, Array<{ id: 'passes.owing.debt'; params: { amount: string } }>>()
    if (!clientIds.length) return out
    const debts = await clientDebts(ctx.db, clientIds)
    const { currency } = await centerSettingsOf(ctx.db)
    for (const [id, debt] of debts)
      if (debt > 0) out.set(id, [{ id: 'passes.owing.debt', params: { amount: amountParam(debt, currency) } }])
    return out
  },
  sql: (clientId: SQL) => sql`(${debtSql(clientId)}) > 0`,
}
