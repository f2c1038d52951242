import { z } from '@hono/zod-openapi'
import type { alerts } from '../../../db/schema/index'

export const AlertSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    severity: z.string(),
    subject: z.string(),
    message: z.string(),
    details: z.unknown(),
    raisedAt: z.string(),
    clearedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .openapi('Alert')

export const presentAlert = (a: typeof alerts.$inferSelect): z.infer<typeof AlertSchema> => ({
  id: String(a.id),
  kind: a.kind,
  severity: a.severity,
  subject: a.subject,
  message: a.message,
  details: a.details ?? null,
  raisedAt: a.raisedAt.toISOString(),
  clearedAt: a.clearedAt?.toISOString() ?? null,
  acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
  acknowledgedBy: a.acknowledgedBy,
})
