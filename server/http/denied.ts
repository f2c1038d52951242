import type { Message } from '../../domain/i18n/catalogue'
import { auditLog } from '../../db/schema/index'
import { AppError } from '../errors'
import type { CommandContext } from './command'

/** What a refused attempt was: the command it tried, on what, and what it tried to set. */
export interface Attempt {
  action: string
  entity: string
  entityId?: string | null
  attempted?: unknown
}

/**
 * Records a refused attempt as an audit row (`denied`), committed on its own: the command's
 * transaction has rolled back (or never started), but the auditor must still see who tried.
 * Secrets (passwords) are never in `attempted`. `reason` is the English text, `message` its catalogue message.
 */
export async function auditDenied(ctx: CommandContext, attempt: Attempt, reason: string, message?: Message): Promise<void> {
  await ctx.db.insert(auditLog).values({
    actorId: ctx.actor?.id ?? null,
    action: 'denied',
    entity: attempt.entity,
    entityId: attempt.entityId ?? null,
    after: {
      attempted: attempt.action,
      reason,
      // the reason as kind + parameters, for reading it in another language
      ...(message ? { reasonMessage: message } : {}),
      ...(attempt.attempted !== undefined ? { input: JSON.parse(JSON.stringify(attempt.attempted)) } : {}),
    },
    requestId: ctx.requestId,
  })
}

/**
 * Runs `fn`; a 403 it throws (from a policy check before or inside the command) is recorded as a
 * `denied` audit row before it reaches the client.
 */
export async function recordingDenials<T>(ctx: CommandContext, attempt: Attempt, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof AppError && err.status === 403) await auditDenied(ctx, attempt, err.message, err.msg)
    throw err
  }
}
