import { sql } from 'drizzle-orm'
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

/**
 * Red flags. A rule raises an alert for a cause (kind + subject) and clears it when the cause
 * goes away; at most one open alert per cause (partial unique index).
 */
export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    severity: text('severity').notNull().default('warning'),
    /** `client:<id>`, `room:<id>`, … */
    subject: text('subject').notNull(),
    /** The English text (logs, old readers); readers get `messageId` + `params` rendered in their language. */
    message: text('message').notNull(),
    /** The message's kind: a catalogue id (`alerts.roomClash`; `alerts.legacy` for rows from before). */
    messageId: text('message_id').notNull().default('alerts.legacy'),
    /** Its parameters (server/modules/alerts/messages.ts: names, lesson times with their time zone, lists). */
    params: jsonb('params')
      .notNull()
      .default(sql`'{}'::jsonb`),
    details: jsonb('details'),
    branchId: uuid('branch_id'),
    /** Roles that see it in their feed. */
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    raisedBy: uuid('raised_by'),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
    clearedBy: uuid('cleared_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by'),
  },
  (t) => [
    uniqueIndex('alerts_open_cause_idx')
      .on(t.kind, t.subject)
      .where(sql`${t.clearedAt} is null`),
    index('alerts_subject_idx').on(t.subject),
    index('alerts_open_idx')
      .on(t.raisedAt)
      .where(sql`${t.clearedAt} is null`),
  ],
)
