-- The audit (issue #16): one order over the whole trail, checkpoints that put every change on exactly
-- one side, and the auditor's marks. Only additions (docs/CONTRIBUTING.md, expand / contract).
--
-- 1. One place in the trail for every row of audit_log, doc_updates and medical_views: `trail_seq`
--    from one sequence (CACHE 1: numbers are handed out in the order rows are inserted, across the
--    three tables), filled for the rows already there in the order they were written (at, then the
--    table, then their own key). The audit's changes feed is ordered by it.
-- 2. `xid`: the id of the transaction that inserted the row (pg_current_xact_id()). A checkpoint
--    stores pg_current_snapshot() and the sequence's value read just after it; a row is before the
--    checkpoint iff its trail_seq is at most that value and its transaction is visible in that
--    snapshot. `at` (the transaction's start) and the ids (given at insert, not at commit) alone
--    would put a change that commits after the checkpoint before it. clubroom_trail_next() makes
--    sure the transaction has its id before it takes a place in the trail, so a row's transaction
--    never gets its id after the checkpoint read the sequence (see server/modules/audit/window.ts).
--    Rows written before this migration keep xid NULL: committed long before any checkpoint.
-- 3. audit_checkpoints and audit_marks: rows of their own, append-only like the trail.
CREATE SEQUENCE IF NOT EXISTS clubroom_trail_seq;
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "trail_seq" bigint;
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "xid" xid8;
--> statement-breakpoint
ALTER TABLE "doc_updates" ADD COLUMN "trail_seq" bigint;
--> statement-breakpoint
ALTER TABLE "doc_updates" ADD COLUMN "xid" xid8;
--> statement-breakpoint
ALTER TABLE "medical_views" ADD COLUMN "trail_seq" bigint;
--> statement-breakpoint
ALTER TABLE "medical_views" ADD COLUMN "xid" xid8;
--> statement-breakpoint
DO $fill$
DECLARE
  last bigint;
BEGIN
  -- the trail's own triggers refuse an UPDATE unless redaction is on (migration 0007); this only adds a column's value
  PERFORM set_config('clubroom.trail_redaction', 'on', true);
  CREATE TEMP TABLE trail_order ON COMMIT DROP AS
    SELECT src, k, d, row_number() OVER (ORDER BY at, src, d, k) AS n FROM (
      SELECT 1 AS src, id AS k, ''::text AS d, at FROM audit_log
      UNION ALL SELECT 2, seq, doc, at FROM doc_updates
      UNION ALL SELECT 3, id, '', at FROM medical_views
    ) u;
  UPDATE audit_log t SET trail_seq = o.n FROM trail_order o WHERE o.src = 1 AND t.id = o.k;
  UPDATE doc_updates t SET trail_seq = o.n FROM trail_order o WHERE o.src = 2 AND t.doc = o.d AND t.seq = o.k;
  UPDATE medical_views t SET trail_seq = o.n FROM trail_order o WHERE o.src = 3 AND t.id = o.k;
  SELECT coalesce(max(n), 0) INTO last FROM trail_order;
  IF last > 0 THEN PERFORM setval('clubroom_trail_seq', last, true); END IF;
  PERFORM set_config('clubroom.trail_redaction', 'off', true);
END
$fill$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clubroom_trail_next() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $fn$
BEGIN
  -- the transaction takes its id first: a checkpoint that read the sequence after this row's number
  -- finds the row's transaction below its snapshot's xmax (server/modules/audit/window.ts)
  PERFORM pg_current_xact_id();
  RETURN nextval('clubroom_trail_seq');
END
$fn$;
--> statement-breakpoint
-- the sequence is audit_log's (a backup dumps and restores it with that column's values)
ALTER SEQUENCE clubroom_trail_seq OWNED BY "audit_log"."trail_seq";
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE clubroom_trail_seq TO clubroom_app;
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "trail_seq" SET DEFAULT clubroom_trail_next();
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "xid" SET DEFAULT pg_current_xact_id();
--> statement-breakpoint
ALTER TABLE "doc_updates" ALTER COLUMN "trail_seq" SET DEFAULT clubroom_trail_next();
--> statement-breakpoint
ALTER TABLE "doc_updates" ALTER COLUMN "xid" SET DEFAULT pg_current_xact_id();
--> statement-breakpoint
ALTER TABLE "medical_views" ALTER COLUMN "trail_seq" SET DEFAULT clubroom_trail_next();
--> statement-breakpoint
ALTER TABLE "medical_views" ALTER COLUMN "xid" SET DEFAULT pg_current_xact_id();
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "trail_seq" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "doc_updates" ALTER COLUMN "trail_seq" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "medical_views" ALTER COLUMN "trail_seq" SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_trail_idx" ON "audit_log" ("trail_seq");
--> statement-breakpoint
CREATE UNIQUE INDEX "doc_updates_trail_idx" ON "doc_updates" ("trail_seq");
--> statement-breakpoint
CREATE UNIQUE INDEX "medical_views_trail_idx" ON "medical_views" ("trail_seq");
--> statement-breakpoint
CREATE INDEX "audit_log_xid_idx" ON "audit_log" ("xid");
--> statement-breakpoint
CREATE INDEX "doc_updates_xid_idx" ON "doc_updates" ("xid");
--> statement-breakpoint
CREATE INDEX "medical_views_xid_idx" ON "medical_views" ("xid");
--> statement-breakpoint
-- a document as of a moment (GET /api/docs/{name}/at): its last update at or before then
CREATE INDEX "doc_updates_doc_at_idx" ON "doc_updates" ("doc", "at");
--> statement-breakpoint
CREATE TABLE "audit_checkpoints" (
  "id" bigserial PRIMARY KEY,
  "closed_at" timestamp with time zone DEFAULT now() NOT NULL,
  "closed_by" uuid REFERENCES "users"("id"),
  "note" text,
  -- the snapshot taken first in the closing transaction, the trail's sequence read right after it,
  -- and the closing transaction's own id taken after that (no row at or below trail_max has a later xid)
  "snap" pg_snapshot NOT NULL,
  "trail_max" bigint NOT NULL,
  "xid_hi" xid8 NOT NULL,
  "summary" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_marks" (
  "id" bigserial PRIMARY KEY,
  -- the change marked: its place in the trail (audit_log, doc_updates or medical_views trail_seq)
  "trail_seq" bigint NOT NULL,
  "status" text NOT NULL CHECK ("status" IN ('verified', 'queried')),
  "comment" text,
  "assignee_id" uuid REFERENCES "users"("id"),
  "by" uuid REFERENCES "users"("id"),
  "at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_marks_change_idx" ON "audit_marks" ("trail_seq", "id");
--> statement-breakpoint
CREATE INDEX "audit_marks_assignee_idx" ON "audit_marks" ("assignee_id", "id");
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON TABLE audit_checkpoints, audit_marks FROM clubroom_app, PUBLIC;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION clubroom_trail_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_marks_append_only BEFORE UPDATE OR DELETE ON audit_marks FOR EACH ROW EXECUTE FUNCTION clubroom_trail_append_only();
