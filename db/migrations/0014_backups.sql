-- Backups (issue #21): the history of this installation's backups, the owner's schedule and retention,
-- and the job scheduler's claims (one row per scheduled job, so that with several instances each
-- scheduled run is claimed by exactly one of them).
CREATE TABLE "backups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text DEFAULT 'running' NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" uuid,
	"instance" text NOT NULL,
	"driver" text NOT NULL,
	"file" text,
	"size_bytes" bigint,
	"sha256" text,
	"encrypted" boolean DEFAULT false NOT NULL,
	"tables" integer,
	"rows" bigint,
	"error_id" text,
	"error_detail" text,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "backups_status" CHECK ("backups"."status" in ('running', 'ok', 'failed')),
	CONSTRAINT "backups_trigger" CHECK ("backups"."trigger" in ('schedule', 'demand', 'cli'))
);--> statement-breakpoint
CREATE INDEX "backups_started_idx" ON "backups" ("started_at");--> statement-breakpoint
CREATE TABLE "backup_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"time" text DEFAULT '03:00' NOT NULL,
	"time_zone" text,
	"keep_daily" integer DEFAULT 7 NOT NULL,
	"keep_weekly" integer DEFAULT 4 NOT NULL,
	"keep_monthly" integer DEFAULT 12 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "backup_settings_one_row" CHECK ("backup_settings"."id" = 1),
	CONSTRAINT "backup_settings_time" CHECK ("backup_settings"."time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "backup_settings_keep" CHECK ("backup_settings"."keep_daily" between 0 and 366 and "backup_settings"."keep_weekly" between 0 and 260 and "backup_settings"."keep_monthly" between 0 and 120)
);--> statement-breakpoint
CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"running_by" text,
	"running_since" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_ok_at" timestamp with time zone,
	"last_error" text
);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "backups", "backup_settings", "scheduled_jobs" TO clubroom_app;--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON SEQUENCE "backups_id_seq" TO clubroom_app;
--> statement-breakpoint
-- a backup records the schema version it was made at (the migrations applied): the server reads it as the app role
GRANT USAGE ON SCHEMA drizzle TO clubroom_app;--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO clubroom_app;
