-- Users belong to one or more branches (empty = every branch: owners, managers, auditors only).
ALTER TABLE "users" ADD COLUMN "branch_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
UPDATE "users" SET "branch_ids" = ARRAY["branch_id"] WHERE "branch_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "branch_id";
