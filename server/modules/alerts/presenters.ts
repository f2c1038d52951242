import { z } from '@hono/zod-openapi'
import type { alerts } from '../../../db/schema/index'
import type { Locale } from '../../../domain/i18n/locales'
import { renderAlertMessage } from '../../../domain/alerts/messages'

export const AlertSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    severity: z.string(),
    subject: z.string(),
    /** In the reader's language (the request's). */
    message: z.string(),
    /** The message as stored: a catalogue id and its parameters. */
    messageId: z.string(),
    params: z.unknown(),
    details: z.unknown(),
    raisedAt: z.string(),
    clearedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .openapi('Alert')

/** An alert for a reader: its message rendered in `locale`. */
export const presentAlert = (a: typeof alerts.$inferSelect, locale: Locale): z.infer<typeof AlertSchema> => ({
  id: String(a.id),
  kind: a.kind,
  severity: a.severity,
  subject: a.subject,
  message: renderAlertMessage(locale, a.messageId, a.params, a.message),
  messageId: a.messageId,
  params: a.params,
  details: a.details ?? null,
  raisedAt: a.raisedAt.toISOString(),
  clearedAt: a.clearedAt?.toISOString() ?? null,
  acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
  acknowledgedBy: a.acknowledgedBy,
})
