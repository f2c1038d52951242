import { sql } from 'drizzle-orm'
import { queryRows } from '../../../../db/client'
import type { ClientStatusChangedInput } from '../../../contracts/hooks'
import { reviewPassAlerts } from '../pass-alerts'

/**
 * The passes area's step of a client's status change (the `client.statusChanged` hook, in its
 * transaction): a client who leaves the center takes their running-out, used-up and expired flags
 * off the wall at once (not at the next nightly review), and one who comes back gets them again
 * as their passes stand. Other moves (trial → active, paused) change no pass flag.
 */
export async function reviewClientPasses({ tx, clientId, from, to, by, events }: ClientStatusChangedInput): Promise<void> {
  if ((from === 'left') === (to === 'left')) return
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from passes where client_id = ${clientId}::uuid and ended_at is null order by id`,
  )
  events.push(
    ...(await reviewPassAlerts(
      tx,
      rows.map((r) => r.id),
      by,
    )),
  )
}
