import type { Db, Tx } from '../../db/client'
import { auditLog } from '../../db/schema/index'
import type { EventBus, EventMap, EventName } from '../events/bus'
import type { Actor } from '../../domain/roles'

/** Everything a command needs from the outside; commands never see the Hono context. */
export interface CommandContext {
  db: Db
  events: EventBus
  actor: Actor | null
  requestId: string
  /** Set once a command has committed with its audit row; the HTTP layer checks it on every mutation. */
  audited: boolean
}

/** What every command must hand back: the audit record is part of its return type, so it cannot be forgotten. */
export interface CommandOutcome<T> {
  result: T
  /** Entity type (`user`, `room`, …) and id the command changed. */
  entity: string
  entityId?: string | null
  before?: unknown
  after?: unknown
  /** Events published once the transaction has committed. */
  events?: Array<{ [K in EventName]: { name: K; payload: EventMap[K] } }[EventName]>
}

/** Extra audit rows a command may add (e.g. one per affected session). */
export type Audit = (row: {
  action: string
  entity: string
  entityId?: string | null
  before?: unknown
  after?: unknown
}) => Promise<void>

/**
 * Runs one state-changing command in one SQL transaction that also writes its `audit_log` row.
 * @example
 * const room = await runCommand(ctx, 'rooms.create', async (tx) => {
 *   const [row] = await tx.insert(rooms).values(input).returning()
 *   return { result: row, entity: 'room', entityId: row.id, after: row }
 * })
 */
export async function runCommand<T>(
  ctx: CommandContext,
  action: string,
  fn: (tx: Tx, audit: Audit) => Promise<CommandOutcome<T>>,
): Promise<T> {
  const outcome = await ctx.db.transaction(async (tx) => {
    const audit: Audit = async (row) => {
      await tx.insert(auditLog).values({
        actorId: ctx.actor?.id ?? null,
        action: row.action,
        entity: row.entity,
        entityId: row.entityId ?? null,
        before: json(row.before),
        after: json(row.after),
        requestId: ctx.requestId,
      })
    }
    const out = await fn(tx, audit)
    await audit({ action, entity: out.entity, entityId: out.entityId, before: out.before, after: out.after })
    return out
  })
  ctx.audited = true
  for (const e of outcome.events ?? []) ctx.events.emit(e.name, e.payload)
  return outcome.result
}

/** Dates and undefined become JSON-safe; secrets never reach the audit log. */
function json(value: unknown): unknown {
  if (value === undefined || value === null) return null
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'passwordHash' || key === 'tokenHash' ? undefined : v)))
}
