-- Teacher performance (issue #20) reads a year of attendance marks per teacher: each lesson's count
-- of marks and of those present (present, late, walk-in: domain/timetable/rules.ts ATTENDED), kept
-- by the statement-level triggers below in the writer's own transaction. The triggers add and
-- subtract, never count again, so two writers marking one lesson at once are both counted (each
-- upsert waits for the other's row and adds to what it committed); rows are taken in lesson order.
-- A backup carries it with the attendance rows (one snapshot); a restore loads both, triggers off.
CREATE TABLE IF NOT EXISTS "lesson_attendance_counts" (
	"lesson_id" text PRIMARY KEY NOT NULL,
	"marked" integer DEFAULT 0 NOT NULL,
	"attended" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "lesson_attendance_counts" ("lesson_id", "marked", "attended")
  SELECT "lesson_id", count(*), count(*) FILTER (WHERE "status" IN ('present', 'late', 'walk_in'))
  FROM "attendance" GROUP BY 1
  ON CONFLICT ("lesson_id") DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clubroom_attendance_counts() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO lesson_attendance_counts AS c (lesson_id, marked, attended)
      SELECT lesson_id, count(*), count(*) FILTER (WHERE status IN ('present', 'late', 'walk_in'))
      FROM new_rows GROUP BY 1 ORDER BY 1
      ON CONFLICT (lesson_id) DO UPDATE SET marked = c.marked + excluded.marked, attended = c.attended + excluded.attended;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO lesson_attendance_counts AS c (lesson_id, marked, attended)
      SELECT lesson_id, sum(m), sum(a) FROM (
        SELECT lesson_id, 1 AS m, (status IN ('present', 'late', 'walk_in'))::int AS a FROM new_rows
        UNION ALL
        SELECT lesson_id, -1, -((status IN ('present', 'late', 'walk_in'))::int) FROM old_rows
      ) d GROUP BY 1 HAVING sum(m) <> 0 OR sum(a) <> 0 ORDER BY 1
      ON CONFLICT (lesson_id) DO UPDATE SET marked = c.marked + excluded.marked, attended = c.attended + excluded.attended;
  ELSE
    UPDATE lesson_attendance_counts c SET marked = c.marked - d.m, attended = c.attended - d.a
      FROM (SELECT lesson_id, count(*) AS m, count(*) FILTER (WHERE status IN ('present', 'late', 'walk_in')) AS a
            FROM old_rows GROUP BY 1 ORDER BY 1) d
      WHERE c.lesson_id = d.lesson_id;
  END IF;
  RETURN NULL;
END $fn$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS attendance_counts_ins ON attendance;
--> statement-breakpoint
CREATE TRIGGER attendance_counts_ins AFTER INSERT ON attendance REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_attendance_counts();
--> statement-breakpoint
DROP TRIGGER IF EXISTS attendance_counts_upd ON attendance;
--> statement-breakpoint
CREATE TRIGGER attendance_counts_upd AFTER UPDATE ON attendance REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_attendance_counts();
--> statement-breakpoint
DROP TRIGGER IF EXISTS attendance_counts_del ON attendance;
--> statement-breakpoint
CREATE TRIGGER attendance_counts_del AFTER DELETE ON attendance REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clubroom_attendance_counts();
