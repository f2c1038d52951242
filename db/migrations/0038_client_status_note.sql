-- A client's status change keeps the note typed with it in its own column (issue #20): on leaving,
-- `reason` is a leave reason's code (domain/clients/vocabulary.ts LEAVE_REASONS) and the note says
-- more; any other change may carry a note alone. The notes typed before were kept in `reason` for
-- the changes that were not a leaving: they move to `note`.
ALTER TABLE "client_status_history" ADD COLUMN IF NOT EXISTS "note" text;
--> statement-breakpoint
UPDATE "client_status_history" SET "note" = "reason", "reason" = NULL
  WHERE "to_status" <> 'left' AND "reason" IS NOT NULL AND "note" IS NULL;
