-- Alerts store their message as kind + parameters (issue #14): `message_id` (a catalogue id) and
-- `params`, rendered in each reader's language when read; `message` keeps the English text (logs,
-- old readers). Existing rows are converted where their English text is known, else they become
-- `alerts.legacy` with their text as the one parameter.
ALTER TABLE "alerts" ADD COLUMN "message_id" text DEFAULT 'alerts.legacy' NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "params" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
UPDATE "alerts" SET "params" = jsonb_build_object('text', "message");--> statement-breakpoint
UPDATE "alerts" a SET "message_id" = 'alerts.waitingListOffer', "params" = jsonb_build_object('group', x.m[1], 'client', x.m[2])
  FROM (SELECT id, regexp_match(message, '^A place is free in (.*): offer it to (.*) \(first on the waiting list\)$') AS m
    FROM alerts WHERE kind = 'waiting_list_offer') x
  WHERE a.id = x.id AND x.m IS NOT NULL;--> statement-breakpoint
UPDATE "alerts" a SET "message_id" = CASE a.kind WHEN 'room_clash' THEN 'alerts.roomClash' ELSE 'alerts.teacherClash' END,
    "params" = jsonb_build_object(
      'room', coalesce(r.name, ''),
      'teacher', coalesce(u.name, ''),
      'when', jsonb_build_object('span', jsonb_build_array(to_jsonb(l.starts_at), to_jsonb(l.ends_at)), 'timeZone', coalesce(b.timezone, 'UTC')),
      'lessons', jsonb_build_object('list', to_jsonb(regexp_split_to_array(x.m[1], ', | and '))))
  FROM (SELECT id, regexp_match(message, ' double-booked .*: ([^:]*)$') AS m FROM alerts WHERE kind IN ('room_clash', 'teacher_clash')) x,
    lessons l LEFT JOIN rooms r ON r.id = l.room_id LEFT JOIN users u ON u.id = l.teacher_id LEFT JOIN branches b ON b.id = l.branch_id
  WHERE a.id = x.id AND x.m IS NOT NULL AND a.subject = 'lesson:' || l.id AND l.starts_at IS NOT NULL AND l.ends_at IS NOT NULL;--> statement-breakpoint
UPDATE "alerts" a SET "message_id" = 'alerts.overCapacity',
    "params" = jsonb_build_object(
      'group', coalesce(g.name, ''),
      'when', jsonb_build_object('span', jsonb_build_array(to_jsonb(l.starts_at), to_jsonb(l.ends_at)), 'timeZone', coalesce(b.timezone, 'UTC')),
      'members', x.m[1]::int,
      'capacity', x.m[2]::int)
  FROM (SELECT id, regexp_match(message, ': (\d+) members, room or norm allows (\d+)$') AS m FROM alerts WHERE kind = 'over_capacity') x,
    lessons l LEFT JOIN groups g ON g.id = l.group_id LEFT JOIN branches b ON b.id = l.branch_id
  WHERE a.id = x.id AND x.m IS NOT NULL AND a.subject = 'lesson:' || l.id AND l.starts_at IS NOT NULL AND l.ends_at IS NOT NULL;--> statement-breakpoint
UPDATE "alerts" a SET "message_id" = 'alerts.lessonCancelled',
    "params" = jsonb_build_object(
      'when', jsonb_build_object('span', jsonb_build_array(to_jsonb(l.starts_at), to_jsonb(l.ends_at)), 'timeZone', coalesce(b.timezone, 'UTC')),
      'hasReason', CASE WHEN x.m[2] IS NULL THEN 'no' ELSE 'yes' END,
      'reason', coalesce(x.m[2], ''),
      'members', CASE WHEN x.m[3] = 'nobody (no members)' THEN 0 ELSE cardinality(string_to_array(x.m[3], ', ')) END,
      'names', jsonb_build_object('list', CASE WHEN x.m[3] = 'nobody (no members)' THEN '[]'::jsonb ELSE to_jsonb(string_to_array(x.m[3], ', ')) END),
      'makeUp', CASE WHEN x.m[4] IS NULL THEN 'no' ELSE 'yes' END)
  FROM (SELECT id, regexp_match(message, '^Lesson on [0-9: -]+ UTC cancelled( \((.*)\))?: notify (.*?)(; make-up lesson offered)?$') AS m
    FROM alerts WHERE kind = 'lesson_cancelled') x,
    lessons l LEFT JOIN branches b ON b.id = l.branch_id
  WHERE a.id = x.id AND x.m IS NOT NULL AND a.subject = 'lesson:' || l.id AND l.starts_at IS NOT NULL AND l.ends_at IS NOT NULL;--> statement-breakpoint
UPDATE "alerts" a SET "message_id" = 'alerts.clientFileIncomplete',
    "params" = jsonb_build_object('client', x.m[1], 'problems', jsonb_build_object('messages', (
      SELECT coalesce(jsonb_agg(jsonb_build_object('id', coalesce(t.id, 'errors.field.invalid')) ORDER BY p.n), '[]'::jsonb)
      FROM unnest(string_to_array(x.m[2], '; ')) WITH ORDINALITY AS p(text, n)
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
        ('Birth date is in the future', 'errors.clients.birthDateFuture')) AS t(text, id) ON t.text = p.text), 'separate', true))
  FROM (SELECT id, regexp_match(message, '^(.*?): (.*)$') AS m FROM alerts WHERE kind = 'client_file_incomplete') x
  WHERE a.id = x.id AND x.m IS NOT NULL;
--> statement-breakpoint
-- The erasure (0007) redacts alerts' English text; now their parameters too: a redacted alert becomes
-- `alerts.legacy` with the redacted text, so no name survives in `params`.
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
  UPDATE alerts SET message = 'Erased client', message_id = 'alerts.legacy', params = '{"text":"Erased client"}'::jsonb,
      details = NULL, cleared_at = coalesce(cleared_at, now())
    WHERE subject = 'client:' || p_client::text;
  GET DIAGNOSTICS n_alerts = ROW_COUNT;
  UPDATE alerts SET
      message = CASE
        WHEN EXISTS (SELECT 1 FROM unnest(needles) x WHERE position(lower(x) IN lower(replace(message, full_name, 'an erased client'))) > 0) THEN 'Concerns an erased client'
        ELSE replace(message, full_name, 'an erased client')
      END,
      message_id = 'alerts.legacy',
      params = jsonb_build_object('text', CASE
        WHEN EXISTS (SELECT 1 FROM unnest(needles) x WHERE position(lower(x) IN lower(replace(message, full_name, 'an erased client'))) > 0) THEN 'Concerns an erased client'
        ELSE replace(message, full_name, 'an erased client')
      END),
      details = clubroom_redact_json(details, needles)
    WHERE subject <> 'client:' || p_client::text AND details::text LIKE '%' || p_client::text || '%';
  UPDATE alerts SET
      message = CASE
        WHEN EXISTS (SELECT 1 FROM unnest(strong) x WHERE position(lower(x) IN lower(replace(message, full_name, 'an erased client'))) > 0) THEN 'Concerns an erased client'
        ELSE replace(message, full_name, 'an erased client')
      END,
      message_id = 'alerts.legacy',
      params = jsonb_build_object('text', CASE
        WHEN EXISTS (SELECT 1 FROM unnest(strong) x WHERE position(lower(x) IN lower(replace(message, full_name, 'an erased client'))) > 0) THEN 'Concerns an erased client'
        ELSE replace(message, full_name, 'an erased client')
      END),
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
