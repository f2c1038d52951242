-- A cancelled lesson's reason in the lessons projection (issue #14): the cancel command keeps the
-- reason as typed in the week document's `cancelReason` (domain/timetable/cancellation.ts) and in
-- this column, which the projection fills from the document, so GET /api/lessons and the calendar
-- feed show it beside the lesson's own note.
-- Lessons cancelled by earlier versions hold the English "Cancelled: <reason>" as their note: the
-- reason moves into the column and the note is left empty, as cancellationOf() reads them. The
-- UPDATE below is run again on planted rows by
-- test/integration/timetable/cancel-reason.integration.test.ts.
ALTER TABLE "lessons" ADD COLUMN "cancel_reason" text;
--> statement-breakpoint
UPDATE "lessons" SET
    "cancel_reason" = nullif(regexp_replace(substring("note" from '^Cancelled: (.+)$'), '^\s+|\s+$', '', 'g'), ''),
    "note" = ''
  WHERE "status" = 'cancelled' AND "cancel_reason" IS NULL AND "note" ~ '^Cancelled: .';
