-- Purchasing (issue #18, second part): purchase requests raised by a posting that takes a product
-- to or below its reorder point, grouped per supplier (and branch) into draft purchase orders.
-- Only additions.
--
-- 1. A request is its order's line (`order_id`): one request is exactly one product, one quantity,
--    one supplier, so a separate lines table would only copy it.
-- 2. Never two open requests for one product and supplier (a partial unique index: concurrent
--    postings insert "on conflict do nothing"); never two draft orders for one supplier in one branch.
CREATE TABLE "purchase_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL REFERENCES "suppliers"("id"),
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"sent_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	CONSTRAINT "purchase_orders_status" CHECK ("purchase_orders"."status" in ('draft', 'sent', 'partly_received', 'received', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_one_draft_idx" ON "purchase_orders" USING btree ("supplier_id","branch_id") WHERE "purchase_orders"."status" = 'draft';
--> statement-breakpoint
CREATE INDEX "purchase_orders_status_idx" ON "purchase_orders" USING btree ("status","created_at");
--> statement-breakpoint
CREATE TABLE "purchase_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL REFERENCES "products"("id"),
	"supplier_id" uuid NOT NULL REFERENCES "suppliers"("id"),
	"store_id" uuid NOT NULL REFERENCES "stores"("id"),
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"quantity" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"order_id" uuid REFERENCES "purchase_orders"("id"),
	"document_id" uuid REFERENCES "stock_documents"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "purchase_requests_quantity" CHECK ("purchase_requests"."quantity" > 0),
	CONSTRAINT "purchase_requests_status" CHECK ("purchase_requests"."status" in ('open', 'ordered', 'received', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_requests_one_open_idx" ON "purchase_requests" USING btree ("product_id","supplier_id") WHERE "purchase_requests"."status" = 'open';
--> statement-breakpoint
CREATE INDEX "purchase_requests_order_idx" ON "purchase_requests" USING btree ("order_id");
--> statement-breakpoint
CREATE INDEX "purchase_requests_supplier_idx" ON "purchase_requests" USING btree ("supplier_id","status");
