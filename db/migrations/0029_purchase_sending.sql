-- Purchasing (issue #18): sending purchase orders and receiving them. Only additions.
--
-- 1. An order sent to its supplier says by whom (sent_at was there); received_at once its last
--    outstanding line came in.
-- 2. A receipt made from an order names it (stock_documents.purchase_order_id; its reversal too):
--    what an order has received is the sum of the movements of its posted receipts.
-- 3. outbox_messages keeps every message the center sends (the order's email with its PDF):
--    `held` without an SMTP server (the outbox shows what would be sent), `sent` once accepted.
ALTER TABLE "purchase_orders" ADD COLUMN "sent_by" uuid;
--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD COLUMN "received_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "stock_documents" ADD COLUMN "purchase_order_id" uuid REFERENCES "purchase_orders"("id");
--> statement-breakpoint
CREATE INDEX "stock_documents_purchase_order_idx" ON "stock_documents" USING btree ("purchase_order_id") WHERE "stock_documents"."purchase_order_id" is not null;
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"attachment_name" text NOT NULL,
	"attachment" bytea NOT NULL,
	"status" text NOT NULL,
	"transport_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "outbox_messages_status" CHECK ("outbox_messages"."status" in ('held', 'sent'))
);
--> statement-breakpoint
CREATE INDEX "outbox_messages_created_idx" ON "outbox_messages" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX "outbox_messages_subject_idx" ON "outbox_messages" USING btree ("subject_id");
