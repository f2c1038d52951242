import { eq, sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import { clients } from '../../../../db/schema/index'
import { toDecimalString } from '../../../../domain/money'
import type { Currency } from '../../../../domain/i18n/format'
import type { CommandEvent } from '../../../contracts/hooks'
import { clearAlert, setAlert, type AlertEvent } from '../../alerts/index'
import { centerSettingsOf } from '../../center/index'
import { passAlerts } from '../alert-kinds'
import { clientDebts } from '../queries/balances'

/** An amount as alert parameters carry it: the plain decimal and the currency code ("12000 AMD"). */
export const amountParam = (amount: number, currency: Currency): string => `${toDecimalString(amount, currency)} ${currency}`

const only = (events: Array<AlertEvent | null>): CommandEvent[] => events.filter((e): e is AlertEvent => e !== null)

/**
 * Raises the client's `debt` alert (subject `client:<id>`) while they owe anything, with the
 * amount; clears it when they owe nothing. In the caller's transaction, after the change.
 */
export async function reviewDebt(tx: Queryable, clientId: string, by: string | null): Promise<CommandEvent[]> {
  const debt = (await clientDebts(tx, [clientId])).get(clientId) ?? 0
  const [client] = await tx
    .select({ firstName: clients.firstName, lastName: clients.lastName, branchId: clients.branchId })
    .from(clients)
    .where(eq(clients.id, clientId))
    .limit(1)
  const { currency } = await centerSettingsOf(tx)
  const [last] = await queryRows<{ branch_id: string }>(
    tx,
    sql`select branch_id from invoices where client_id = ${clientId}::uuid order by created_at desc limit 1`,
  )
  return only([
    await setAlert(tx, debt > 0, {
      kind: passAlerts.debt,
      subject: `client:${clientId}`,
      message: {
        id: 'passes.alert.debt',
        params: { client: client ? `${client.firstName} ${client.lastName}`.trim() : '—', amount: amountParam(debt, currency) },
      },
      details: { clientId, debt },
      branchId: client?.branchId ?? last?.branch_id ?? null,
      by,
    }),
  ])
}

/** Clears an invoice's `invoice_overdue` alert when nothing is due on it any more (paid, cancelled). */
export async function clearOverdueIfSettled(
  tx: Queryable,
  invoiceId: string,
  due: number,
  cancelled: boolean,
  by: string | null,
): Promise<CommandEvent[]> {
  if (due > 0 && !cancelled) return []
  return only([await clearAlert(tx, passAlerts.invoice_overdue.kind, `invoice:${invoiceId}`, by)])
}
