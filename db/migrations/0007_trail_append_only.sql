-- A trail nobody can rewrite (issue #11, points 2 and 7).
--
-- 1. Stored document names that are not the canonical spelling (db/ydocs/doc-names.ts: lower-case
--    ids; `client:<ID IN UPPER CASE>` opened a second copy of a client's file) are folded into
--    their canonical document: their updates are re-keyed after the canonical document's, in order,
--    nothing lost. Where the canonical subject does not exist they are removed, with an audit row.
-- 2. The role the server uses for requests, `clubroom_app` (NOLOGIN; the server's connections act
--    as it through the `role` connection parameter, PGlite through SET ROLE), may read and write
--    every table but may not UPDATE, DELETE or TRUNCATE `audit_log` and `doc_updates`.
-- 3. Triggers refuse UPDATE, DELETE and TRUNCATE on both tables for everybody (the owner too),
--    except inside clubroom_erase_client(), which sets the transaction-local setting
--    `clubroom.trail_redaction` that the row triggers honour (TRUNCATE is never allowed).
-- 4. clubroom_erase_client(): the one sanctioned exception, SECURITY DEFINER (runs as the owner).

-- fold:begin (test/integration/data/fold-doc-names.integration.test.ts runs this block again on planted rows)
DO $fold$
DECLARE
  v record;
  base bigint;
  moved bigint;
BEGIN
  PERFORM set_config('clubroom.trail_redaction', 'on', true);
  FOR v IN
    WITH names AS (
      SELECT doc FROM doc_updates UNION SELECT doc FROM doc_snapshots
    ), spelled AS (
      SELECT doc,
        CASE
          WHEN lower(split_part(doc, ':', 1)) IN ('client', 'client-medical', 'workspace') AND doc !~ '^[^:]*:[^:]*:'
            THEN lower(split_part(doc, ':', 1)) || ':' || lower(trim(split_part(doc, ':', 2)))
          WHEN lower(split_part(doc, ':', 1)) = 'timetable'
            THEN 'timetable:' || lower(trim(split_part(doc, ':', 2))) || ':' || upper(trim(split_part(doc, ':', 3)))
        END AS canonical
      FROM names
    )
    SELECT doc, canonical,
      CASE split_part(canonical, ':', 1)
        WHEN 'client' THEN EXISTS (SELECT 1 FROM clients c WHERE c.id::text = split_part(canonical, ':', 2))
        WHEN 'client-medical' THEN EXISTS (SELECT 1 FROM clients c WHERE c.id::text = split_part(canonical, ':', 2))
        WHEN 'workspace' THEN EXISTS (SELECT 1 FROM users u WHERE u.id::text = split_part(canonical, ':', 2))
        WHEN 'timetable' THEN EXISTS (SELECT 1 FROM branches b WHERE b.id::text = split_part(canonical, ':', 2))
      END AS subject_exists
    FROM spelled
    WHERE canonical IS NOT NULL
      AND canonical <> doc
      AND canonical ~ '^(client|client-medical|workspace):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^timetable:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$'
    ORDER BY canonical, doc
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('yjs:' || v.canonical, 0));
    IF v.subject_exists THEN
      -- after everything the canonical document has (its updates and its latest snapshot), in the order they were applied
      SELECT greatest(
        (SELECT coalesce(max(seq), 0) FROM doc_updates WHERE doc = v.canonical),
        (SELECT coalesce(max(seq), 0) FROM doc_snapshots WHERE doc = v.canonical)
      ) INTO base;
      -- two steps (out of the way, then into place) so no (doc, seq) ever collides
      UPDATE doc_updates SET doc = v.canonical, seq = -seq WHERE doc = v.doc;
      GET DIAGNOSTICS moved = ROW_COUNT;
      UPDATE doc_updates u SET seq = base + r.n
        FROM (SELECT seq, row_number() OVER (ORDER BY seq DESC) AS n FROM doc_updates WHERE doc = v.canonical AND seq < 0) r
        WHERE u.doc = v.canonical AND u.seq = r.seq;
      DELETE FROM doc_snapshots WHERE doc = v.doc;
      INSERT INTO audit_log (action, entity, entity_id, after)
        VALUES ('docs.fold_name', 'document', v.canonical, jsonb_build_object('from', v.doc, 'updates', moved, 'firstSeq', base + 1));
    ELSE
      DELETE FROM doc_updates WHERE doc = v.doc;
      GET DIAGNOSTICS moved = ROW_COUNT;
      DELETE FROM doc_snapshots WHERE doc = v.doc;
      INSERT INTO audit_log (action, entity, entity_id, after)
        VALUES ('docs.remove_orphan', 'document', v.canonical, jsonb_build_object('name', v.doc, 'updates', moved, 'reason', 'not the canonical spelling of a document name, and its subject does not exist'));
    END IF;
  END LOOP;
  PERFORM set_config('clubroom.trail_redaction', 'off', true);
END
$fold$;
-- fold:end
--> statement-breakpoint
DO $role$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clubroom_app') THEN
    BEGIN
      CREATE ROLE clubroom_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database on this server created it meanwhile (roles are cluster-wide)
    END;
  END IF;
  IF NOT pg_has_role(current_user, 'clubroom_app', 'MEMBER') THEN
    EXECUTE format('GRANT clubroom_app TO %I', current_user);
  END IF;
END
$role$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO clubroom_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO clubroom_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO clubroom_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO clubroom_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO clubroom_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON TABLE audit_log, doc_updates FROM clubroom_app, PUBLIC;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clubroom_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'TRUNCATE' AND current_setting('clubroom.trail_redaction', true) = 'on' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege', HINT = 'Only clubroom_erase_client() redacts the trail.';
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION clubroom_trail_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION clubroom_trail_append_only();
--> statement-breakpoint
CREATE TRIGGER doc_updates_append_only BEFORE UPDATE OR DELETE ON doc_updates FOR EACH ROW EXECUTE FUNCTION clubroom_trail_append_only();
--> statement-breakpoint
CREATE TRIGGER doc_updates_no_truncate BEFORE TRUNCATE ON doc_updates FOR EACH STATEMENT EXECUTE FUNCTION clubroom_trail_append_only();
--> statement-breakpoint
-- An erased client's documents take no more updates (an edit racing the erasure on another instance
-- waits for the erasure's lock on the document, then is refused here instead of being stored after it).
CREATE OR REPLACE FUNCTION clubroom_erased_docs_closed() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  k text := split_part(NEW.doc, ':', 2);
BEGIN
  IF k ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
     AND EXISTS (SELECT 1 FROM clients c WHERE c.id = k::uuid AND c.erased_at IS NOT NULL) THEN
    RAISE EXCEPTION 'document % belongs to an erased client', NEW.doc USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER doc_updates_erased_closed BEFORE INSERT ON doc_updates FOR EACH ROW
  WHEN (NEW.doc LIKE 'client:%' OR NEW.doc LIKE 'client-medical:%') EXECUTE FUNCTION clubroom_erased_docs_closed();
--> statement-breakpoint
-- Every string inside `j` that contains one of `needles` (case-insensitive) becomes "[erased]"; keys and shape stay.
CREATE OR REPLACE FUNCTION clubroom_redact_json(j jsonb, needles text[]) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  k text;
  v jsonb;
  result jsonb;
BEGIN
  IF j IS NULL THEN RETURN NULL; END IF;
  CASE jsonb_typeof(j)
    WHEN 'object' THEN
      result := '{}'::jsonb;
      FOR k, v IN SELECT * FROM jsonb_each(j) LOOP
        result := result || jsonb_build_object(k, clubroom_redact_json(v, needles));
      END LOOP;
      RETURN result;
    WHEN 'array' THEN
      SELECT coalesce(jsonb_agg(clubroom_redact_json(e, needles) ORDER BY n), '[]'::jsonb) INTO result FROM jsonb_array_elements(j) WITH ORDINALITY AS a(e, n);
      RETURN result;
    WHEN 'string' THEN
      IF EXISTS (SELECT 1 FROM unnest(needles) AS x WHERE length(x) >= 2 AND position(lower(x) IN lower(j #>> '{}')) > 0) THEN
        RETURN to_jsonb('[erased]'::text);
      END IF;
      RETURN j;
    ELSE
      RETURN j;
  END CASE;
END
$fn$;
--> statement-breakpoint
-- The one sanctioned exception to the append-only trail: erases a client's personal data everywhere
-- the center holds it, the trail included, and records that it did (erasures row). Runs as the
-- owner (SECURITY DEFINER); the caller has checked who may erase (the owner role, in the route).
-- `file_state` is the anonymised client file (a Yjs update) that replaces the file's history.
CREATE OR REPLACE FUNCTION clubroom_erase_client(p_client uuid, p_by uuid, p_reason text, p_file_state bytea)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  c clients%ROWTYPE;
  needles text[];
  strong text[];
  full_name text;
  counts jsonb;
  n_guardians int;
  n_documents int;
  n_records int;
  n_updates int := 0;
  n_audit int;
  n_alerts int;
  n_attendance int;
  d text;
  last_seq bigint;
  moved int;
BEGIN
  SELECT * INTO c FROM clients WHERE id = p_client FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'no client %', p_client USING ERRCODE = 'no_data_found'; END IF;
  IF c.erased_at IS NOT NULL THEN RAISE EXCEPTION 'client % was already erased', p_client USING ERRCODE = 'unique_violation'; END IF;
  full_name := c.first_name || ' ' || c.last_name;
  -- what identifies the person (and their guardians) in free text and JSON
  SELECT array_agg(DISTINCT x) FILTER (WHERE x IS NOT NULL AND length(trim(x)) >= 2) INTO needles FROM (
    SELECT unnest(ARRAY[c.first_name, c.last_name, full_name, c.phone, c.phone_digits, c.email]) AS x
    UNION ALL
    SELECT unnest(ARRAY[g.name, g.phone, g.phone_digits, g.email]) FROM client_guardians g WHERE g.client_id = p_client
  ) s;
  needles := coalesce(needles, ARRAY[]::text[]);
  -- what names the person unmistakably (not a first name alone): finds mentions in rows that do not link the client
  SELECT coalesce(array_agg(DISTINCT x), ARRAY[]::text[]) INTO strong FROM unnest(needles) x
    WHERE x IN (full_name, c.phone, c.email) OR (x = c.phone_digits AND length(x) >= 6)
       OR x IN (SELECT unnest(ARRAY[g.name, g.phone, g.email]) FROM client_guardians g WHERE g.client_id = p_client);

  PERFORM set_config('clubroom.trail_redaction', 'on', true);

  -- the documents of the client, by canonical name: every update keeps its place, author and time
  -- (seq, user_id, at: who edited when stays auditable) but loses its content; a snapshot at the
  -- last seq holds the anonymised state, so loading (snapshot + later updates) still works
  FOREACH d IN ARRAY ARRAY['client:' || p_client::text, 'client-medical:' || p_client::text] LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('yjs:' || d, 0));
    SELECT greatest(
      (SELECT coalesce(max(seq), 0) FROM doc_updates WHERE doc = d),
      (SELECT coalesce(max(seq), 0) FROM doc_snapshots WHERE doc = d)
    ) INTO last_seq;
    UPDATE doc_updates SET
      update = '\x0000'::bytea, -- an empty Yjs update
      changes = (SELECT coalesce(jsonb_agg(jsonb_build_object('path', ch->'path', 'kind', ch->'kind', 'before', null, 'after', null) ORDER BY i), '[]'::jsonb)
                 FROM jsonb_array_elements(changes) WITH ORDINALITY AS e(ch, i))
      WHERE doc = d;
    GET DIAGNOSTICS moved = ROW_COUNT;
    n_updates := n_updates + moved;
    DELETE FROM doc_snapshots WHERE doc = d;
    IF d LIKE 'client:%' THEN
      INSERT INTO doc_snapshots (doc, seq, state) VALUES (d, last_seq, p_file_state);
    ELSIF last_seq > 0 THEN
      INSERT INTO doc_snapshots (doc, seq, state) VALUES (d, last_seq, '\x0000'::bytea);
    END IF;
  END LOOP;

  -- the commands' before/after: rows about the client keep that they happened, not what they said;
  -- other rows that mention the client lose the strings that name them
  UPDATE audit_log SET before = NULL, after = '{"erased":true}'::jsonb
    WHERE entity = 'client' AND entity_id = p_client::text;
  GET DIAGNOSTICS n_audit = ROW_COUNT;
  UPDATE audit_log SET before = clubroom_redact_json(before, needles), after = clubroom_redact_json(after, needles)
    WHERE NOT (entity = 'client' AND entity_id = p_client::text)
      AND (entity_id = p_client::text OR before::text LIKE '%' || p_client::text || '%' OR after::text LIKE '%' || p_client::text || '%');
  UPDATE audit_log SET before = clubroom_redact_json(before, strong), after = clubroom_redact_json(after, strong)
    WHERE EXISTS (SELECT 1 FROM unnest(strong) x WHERE position(lower(x) IN lower(coalesce(before::text, ''))) > 0 OR position(lower(x) IN lower(coalesce(after::text, ''))) > 0);

  -- alerts: the client's own are cleared and say only that; others lose the name
  UPDATE alerts SET message = 'Erased client', details = NULL, cleared_at = coalesce(cleared_at, now())
    WHERE subject = 'client:' || p_client::text;
  GET DIAGNOSTICS n_alerts = ROW_COUNT;
  UPDATE alerts SET
      message = CASE
        WHEN EXISTS (SELECT 1 FROM unnest(needles) x WHERE position(lower(x) IN lower(replace(message, full_name, 'an erased client'))) > 0) THEN 'Concerns an erased client'
        ELSE replace(message, full_name, 'an erased client')
      END,
      details = clubroom_redact_json(details, needles)
    WHERE subject <> 'client:' || p_client::text AND details::text LIKE '%' || p_client::text || '%';
  UPDATE alerts SET
      message = CASE
        WHEN EXISTS (SELECT 1 FROM unnest(strong) x WHERE position(lower(x) IN lower(replace(message, full_name, 'an erased client'))) > 0) THEN 'Concerns an erased client'
        ELSE replace(message, full_name, 'an erased client')
      END,
      details = clubroom_redact_json(details, strong)
    WHERE EXISTS (SELECT 1 FROM unnest(strong) x WHERE position(lower(x) IN lower(message)) > 0 OR position(lower(x) IN lower(coalesce(details::text, ''))) > 0);

  -- attendance stays (it is what was taught and paid for), without what was said about the client
  UPDATE attendance SET comment = NULL WHERE client_id = p_client AND comment IS NOT NULL;
  GET DIAGNOSTICS n_attendance = ROW_COUNT;

  -- the client's own records and medical data
  DELETE FROM client_guardians WHERE client_id = p_client;
  GET DIAGNOSTICS n_guardians = ROW_COUNT;
  DELETE FROM attachments WHERE client_id = p_client;
  GET DIAGNOSTICS n_documents = ROW_COUNT;
  DELETE FROM client_records WHERE client_id = p_client;
  GET DIAGNOSTICS n_records = ROW_COUNT;
  DELETE FROM client_medical_summary WHERE client_id = p_client;
  UPDATE client_status_history SET reason = NULL WHERE client_id = p_client;
  UPDATE clients SET first_name = 'Erased', last_name = 'client', birth_date = NULL, phone = NULL, phone_digits = NULL, email = NULL,
      search_text = '', flags = '{}', consent = false, source = NULL, leave_reason = NULL,
      erased_at = now(), updated_at = now(), updated_by = p_by
    WHERE id = p_client;

  PERFORM set_config('clubroom.trail_redaction', 'off', true);

  counts := jsonb_build_object('guardians', n_guardians, 'documents', n_documents, 'records', n_records, 'documentUpdates', n_updates,
    'auditRows', n_audit, 'alerts', n_alerts, 'attendanceComments', n_attendance);
  INSERT INTO erasures (client_id, by, reason, details) VALUES (p_client, p_by, p_reason, counts);
  RETURN counts;
END
$fn$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION clubroom_erase_client(uuid, uuid, text, bytea) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION clubroom_erase_client(uuid, uuid, text, bytea) TO clubroom_app;
