-- The client rules speak message ids, not English (issue #14): domain/clients/rules.ts names each
-- problem by its catalogue id, the file projection stores those ids in the incomplete file's alert
-- (details.problems: field -> id, shown beside each field in the reader's language), and the
-- erasure writes the erased client's messages as ids. Rows written before are converted here:
-- 1. details.problems of client_file_incomplete alerts: each English text becomes its id (a text
--    the rules never wrote becomes errors.field.invalid);
-- 2. what the erasure wrote as alerts.legacy ('Erased client', 'Concerns an erased client') gets
--    its own message; a waiting-list offer or a cancelled lesson it left as English text is read
--    back into its kind and parameters;
-- 3. 'an erased client' standing for a name in parameters becomes clients.erase.nameRemoved.
-- The UPDATE "alerts" statements below are run again on planted rows by
-- test/integration/clients/rule-messages-migration.integration.test.ts.

-- An alert's parameters without a name: a parameter that is the name, or a list entry or a listed
-- message that is, becomes clients.erase.nameRemoved (rendered in the reader's language; the other
-- entries of such a list keep their text). Everything else is left as it is.
CREATE OR REPLACE FUNCTION clubroom_erase_alert_params(p jsonb, name text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE WHEN p IS NULL OR jsonb_typeof(p) <> 'object' THEN p ELSE coalesce((
    SELECT jsonb_object_agg(e.key, CASE
      WHEN jsonb_typeof(e.value) = 'string' AND lower(trim(e.value #>> '{}')) = lower(trim(name))
        THEN '{"messages":[{"id":"clients.erase.nameRemoved"}]}'::jsonb
      WHEN jsonb_typeof(e.value) = 'object' AND jsonb_typeof(e.value->'list') = 'array'
          AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.value->'list') AS l(v) WHERE lower(trim(l.v)) = lower(trim(name)))
        THEN jsonb_build_object('messages', (
          SELECT jsonb_agg(CASE WHEN lower(trim(l.v)) = lower(trim(name)) THEN '{"id":"clients.erase.nameRemoved"}'::jsonb
              ELSE jsonb_build_object('id', 'alerts.legacy', 'params', jsonb_build_object('text', l.v)) END ORDER BY l.n)
          FROM jsonb_array_elements_text(e.value->'list') WITH ORDINALITY AS l(v, n)))
      WHEN jsonb_typeof(e.value) = 'object' AND jsonb_typeof(e.value->'messages') = 'array'
          AND jsonb_array_length(e.value->'messages') > 0
        THEN jsonb_set(e.value, '{messages}', (
          SELECT jsonb_agg(CASE WHEN m.v->>'id' = 'alerts.legacy' AND lower(trim(m.v #>> '{params,text}')) = lower(trim(name))
              THEN '{"id":"clients.erase.nameRemoved"}'::jsonb ELSE m.v END ORDER BY m.n)
          FROM jsonb_array_elements(e.value->'messages') WITH ORDINALITY AS m(v, n)))
      ELSE e.value END)
    FROM jsonb_each(p) AS e), '{}'::jsonb) END
$fn$;
--> statement-breakpoint
UPDATE "alerts" a SET "details" = jsonb_set(a.details, '{problems}', (
    SELECT coalesce(jsonb_object_agg(p.field, coalesce(t.id, 'errors.field.invalid')), '{}'::jsonb)
    FROM jsonb_each_text(a.details->'problems') AS p(field, problem)
    LEFT JOIN (VALUES
        ('First name is required', 'errors.clients.firstNameRequired'),
        ('Last name is required', 'errors.clients.lastNameRequired'),
        ('Birth date is required', 'errors.clients.birthDateRequired'),
        ('Not a phone number', 'errors.clients.phoneInvalid'),
        ('Not an email address', 'errors.clients.emailInvalid'),
        ('Email is required', 'errors.clients.emailRequired'),
        ('Consent to data processing is required', 'errors.clients.consentRequired'),
        ('Lead source is required', 'errors.clients.sourceRequired'),
        ('Guardian name is required', 'errors.clients.guardianNameRequired'),
        ('Relation is required', 'errors.clients.relationRequired'),
        ('Guardian phone is required', 'errors.clients.guardianPhoneRequired'),
        ('A client under 18 needs at least one guardian', 'errors.clients.guardianNeeded'),
        ('A phone number (the client’s or a guardian’s) is required', 'errors.clients.phoneRequired'),
        ('Use the format YYYY-MM-DD', 'errors.clients.dateFormat'),
        ('Not a real date', 'errors.clients.dateNotReal'),
        ('Birth date before 1900', 'errors.clients.birthDateBefore1900'),
        ('Birth date is in the future', 'errors.clients.birthDateFuture')) AS t(text, id) ON p.problem IN (t.text, t.id)))
  WHERE a.kind = 'client_file_incomplete' AND jsonb_typeof(a.details->'problems') = 'object';
--> statement-breakpoint
UPDATE "alerts" SET "message_id" = CASE "params"->>'text' WHEN 'Erased client' THEN 'alerts.erasedClient' ELSE 'alerts.concernsErasedClient' END,
    "params" = '{}'::jsonb
  WHERE "message_id" = 'alerts.legacy' AND "params"->>'text' IN ('Erased client', 'Concerns an erased client');
--> statement-breakpoint
UPDATE "alerts" a SET "message_id" = 'alerts.waitingListOffer', "params" = jsonb_build_object('group', x.m[1], 'client', x.m[2])
  FROM (SELECT id, regexp_match("params"->>'text', '^A place is free in (.*): offer it to (.*) \(first on the waiting list\)$') AS m
    FROM alerts WHERE kind = 'waiting_list_offer' AND message_id = 'alerts.legacy') x
  WHERE a.id = x.id AND x.m IS NOT NULL;
--> statement-breakpoint
UPDATE "alerts" a SET "message_id" = 'alerts.lessonCancelled',
    "params" = jsonb_build_object(
      'when', jsonb_build_object('span', jsonb_build_array(to_jsonb(l.starts_at), to_jsonb(l.ends_at)), 'timeZone', coalesce(b.timezone, 'UTC')),
      'hasReason', CASE WHEN x.m[2] IS NULL THEN 'no' ELSE 'yes' END,
      'reason', coalesce(x.m[2], ''),
      'members', CASE WHEN x.m[4] IS NULL THEN 0 ELSE cardinality(regexp_split_to_array(x.m[4], ', | and ')) END,
      'names', jsonb_build_object('list', CASE WHEN x.m[4] IS NULL THEN '[]'::jsonb ELSE to_jsonb(regexp_split_to_array(x.m[4], ', | and ')) END),
      'makeUp', CASE WHEN x.m[5] IS NULL THEN 'no' ELSE 'yes' END)
  FROM (SELECT id, regexp_match("params"->>'text', '^Lesson .* cancelled( \((.*)\))?: (nobody to notify|notify ([^;]*))(; a make-up lesson is offered)?$') AS m
    FROM alerts WHERE kind = 'lesson_cancelled' AND message_id = 'alerts.legacy' AND "params"->>'text' !~ '^Lesson on [0-9: -]+ UTC ') x,
    lessons l LEFT JOIN branches b ON b.id = l.branch_id
  WHERE a.id = x.id AND x.m IS NOT NULL AND a.subject = 'lesson:' || l.id AND l.starts_at IS NOT NULL AND l.ends_at IS NOT NULL;
--> statement-breakpoint
UPDATE "alerts" SET "params" = clubroom_erase_alert_params("params", 'an erased client')
  WHERE "message_id" <> 'alerts.legacy' AND lower("params"::text) LIKE '%an erased client%';
--> statement-breakpoint
-- The erasure writes the erased client's alerts as messages of their own (alerts.erasedClient,
-- alerts.concernsErasedClient) and keeps the others' kind, without the name (above).
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
