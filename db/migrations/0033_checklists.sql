-- Production control (issue #20, server/modules/checklists): checklist templates per branch or room
-- with a schedule and a responsible role; the checklists due on each day, filled as the live
-- document `checklist:<id>` and locked when submitted (their values kept); photos taken while filling.
CREATE TABLE "checklist_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"room_id" uuid REFERENCES "rooms"("id"),
	"name" text NOT NULL,
	"items" jsonb NOT NULL,
	"schedule" text NOT NULL,
	"weekday" integer,
	"month_day" integer,
	"due_time" text DEFAULT '12:00' NOT NULL,
	"responsible_role" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "checklist_templates_schedule" CHECK ("checklist_templates"."schedule" in ('daily', 'weekly', 'monthly')),
	CONSTRAINT "checklist_templates_weekday" CHECK ("checklist_templates"."weekday" is null or "checklist_templates"."weekday" between 1 and 7),
	CONSTRAINT "checklist_templates_month_day" CHECK ("checklist_templates"."month_day" is null or "checklist_templates"."month_day" between 1 and 28)
);
--> statement-breakpoint
CREATE INDEX "checklist_templates_branch_idx" ON "checklist_templates" USING btree ("branch_id");
--> statement-breakpoint
CREATE TABLE "checklists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL REFERENCES "checklist_templates"("id"),
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"room_id" uuid REFERENCES "rooms"("id"),
	"name" text NOT NULL,
	"items" jsonb NOT NULL,
	"responsible_role" text NOT NULL,
	"due_on" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"result" text,
	"values" jsonb,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklists_template_day" UNIQUE ("template_id", "due_on"),
	CONSTRAINT "checklists_status" CHECK ("checklists"."status" in ('open', 'submitted')),
	CONSTRAINT "checklists_result" CHECK ("checklists"."result" is null or "checklists"."result" in ('ok', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "checklists_branch_due_idx" ON "checklists" USING btree ("branch_id", "due_on");
--> statement-breakpoint
CREATE INDEX "checklists_open_due_idx" ON "checklists" USING btree ("due_at") WHERE "checklists"."status" = 'open';
--> statement-breakpoint
CREATE TABLE "checklist_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checklist_id" uuid NOT NULL REFERENCES "checklists"("id") ON DELETE cascade,
	"item_key" text,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE INDEX "checklist_photos_checklist_idx" ON "checklist_photos" USING btree ("checklist_id");
