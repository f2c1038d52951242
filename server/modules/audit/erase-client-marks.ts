import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/client'
import type { ClientErasedInput } from '../../contracts/hooks'

/**
 * The audit area's step of an erasure (the `client.erased` hook, in the erasure's transaction): the
 * auditors' marks stay, but a comment on a change about the client becomes "[erased]", and the words
 * naming them in any other comment do (`clubroom_erase_client_marks`, migration 0023). The count
 * goes on the trail.
 */
export async function eraseClientMarks({ tx, clientId, mentions, audit }: ClientErasedInput): Promise<void> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select clubroom_erase_client_marks(${clientId}::uuid, ARRAY[${sql.join(
      mentions.map((m) => sql`${m}::text`),
      sql`, `,
    )}]::text[]) as n`,
  )
  if (Number(row.n) > 0)
    await audit({ action: 'audit.erase_client', entity: 'client', entityId: clientId, after: { marks: Number(row.n) } })
}
