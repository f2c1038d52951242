-- Running the center from its screens (issue #17): what the setup screens need that the tables
-- did not keep. Only additions (docs/CONTRIBUTING.md, expand / contract).
-- 1. An activity's type in the catalogue (course, club, one-off event, party), its room
--    requirements and safety and hygiene notes, and the date its current norms apply from.
-- 2. Every version of an activity's norms, by the date it applies from (written by the catalogue's
--    commands in their transaction; the activity row keeps the latest).
-- 3. A room can be taken out of booking, and archived (kept for history, no longer offered).
ALTER TABLE "activities" ADD COLUMN "activity_type" text DEFAULT 'course' NOT NULL;
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "room_requirements" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "safety_notes" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "norms_from" date;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "activity_norm_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" uuid NOT NULL REFERENCES "activities"("id"),
	"valid_from" date NOT NULL,
	"norms" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "activity_norm_versions_activity_idx" ON "activity_norm_versions" ("activity_id", "valid_from");
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "activity_norm_versions" TO clubroom_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON SEQUENCE "activity_norm_versions_id_seq" TO clubroom_app;
--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "bookable" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "archived_at" timestamp with time zone;
