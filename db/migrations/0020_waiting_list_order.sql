-- A group's waiting list in the order the receptionist keeps (issue #17: "the waiting list (add,
-- order, offer a freed place, enrol)"). Only an addition (docs/CONTRIBUTING.md, expand / contract):
-- a nullable position, filled for the open entries from the order they were added in; the previous
-- release keeps inserting without it, and those entries sort after the ordered ones, by when they
-- were added. The freed place goes to the first by this order.
ALTER TABLE "waiting_list" ADD COLUMN "position" integer;
--> statement-breakpoint
UPDATE "waiting_list" w SET "position" = o.n
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "group_id" ORDER BY "added_at", "id") AS n
  FROM "waiting_list" WHERE "status" IN ('waiting', 'offered')
) o
WHERE w."id" = o."id";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "waiting_list_group_position_idx" ON "waiting_list" ("group_id", "position");
