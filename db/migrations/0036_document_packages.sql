-- The monthly document package (issue #20, server/modules/document-package): one ZIP per branch and
-- period with the period's documents as PDF and a CSV index, generated at month close and on demand.
-- The file is kept in the database (bytea, a few MB a month): every instance serves it, and a
-- backup carries it. Only additions.
CREATE TABLE IF NOT EXISTS "document_packages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"trigger" text NOT NULL,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"finished_at" timestamp with time zone,
	"file_name" text,
	"size_bytes" integer,
	"sha256" text,
	"documents" integer,
	"data" bytea,
	"error" text,
	CONSTRAINT "document_packages_status" CHECK ("document_packages"."status" in ('running', 'ok', 'failed')),
	CONSTRAINT "document_packages_trigger" CHECK ("document_packages"."trigger" in ('schedule', 'demand')),
	CONSTRAINT "document_packages_period" CHECK ("document_packages"."period_to" >= "document_packages"."period_from")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "document_packages_branch_period_idx" ON "document_packages" USING btree ("branch_id", "period_from", "created_at");
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "document_packages" TO clubroom_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON SEQUENCE "document_packages_id_seq" TO clubroom_app;
