import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/**
 * This installation's backups (migration 0014): one row per run, scheduled or on demand, with
 * where its file lies (a name inside the backups folder), its size and SHA-256, and why it failed.
 * `deleted_at` is set when the retention removed the file. Not itself part of a backup (it
 * describes one machine's files).
 */
export const backups = pgTable(
  'backups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    status: text('status').$type<'running' | 'ok' | 'failed'>().notNull().default('running'),
    /** schedule: the nightly job; demand: "Back up now"; cli: `npm run backup`. */
    trigger: text('trigger').$type<'schedule' | 'demand' | 'cli'>().notNull(),
    requestedBy: uuid('requested_by'),
    /** The instance (host and process) that wrote the file: the file is on its disk. */
    instance: text('instance').notNull(),
    driver: text('driver').notNull(),
    file: text('file'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    sha256: text('sha256'),
    encrypted: boolean('encrypted').notNull().default(false),
    tables: integer('tables'),
    rows: bigint('rows', { mode: 'number' }),
    /** Why it failed, as a message id of the catalogue; `error_detail` is the technical reason (logs, English). */
    errorId: text('error_id'),
    errorDetail: text('error_detail'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('backups_started_idx').on(t.startedAt),
    check('backups_status', sql`${t.status} in ('running', 'ok', 'failed')`),
    check('backups_trigger', sql`${t.trigger} in ('schedule', 'demand', 'cli')`),
  ],
)

/**
 * The owner's backup schedule and retention (one row, `id` = 1; missing until first changed: the
 * defaults are then in force): daily at `time` in `time_zone` (null: the center's, its first
 * branch's), keeping the newest backup of each of the last `keep_daily` days, `keep_weekly` weeks
 * and `keep_monthly` months.
 */
export const backupSettings = pgTable(
  'backup_settings',
  {
    id: integer('id').primaryKey().default(1),
    enabled: boolean('enabled').notNull().default(true),
    time: text('time').notNull().default('03:00'),
    timeZone: text('time_zone'),
    keepDaily: integer('keep_daily').notNull().default(7),
    keepWeekly: integer('keep_weekly').notNull().default(4),
    keepMonthly: integer('keep_monthly').notNull().default(12),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    check('backup_settings_one_row', sql`${t.id} = 1`),
    check('backup_settings_time', sql`${t.time} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check(
      'backup_settings_keep',
      sql`${t.keepDaily} between 0 and 366 and ${t.keepWeekly} between 0 and 260 and ${t.keepMonthly} between 0 and 120`,
    ),
  ],
)

/**
 * The job scheduler's claims (server/jobs): per job, the latest scheduled time (`slot`) some
 * instance has claimed (compare-and-set, so each scheduled run is claimed once across instances),
 * and who is running it now (a run on demand claims `running_by` too, so one job never runs twice
 * at once). Not part of a backup.
 */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  slot: timestamp('slot', { withTimezone: true }).notNull(),
  runningBy: text('running_by'),
  runningSince: timestamp('running_since', { withTimezone: true }),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  lastOkAt: timestamp('last_ok_at', { withTimezone: true }),
  lastError: text('last_error'),
})
