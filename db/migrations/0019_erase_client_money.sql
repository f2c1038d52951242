-- An erasure's step in the money records (the passes area's `client.erased` hook, in the erasure's
-- transaction). Invoices, payments, refunds and passes stay: they are the center's books, and the
-- tax report and the cash desk must still add up. What names the person goes: the payer's name and
-- phone on the client's invoices, and the free text staff typed about them (an invoice's
-- cancellation reason, a refund's reason, a freeze's reason). Refunds are insert-only for
-- clubroom_app (0017), so this runs as the function's owner, as clubroom_erase_client does (0007).
CREATE OR REPLACE FUNCTION clubroom_erase_client_money(p_client uuid)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  n_invoices int;
  n_refunds int;
  n_freezes int;
BEGIN
  UPDATE invoices SET payer_name = NULL, payer_phone = NULL, payer_phone_digits = NULL, cancel_reason = NULL
    WHERE client_id = p_client
      AND (payer_name IS NOT NULL OR payer_phone IS NOT NULL OR payer_phone_digits IS NOT NULL OR cancel_reason IS NOT NULL);
  GET DIAGNOSTICS n_invoices = ROW_COUNT;
  UPDATE refunds SET reason = NULL WHERE client_id = p_client AND reason IS NOT NULL;
  GET DIAGNOSTICS n_refunds = ROW_COUNT;
  UPDATE pass_freezes SET reason = NULL
    WHERE pass_id IN (SELECT id FROM passes WHERE client_id = p_client) AND reason IS NOT NULL;
  GET DIAGNOSTICS n_freezes = ROW_COUNT;
  RETURN jsonb_build_object('invoices', n_invoices, 'refunds', n_refunds, 'freezes', n_freezes);
END
$fn$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION clubroom_erase_client_money(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION clubroom_erase_client_money(uuid) TO clubroom_app;
