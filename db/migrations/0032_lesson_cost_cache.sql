-- Lesson cost (issue #19): the margin report keeps each branch's month of lesson figures, computed
-- once and kept until something they were computed from changes. Only additions.
--
-- 1. lesson_cost_months: one row per branch and month (YYYY-MM, in the branch's time zone) whose
--    figures are kept, with the snapshot (pg_current_snapshot()) they were computed after.
--    lesson_cost_rows: a done lesson's figures as the report computed them, in minor units (revenue
--    and the VAT in it, teacher pay, consumables at cost, the room's hourly cost and the overhead
--    per hour in force that day for its minutes): the report sums them in one query.
-- 2. lesson_cost_changes: what may have changed them, written by the triggers below in the writer's
--    own transaction (its id in `xid`): a branch (NULL: every branch) and a range of months (NULL:
--    unbounded). A kept month is stale when a change that covers it was made by a transaction its
--    snapshot does not see (pg_visible_in_snapshot): ids given at insert and timestamps would put
--    a change that commits after the computation before it. Insert-only: writers never wait on
--    each other or on the report.
-- 3. The triggers are statement-level (one row per month touched, not per visit) on everything the
--    figures read: lessons (a done lesson moved or reassigned), completions, visits (an unlimited
--    pass's earlier sessions change value with every new one), passes' price and sessions, their
--    invoice lines' tax, consumables used, products and their costs, teacher services, pay schemes,
--    employees, payrolls and their lines, overhead settings, rooms' hourly costs, branches' time
--    zones and the center's currency. Names are read when the report is made, never kept.
-- All three tables are derived: backups leave them out, a restore starts them empty.
CREATE TABLE IF NOT EXISTS "lesson_cost_months" (
	"branch_id" uuid NOT NULL REFERENCES "branches"("id") ON DELETE CASCADE,
	"month" text NOT NULL,
	"snapshot" pg_snapshot NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	PRIMARY KEY ("branch_id", "month")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "lesson_cost_rows" (
	"branch_id" uuid NOT NULL,
	"month" text NOT NULL,
	"lesson_id" text NOT NULL,
	"completion_id" bigint NOT NULL,
	"group_id" uuid,
	"activity_id" uuid,
	"teacher_id" uuid,
	"room_id" uuid,
	"day" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"gross" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"teacher_pay" bigint NOT NULL,
	"consumables" bigint NOT NULL,
	"room_cost" bigint NOT NULL,
	"overhead" bigint NOT NULL,
	PRIMARY KEY ("branch_id", "month", "lesson_id"),
	FOREIGN KEY ("branch_id", "month") REFERENCES "lesson_cost_months"("branch_id", "month") ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "lesson_cost_changes" (
	"branch_id" uuid,
	"month_from" text,
	"month_to" text,
	"xid" xid8 DEFAULT pg_current_xact_id() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "lesson_cost_changes_xid_idx" ON "lesson_cost_changes" USING btree ("xid");
--> statement-breakpoint
-- the months of some lessons (a day in their branch's time zone): one change row each. PL/pgSQL,
-- not SQL: its plans are kept for the session (a visit's trigger costs ~0.2 ms, not ~0.4)
CREATE OR REPLACE FUNCTION clubroom_cost_touch_lessons(ids text[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF cardinality(ids) = 0 THEN RETURN; END IF;
  INSERT INTO lesson_cost_changes (branch_id, month_from, month_to)
  SELECT DISTINCT l.branch_id, m.month, m.month
    FROM lessons l JOIN branches b ON b.id = l.branch_id,
         LATERAL (SELECT to_char((l.starts_at AT TIME ZONE b.timezone)::date, 'YYYY-MM') AS month) m
   WHERE l.id = ANY(ids) AND l.starts_at IS NOT NULL;
END
$fn$;
--> statement-breakpoint
-- the months of every lesson a session of these passes was written off for
CREATE OR REPLACE FUNCTION clubroom_cost_touch_passes(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM clubroom_cost_touch_lessons(array(
    SELECT DISTINCT lesson_id FROM pass_visits WHERE pass_id = ANY(ids) AND lesson_id IS NOT NULL));
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clubroom_cost_touch(branch uuid, month_from text, month_to text) RETURNS void LANGUAGE sql AS $fn$
  INSERT INTO lesson_cost_changes (branch_id, month_from, month_to) VALUES (branch, month_from, month_to)
$fn$;
--> statement-breakpoint
-- rows that name a lesson (completions, consumables, teacher services, payroll lines)
CREATE OR REPLACE FUNCTION clubroom_cost_by_lesson() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM clubroom_cost_touch_lessons(array(SELECT DISTINCT lesson_id FROM old_rows WHERE lesson_id IS NOT NULL));
  ELSE
    PERFORM clubroom_cost_touch_lessons(array(SELECT DISTINCT lesson_id FROM new_rows WHERE lesson_id IS NOT NULL));
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER lesson_completions_cost_ins AFTER INSERT ON lesson_completions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_by_lesson();
--> statement-breakpoint
CREATE TRIGGER lesson_completions_cost_upd AFTER UPDATE ON lesson_completions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_by_lesson();
--> statement-breakpoint
CREATE TRIGGER consumable_uses_cost_ins AFTER INSERT ON consumable_uses REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_by_lesson();
--> statement-breakpoint
CREATE TRIGGER teacher_services_cost_ins AFTER INSERT ON teacher_services REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_by_lesson();
--> statement-breakpoint
CREATE TRIGGER payroll_lines_cost_ins AFTER INSERT ON payroll_lines REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_by_lesson();
--> statement-breakpoint
CREATE TRIGGER payroll_lines_cost_del AFTER DELETE ON payroll_lines REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_by_lesson();
--> statement-breakpoint
-- visits: their lessons, and every lesson of an unlimited pass (a session's value is its price over the sessions used)
CREATE OR REPLACE FUNCTION clubroom_cost_visits() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM clubroom_cost_touch_lessons(array(SELECT DISTINCT lesson_id FROM new_rows WHERE lesson_id IS NOT NULL));
  PERFORM clubroom_cost_touch_passes(array(
    SELECT DISTINCT p.id FROM passes p JOIN new_rows n ON n.pass_id = p.id WHERE p.sessions_total IS NULL));
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER pass_visits_cost_ins AFTER INSERT ON pass_visits REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_visits();
--> statement-breakpoint
CREATE TRIGGER pass_visits_cost_upd AFTER UPDATE ON pass_visits REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_visits();
--> statement-breakpoint
-- a done lesson moved, reassigned, or its done state changed (planned lessons are not in the report)
CREATE OR REPLACE FUNCTION clubroom_cost_lessons() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM clubroom_cost_touch_lessons(array(
    SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.branch_id, o.starts_at, o.ends_at, o.group_id, o.activity_id, o.teacher_id, o.room_id)
           IS DISTINCT FROM (n.branch_id, n.starts_at, n.ends_at, n.group_id, n.activity_id, n.teacher_id, n.room_id)
       AND EXISTS (SELECT 1 FROM lesson_completions c WHERE c.lesson_id = o.id)));
  -- the months it was in before (a lesson moved across a month keeps no figures there)
  INSERT INTO lesson_cost_changes (branch_id, month_from, month_to)
  SELECT DISTINCT o.branch_id, m.month, m.month
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN branches b ON b.id = o.branch_id,
         LATERAL (SELECT to_char((o.starts_at AT TIME ZONE b.timezone)::date, 'YYYY-MM') AS month) m
   WHERE o.starts_at IS NOT NULL
     AND (o.branch_id, o.starts_at) IS DISTINCT FROM (n.branch_id, n.starts_at)
     AND EXISTS (SELECT 1 FROM lesson_completions c WHERE c.lesson_id = o.id);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER lessons_cost_upd AFTER UPDATE ON lessons REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_lessons();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clubroom_cost_lessons_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO lesson_cost_changes (branch_id, month_from, month_to)
  SELECT DISTINCT o.branch_id, m.month, m.month
    FROM old_rows o JOIN branches b ON b.id = o.branch_id,
         LATERAL (SELECT to_char((o.starts_at AT TIME ZONE b.timezone)::date, 'YYYY-MM') AS month) m
   WHERE o.starts_at IS NOT NULL;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER lessons_cost_del AFTER DELETE ON lessons REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_lessons_del();
--> statement-breakpoint
-- a pass's price or sessions (a session's value), an invoice line's tax (the VAT in it)
CREATE OR REPLACE FUNCTION clubroom_cost_passes() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM clubroom_cost_touch_passes(array(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE (o.price, o.sessions_total) IS DISTINCT FROM (n.price, n.sessions_total)));
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER passes_cost_upd AFTER UPDATE ON passes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_passes();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clubroom_cost_invoice_lines() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM clubroom_cost_touch_passes(array(SELECT DISTINCT pass_id FROM new_rows WHERE pass_id IS NOT NULL));
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER invoice_lines_cost_ins AFTER INSERT ON invoice_lines REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_invoice_lines();
--> statement-breakpoint
CREATE TRIGGER invoice_lines_cost_upd AFTER UPDATE ON invoice_lines REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_invoice_lines();
--> statement-breakpoint
-- every month of every branch
CREATE OR REPLACE FUNCTION clubroom_cost_everything() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM clubroom_cost_touch(NULL, NULL, NULL);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
-- which product a consumable's name or SKU means: every month (rare; a product's stock changes touch nothing)
CREATE OR REPLACE FUNCTION clubroom_cost_products() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF EXISTS (
    SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.name, o.sku, o.kind, o.archived_at, o.created_at) IS DISTINCT FROM (n.name, n.sku, n.kind, n.archived_at, n.created_at)) THEN
    PERFORM clubroom_cost_touch(NULL, NULL, NULL);
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER products_cost_ins AFTER INSERT ON products FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_everything();
--> statement-breakpoint
CREATE TRIGGER products_cost_upd AFTER UPDATE ON products REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_products();
--> statement-breakpoint
CREATE TRIGGER products_cost_del AFTER DELETE ON products FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_everything();
--> statement-breakpoint
-- effective-dated inputs: every month from the earliest date a row starts (or started) on
CREATE OR REPLACE FUNCTION clubroom_cost_dated() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  col text := TG_ARGV[0];
  by_branch boolean := TG_ARGV[1] = 'branch';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format(
      'INSERT INTO lesson_cost_changes (branch_id, month_from, month_to)
       SELECT %s, to_char(min(%I), ''YYYY-MM''), NULL::text FROM new_rows %s HAVING count(*) > 0',
      CASE WHEN by_branch THEN 'branch_id' ELSE 'NULL::uuid' END, col, CASE WHEN by_branch THEN 'GROUP BY branch_id' ELSE '' END);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    EXECUTE format(
      'INSERT INTO lesson_cost_changes (branch_id, month_from, month_to)
       SELECT %s, to_char(min(%I), ''YYYY-MM''), NULL::text FROM old_rows %s HAVING count(*) > 0',
      CASE WHEN by_branch THEN 'branch_id' ELSE 'NULL::uuid' END, col, CASE WHEN by_branch THEN 'GROUP BY branch_id' ELSE '' END);
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER product_prices_cost_ins AFTER INSERT ON product_prices REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_dated('effective_from', 'all');
--> statement-breakpoint
CREATE TRIGGER product_prices_cost_upd AFTER UPDATE ON product_prices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_dated('effective_from', 'all');
--> statement-breakpoint
CREATE TRIGGER product_prices_cost_del AFTER DELETE ON product_prices REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_dated('effective_from', 'all');
--> statement-breakpoint
CREATE TRIGGER cost_settings_cost_ins AFTER INSERT ON cost_settings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_dated('valid_from', 'branch');
--> statement-breakpoint
CREATE TRIGGER cost_settings_cost_upd AFTER UPDATE ON cost_settings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_dated('valid_from', 'branch');
--> statement-breakpoint
CREATE TRIGGER cost_settings_cost_del AFTER DELETE ON cost_settings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_dated('valid_from', 'branch');
--> statement-breakpoint
CREATE TRIGGER pay_schemes_cost_ins AFTER INSERT ON pay_schemes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_dated('valid_from', 'all');
--> statement-breakpoint
CREATE TRIGGER pay_schemes_cost_upd AFTER UPDATE ON pay_schemes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_dated('valid_from', 'all');
--> statement-breakpoint
CREATE TRIGGER pay_schemes_cost_del AFTER DELETE ON pay_schemes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_dated('valid_from', 'all');
--> statement-breakpoint
-- who a teacher is paid as, and where their monthly pay goes: every month (rare)
CREATE TRIGGER employees_cost AFTER INSERT OR UPDATE OR DELETE ON employees
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_everything();
--> statement-breakpoint
CREATE TRIGGER branches_cost_upd AFTER UPDATE OF timezone ON branches
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_everything();
--> statement-breakpoint
CREATE TRIGGER center_settings_cost_upd AFTER UPDATE OF currency ON center_settings
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_everything();
--> statement-breakpoint
-- a room's hourly cost is not dated: every month of its branch
CREATE OR REPLACE FUNCTION clubroom_cost_rooms() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO lesson_cost_changes (branch_id, month_from, month_to)
  SELECT DISTINCT n.branch_id, NULL::text, NULL::text FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE n.hourly_cost IS DISTINCT FROM o.hourly_cost
  UNION SELECT DISTINCT o.branch_id, NULL::text, NULL::text FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE n.hourly_cost IS DISTINCT FROM o.hourly_cost;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER rooms_cost_upd AFTER UPDATE ON rooms REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_rooms();
--> statement-breakpoint
-- a month's payroll approved (or taken back): its lessons are paid what its lines say
CREATE OR REPLACE FUNCTION clubroom_cost_payrolls() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO lesson_cost_changes (branch_id, month_from, month_to) SELECT DISTINCT branch_id, month, month FROM old_rows;
  ELSE
    INSERT INTO lesson_cost_changes (branch_id, month_from, month_to) SELECT DISTINCT branch_id, month, month FROM new_rows;
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER payrolls_cost_ins AFTER INSERT ON payrolls REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_payrolls();
--> statement-breakpoint
CREATE TRIGGER payrolls_cost_upd AFTER UPDATE ON payrolls REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_payrolls();
--> statement-breakpoint
CREATE TRIGGER payrolls_cost_del AFTER DELETE ON payrolls REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_cost_payrolls();
