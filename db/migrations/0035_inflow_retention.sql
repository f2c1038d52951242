-- Inflow and retention (issue #20). A client's "how did you hear about us" keeps its code in
-- clients.source (a fixed list, domain/clients/vocabulary.ts LEAD_SOURCES) and now an optional note.
ALTER TABLE "clients" ADD COLUMN IF NOT EXISTS "source_note" text;
--> statement-breakpoint
-- Why a member left a group is a code of the leave reasons (LEAVE_REASONS) plus the note typed
-- with it (left_reason, kept). The reasons typed before: the English, Armenian or Russian words of
-- a code become that code; any other text becomes 'other' with the text as its note.
ALTER TABLE "group_members" ADD COLUMN IF NOT EXISTS "left_reason_code" text;
--> statement-breakpoint
UPDATE "group_members" SET "left_reason_code" = CASE
    WHEN lower(trim("left_reason")) IN ('moved', 'moved away', 'переехал', 'переезд', 'տեղափոխվել է') THEN 'moved'
    WHEN lower(trim("left_reason")) IN ('schedule', 'расписание', 'ժամանակացույց') THEN 'schedule'
    WHEN lower(trim("left_reason")) IN ('price', 'цена', 'գին') THEN 'price'
    WHEN lower(trim("left_reason")) IN ('lost interest', 'пропал интерес', 'կորցրել է հետաքրքրությունը') THEN 'lost_interest'
    WHEN lower(trim("left_reason")) IN ('health', 'здоровье') THEN 'health'
    ELSE 'other' END,
  "left_reason" = CASE
    WHEN lower(trim("left_reason")) IN ('moved', 'moved away', 'переехал', 'переезд', 'տեղափոխվել է', 'schedule',
      'расписание', 'ժամանակացույց', 'price', 'цена', 'գին', 'lost interest', 'пропал интерес',
      'կորցրել է հետաքրքրությունը', 'health', 'здоровье') THEN NULL
    ELSE "left_reason" END
  WHERE "left_reason" IS NOT NULL AND "left_reason_code" IS NULL;
--> statement-breakpoint
-- The report's reads: who left (and became a trial) when, the clients registered per day, and the
-- group leavers of a period.
CREATE INDEX IF NOT EXISTS "client_status_history_to_idx" ON "client_status_history" ("to_status", "at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "group_members_left_idx" ON "group_members" ("left_at") WHERE "left_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "passes_client_starts_idx" ON "passes" ("client_id", "starts_on");
