-- An erased client's name is a marker, not English (issue #14). The erasure wrote the placeholder
-- name "Erased" / "client" into the client's row and their file's anonymised state, and list
-- entries copied it into alerts (the members a cancelled lesson was to notify, the client offered a
-- place); every reader then read English. Now the row and the file keep empty names beside the
-- erasure's marker (clients.erased_at, the file's profile.erased), and whatever shows a client's
-- name shows an erased one's as the catalogue's `clients.erased.name`, in the reader's language.
-- What is stored is converted here:
-- 1. the rows of erased clients lose the placeholder name;
-- 2. their file's anonymised state (its snapshot: the erasure emptied every update) is written
--    again, as one Yjs update built here (clubroom_erased_file_state), without the name;
-- 3. alert parameters that name an erased client "Erased client" (in alerts that link that client)
--    name them `clients.erased.name` instead.
-- The statements between `convert:begin` and `convert:end` are run again on planted rows by
-- test/integration/clients/erased-name-migration.integration.test.ts.

-- A Yjs (v1 update encoding) unsigned variable-length integer: 7 bits a byte, low bits first.
CREATE OR REPLACE FUNCTION clubroom_yjs_varuint(n bigint) RETURNS bytea LANGUAGE plpgsql IMMUTABLE STRICT AS $fn$
DECLARE
  out bytea := ''::bytea;
BEGIN
  LOOP
    IF n < 128 THEN RETURN out || set_byte('\x00'::bytea, 0, n::int); END IF;
    out := out || set_byte('\x00'::bytea, 0, ((n & 127) | 128)::int);
    n := n >> 7;
  END LOOP;
END
$fn$;
--> statement-breakpoint
-- A Yjs string: its UTF-8 length, then its bytes.
CREATE OR REPLACE FUNCTION clubroom_yjs_string(s text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $fn$
  SELECT clubroom_yjs_varuint(octet_length(convert_to(s, 'UTF8'))) || convert_to(s, 'UTF8')
$fn$;
--> statement-breakpoint
-- An erased client's file (document `client:<id>`) as erase.ts writes it, as one Yjs update of a
-- document whose client id is 1: the `profile` map set, in this order, to firstName '', lastName '',
-- status and erased = true. Each entry is an item of content "any" (info 0x28: content 8, with a
-- key in its parent), its parent the root type named `profile` (parent info 1, then the name), its
-- key, one value (0x77 a string, 0x78 true); no deletions follow.
CREATE OR REPLACE FUNCTION clubroom_erased_file_state(p_status text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $fn$
  SELECT decode('01' || '04' || '01' || '00', 'hex') -- one client's structs: four, client 1, from clock 0
    || decode('2801', 'hex') || clubroom_yjs_string('profile') || clubroom_yjs_string('firstName') || decode('01', 'hex') || decode('77', 'hex') || clubroom_yjs_string('')
    || decode('2801', 'hex') || clubroom_yjs_string('profile') || clubroom_yjs_string('lastName') || decode('01', 'hex') || decode('77', 'hex') || clubroom_yjs_string('')
    || decode('2801', 'hex') || clubroom_yjs_string('profile') || clubroom_yjs_string('status') || decode('01', 'hex') || decode('77', 'hex') || clubroom_yjs_string(p_status)
    || decode('2801', 'hex') || clubroom_yjs_string('profile') || clubroom_yjs_string('erased') || decode('01', 'hex') || decode('78', 'hex')
    || decode('00', 'hex') -- the delete set: no client
$fn$;
--> statement-breakpoint
-- A name standing alone in an alert's parameters (a parameter that is the name, an entry of a list
-- of names or of a listed message) becomes the message `as_message`; the other entries of such a
-- list keep their text. (clubroom_erase_alert_params, migration 0013, is this with
-- clients.erase.nameRemoved.)
CREATE OR REPLACE FUNCTION clubroom_name_params(p jsonb, name text, as_message text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE WHEN p IS NULL OR jsonb_typeof(p) <> 'object' THEN p ELSE coalesce((
    SELECT jsonb_object_agg(e.key, CASE
      WHEN jsonb_typeof(e.value) = 'string' AND lower(trim(e.value #>> '{}')) = lower(trim(name))
        THEN jsonb_build_object('messages', jsonb_build_array(jsonb_build_object('id', as_message)))
      WHEN jsonb_typeof(e.value) = 'object' AND jsonb_typeof(e.value->'list') = 'array'
          AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.value->'list') AS l(v) WHERE lower(trim(l.v)) = lower(trim(name)))
        THEN jsonb_build_object('messages', (
          SELECT jsonb_agg(CASE WHEN lower(trim(l.v)) = lower(trim(name)) THEN jsonb_build_object('id', as_message)
              ELSE jsonb_build_object('id', 'alerts.legacy', 'params', jsonb_build_object('text', l.v)) END ORDER BY l.n)
          FROM jsonb_array_elements_text(e.value->'list') WITH ORDINALITY AS l(v, n)))
      WHEN jsonb_typeof(e.value) = 'object' AND jsonb_typeof(e.value->'messages') = 'array'
          AND jsonb_array_length(e.value->'messages') > 0
        THEN jsonb_set(e.value, '{messages}', (
          SELECT jsonb_agg(CASE WHEN m.v->>'id' = 'alerts.legacy' AND lower(trim(m.v #>> '{params,text}')) = lower(trim(name))
              THEN jsonb_build_object('id', as_message) ELSE m.v END ORDER BY m.n)
          FROM jsonb_array_elements(e.value->'messages') WITH ORDINALITY AS m(v, n)))
      ELSE e.value END)
    FROM jsonb_each(p) AS e), '{}'::jsonb) END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clubroom_erase_alert_params(p jsonb, name text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $fn$
  SELECT clubroom_name_params(p, name, 'clients.erase.nameRemoved')
$fn$;
--> statement-breakpoint
-- convert:begin
UPDATE "clients" SET "first_name" = '', "last_name" = ''
  WHERE "erased_at" IS NOT NULL AND "first_name" = 'Erased' AND "last_name" = 'client';
--> statement-breakpoint
UPDATE "doc_snapshots" s SET "state" = clubroom_erased_file_state(c.status)
  FROM "clients" c
  WHERE c.erased_at IS NOT NULL AND s.doc = 'client:' || c.id::text AND position(convert_to('Erased', 'UTF8') IN s.state) > 0;
--> statement-breakpoint
UPDATE "alerts" a SET "params" = clubroom_name_params(a.params, 'Erased client', 'clients.erased.name')
  WHERE a.message_id <> 'alerts.legacy' AND a.params::text LIKE '%Erased client%'
    AND EXISTS (SELECT 1 FROM "clients" c WHERE c.erased_at IS NOT NULL AND a.details::text LIKE '%' || c.id::text || '%');
--> statement-breakpoint
-- convert:end
-- The erasure leaves the client's row without a name (the rest as in migration 0013).
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
  al record;
  found_in text[];
  new_message text;
  new_params jsonb;
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

  -- alerts: the client's own are cleared and say only that; the others lose the name. Where it
  -- stood alone in a parameter (the client offered a place, a name in a list) it becomes
  -- `clients.erase.nameRemoved`; where it is left anywhere else, the alert says only that it
  -- concerns an erased client. Rows that link the client (their details hold its id) are searched
  -- for every needle, the others for the strong ones. `message` keeps an English text for logs.
  UPDATE alerts SET message = 'Erased client', message_id = 'alerts.erasedClient', params = '{}'::jsonb,
      details = NULL, cleared_at = coalesce(cleared_at, now())
    WHERE subject = 'client:' || p_client::text;
  GET DIAGNOSTICS n_alerts = ROW_COUNT;
  FOR al IN
    SELECT id, message, message_id, params, details::text LIKE '%' || p_client::text || '%' AS linked FROM alerts
      WHERE subject <> 'client:' || p_client::text
        AND (details::text LIKE '%' || p_client::text || '%'
          OR EXISTS (SELECT 1 FROM unnest(strong) x
            WHERE position(lower(x) IN lower(message || ' ' || params::text || ' ' || coalesce(details::text, ''))) > 0))
      ORDER BY id FOR UPDATE
  LOOP
    found_in := CASE WHEN al.linked THEN needles ELSE strong END;
    new_message := replace(al.message, full_name, 'an erased client');
    new_params := CASE WHEN al.message_id = 'alerts.legacy'
      THEN jsonb_build_object('text', replace(coalesce(al.params->>'text', al.message), full_name, 'an erased client'))
      ELSE clubroom_erase_alert_params(al.params, full_name) END;
    IF EXISTS (SELECT 1 FROM unnest(found_in) x WHERE position(lower(x) IN lower(new_message || ' ' || new_params::text)) > 0) THEN
      UPDATE alerts SET message = 'Concerns an erased client', message_id = 'alerts.concernsErasedClient', params = '{}'::jsonb,
          details = clubroom_redact_json(details, found_in)
        WHERE id = al.id;
    ELSE
      UPDATE alerts SET message = new_message, params = new_params, details = clubroom_redact_json(details, found_in) WHERE id = al.id;
    END IF;
  END LOOP;

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
  UPDATE clients SET first_name = '', last_name = '', birth_date = NULL, phone = NULL, phone_digits = NULL, email = NULL,
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
