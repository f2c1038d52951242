-- Stock (issue #18, first part): suppliers, products with effective-dated prices, stores per branch,
-- stock documents, the ledger of stock movements and the balances kept from it. Only additions.
--
-- 1. stock_movements is the ledger: append-only like the trail (no UPDATE, DELETE or TRUNCATE for
--    the server's role, and the trail's triggers refuse them for everybody). A correction is a
--    reversal: another document whose movements are the negated ones.
-- 2. stock_balances holds on hand per product and store = the sum of its movements, kept by a
--    trigger on every movement, in the movement's own transaction (tested: balances == sums).
-- 3. product_prices are never edited either: a new price is a new row from a day on.
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"sku" text NOT NULL,
	"barcode" text,
	"unit" text DEFAULT 'pcs' NOT NULL,
	"tax_rate_id" uuid REFERENCES "tax_rates"("id"),
	"reorder_point" integer,
	"reorder_quantity" integer,
	"max_level" integer,
	"preferred_supplier_id" uuid REFERENCES "suppliers"("id"),
	"activity_id" uuid,
	"allow_negative" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "products_kind" CHECK ("products"."kind" in ('goods', 'textbook', 'kit', 'consumable')),
	CONSTRAINT "products_levels" CHECK (coalesce("products"."reorder_point", 0) >= 0 and coalesce("products"."reorder_quantity", 0) >= 0 and coalesce("products"."max_level", 0) >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "products_sku_idx" ON "products" USING btree ("sku");
--> statement-breakpoint
CREATE UNIQUE INDEX "products_barcode_idx" ON "products" USING btree ("barcode");
--> statement-breakpoint
CREATE TABLE "product_prices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL REFERENCES "products"("id"),
	"effective_from" date NOT NULL,
	"sale_price" bigint NOT NULL,
	"cost" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "product_prices_amounts" CHECK ("product_prices"."sale_price" >= 0 and "product_prices"."cost" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "product_prices_product_day_idx" ON "product_prices" USING btree ("product_id","effective_from");
--> statement-breakpoint
CREATE TABLE "stores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"name" text NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE UNIQUE INDEX "stores_branch_name_idx" ON "stores" USING btree ("branch_id","name");
--> statement-breakpoint
CREATE TABLE "stock_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"store_id" uuid NOT NULL REFERENCES "stores"("id"),
	"to_store_id" uuid REFERENCES "stores"("id"),
	"supplier_id" uuid REFERENCES "suppliers"("id"),
	"status" text DEFAULT 'draft' NOT NULL,
	"posted_by" uuid,
	"posted_at" timestamp with time zone,
	"reverses" uuid,
	"reversed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "stock_documents_kind" CHECK ("stock_documents"."kind" in ('receipt', 'write_off', 'transfer', 'count', 'return')),
	CONSTRAINT "stock_documents_status" CHECK ("stock_documents"."status" in ('draft', 'posted')),
	CONSTRAINT "stock_documents_transfer" CHECK (("stock_documents"."kind" = 'transfer') = ("stock_documents"."to_store_id" is not null) and "stock_documents"."to_store_id" is distinct from "stock_documents"."store_id"),
	CONSTRAINT "stock_documents_posted" CHECK (("stock_documents"."status" = 'posted') = ("stock_documents"."posted_at" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "stock_documents_reverses_idx" ON "stock_documents" USING btree ("reverses");
--> statement-breakpoint
CREATE INDEX "stock_documents_store_idx" ON "stock_documents" USING btree ("store_id","created_at");
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL REFERENCES "products"("id"),
	"store_id" uuid NOT NULL REFERENCES "stores"("id"),
	"quantity" integer NOT NULL,
	"unit_cost" bigint DEFAULT 0 NOT NULL,
	"document_id" uuid NOT NULL REFERENCES "stock_documents"("id"),
	"line_key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"author_id" uuid,
	CONSTRAINT "stock_movements_quantity" CHECK ("stock_movements"."quantity" <> 0)
);
--> statement-breakpoint
CREATE INDEX "stock_movements_product_store_idx" ON "stock_movements" USING btree ("product_id","store_id","at");
--> statement-breakpoint
CREATE INDEX "stock_movements_document_idx" ON "stock_movements" USING btree ("document_id");
--> statement-breakpoint
CREATE TABLE "stock_balances" (
	"product_id" uuid NOT NULL REFERENCES "products"("id"),
	"store_id" uuid NOT NULL REFERENCES "stores"("id"),
	"on_hand" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stock_balances_product_id_store_id_pk" PRIMARY KEY("product_id","store_id")
);
--> statement-breakpoint
CREATE INDEX "stock_balances_store_idx" ON "stock_balances" USING btree ("store_id");
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON TABLE "stock_movements", "product_prices" FROM clubroom_app, PUBLIC;
--> statement-breakpoint
CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON "stock_movements" FOR EACH ROW EXECUTE FUNCTION clubroom_trail_append_only();
--> statement-breakpoint
CREATE TRIGGER stock_movements_no_truncate BEFORE TRUNCATE ON "stock_movements" FOR EACH STATEMENT EXECUTE FUNCTION clubroom_trail_append_only();
--> statement-breakpoint
-- every movement adds its quantity to its product's balance in its store, in the same transaction
CREATE OR REPLACE FUNCTION clubroom_stock_balance() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO stock_balances (product_id, store_id, on_hand) VALUES (NEW.product_id, NEW.store_id, NEW.quantity)
    ON CONFLICT (product_id, store_id) DO UPDATE SET on_hand = stock_balances.on_hand + EXCLUDED.on_hand;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER stock_movements_balance AFTER INSERT ON "stock_movements" FOR EACH ROW EXECUTE FUNCTION clubroom_stock_balance();
