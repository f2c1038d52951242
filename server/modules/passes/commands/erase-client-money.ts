import { sql } from 'drizzle-orm'
import { queryRows } from '../../../../db/client'
import type { ClientErasedInput } from '../../../contracts/hooks'

/**
 * The passes area's step of an erasure (the `client.erased` hook, in the erasure's transaction):
 * the client's invoices, payments, refunds and passes stay (the center's books still add up), but
 * the payer's name and phone and the reasons staff typed lose what they said
 * (`clubroom_erase_client_money`, migration 0019). The counts go on the trail.
 */
export async function eraseClientMoney({ tx, clientId, audit }: ClientErasedInput): Promise<void> {
  const [row] = await queryRows<{ removed: Record<string, number> }>(
    tx,
    sql`select clubroom_erase_client_money(${clientId}::uuid) as removed`,
  )
  if (Object.values(row.removed).some((n) => n > 0))
    await audit({ action: 'passes.erase_client', entity: 'client', entityId: clientId, after: { removed: row.removed } })
}
