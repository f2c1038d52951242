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
    /** The branch it belongs to (null: the whole center). */
    branchId: z.string().nullable(),
    raisedAt: z.string(),
    clearedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .openapi('Alert')

/**
 * An alert as the alert list shows it: with the name of whoever acknowledged it and the time zone
 * its times are read in (its branch's, else the center's).
 */
export const ListedAlertSchema = AlertSchema.extend({
  /** The name of the staff member who acknowledged it (null: nobody yet). */
  acknowledgedByName: z.string().nullable(),
  /** Its branch's time zone, else the center's: where its times are read. */
  timeZone: z.string(),
}).openapi('ListedAlert')

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
  branchId: a.branchId ?? null,
  raisedAt: a.raisedAt.toISOString(),
  clearedAt: a.clearedAt?.toISOString() ?? null,
  acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
  acknowledgedBy: a.acknowledgedBy,
})

/** A row of the alert list (`listAlerts`) for a reader; `centerTimeZone` for alerts of no branch. */
export const presentListedAlert = (
  row: { alert: typeof alerts.$inferSelect; acknowledgedByName: string | null; branchTimeZone: string | null },
  locale: Locale,
  centerTimeZone: string,
): z.infer<typeof ListedAlertSchema> => ({
  ...presentAlert(row.alert, locale),
  acknowledgedByName: row.alert.acknowledgedBy ? row.acknowledgedByName : null,
  timeZone: row.branchTimeZone ?? centerTimeZone,
})
