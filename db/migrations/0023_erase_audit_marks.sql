-- An erasure's step in the auditors' marks (the audit area's `client.erased` hook, in the erasure's
-- transaction). A mark stays (who verified or queried which change, when: the audit's own record),
-- but its comment may name the person: on a change about the client (their commands, their file's
-- and medical file's updates, views of their medical data) the comment becomes "[erased]"; on any
-- other change, the words that name them unmistakably (full name, phone, email, guardians' names,
-- phones and emails, passed in by the erasure before it anonymised the client) become "[erased]".
-- Marks are append-only (0022); this runs as the function's owner with the trail's redaction
-- switch on, as clubroom_erase_client does (0007).
CREATE OR REPLACE FUNCTION clubroom_erase_client_marks(p_client uuid, p_mentions text[])
RETURNS int LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  n_about int;
  n_mention int := 0;
  m record;
  x text;
  redacted text;
BEGIN
  PERFORM set_config('clubroom.trail_redaction', 'on', true);
  UPDATE audit_marks SET comment = '[erased]'
    WHERE comment IS NOT NULL AND comment <> '[erased]' AND trail_seq IN (
      SELECT trail_seq FROM audit_log WHERE entity = 'client' AND entity_id = p_client::text
      UNION ALL
      SELECT trail_seq FROM doc_updates WHERE doc IN ('client:' || p_client::text, 'client-medical:' || p_client::text)
      UNION ALL
      SELECT trail_seq FROM medical_views WHERE client_id = p_client);
  GET DIAGNOSTICS n_about = ROW_COUNT;
  FOR m IN
    SELECT id, comment FROM audit_marks
    WHERE comment IS NOT NULL
      AND EXISTS (SELECT 1 FROM unnest(p_mentions) y WHERE length(trim(y)) >= 3 AND position(lower(y) IN lower(comment)) > 0)
  LOOP
    redacted := m.comment;
    -- longest first, so that a full name goes before the surname inside it
    FOR x IN SELECT y FROM unnest(p_mentions) y WHERE length(trim(y)) >= 3 ORDER BY length(y) DESC LOOP
      redacted := regexp_replace(redacted, '(?i)' || regexp_replace(x, '([.^$*+?()\[\]{}|\\-])', '\\\1', 'g'), '[erased]', 'g');
    END LOOP;
    UPDATE audit_marks SET comment = redacted WHERE id = m.id;
    n_mention := n_mention + 1;
  END LOOP;
  PERFORM set_config('clubroom.trail_redaction', 'off', true);
  RETURN n_about + n_mention;
END
$fn$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION clubroom_erase_client_marks(uuid, text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION clubroom_erase_client_marks(uuid, text[]) TO clubroom_app;
