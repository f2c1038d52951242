-- Sales at the point of sale (issue #18, "Sales and loans"). Only additions.
--
-- 1. A sale is paid in full when it is made; its receipt is numbered per branch and year without
--    gaps (`sale_counters`, locked by "insert … on conflict do update" in the sale's transaction).
-- 2. Its lines keep the price of the day and the tax as computed then; its goods leave the store by
--    a posted stock document of kind `sale` (the stock area's ledger), in the same transaction.
-- 3. A return points at its sale: what came back of each line and the money given back; nothing of
--    a sale is edited. Sales, their lines and returns are append-only for the server's role.
CREATE TABLE "sale_counters" (
	"branch_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "sale_counters_branch_id_year_pk" PRIMARY KEY("branch_id","year")
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"store_id" uuid NOT NULL REFERENCES "stores"("id"),
	"client_id" uuid REFERENCES "clients"("id"),
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"currency" text NOT NULL,
	"net" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"total" bigint NOT NULL,
	"method" text NOT NULL,
	"day" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid,
	"idempotency_key" text,
	"stock_document_id" uuid REFERENCES "stock_documents"("id"),
	CONSTRAINT "sales_method" CHECK ("sales"."method" in ('cash', 'card', 'transfer')),
	CONSTRAINT "sales_amounts" CHECK ("sales"."net" + "sales"."tax" = "sales"."total" and "sales"."total" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sales_number_idx" ON "sales" USING btree ("branch_id","year","number");
--> statement-breakpoint
CREATE UNIQUE INDEX "sales_idempotency_idx" ON "sales" USING btree ("idempotency_key");
--> statement-breakpoint
CREATE INDEX "sales_branch_day_idx" ON "sales" USING btree ("branch_id","day");
--> statement-breakpoint
CREATE INDEX "sales_client_idx" ON "sales" USING btree ("client_id","day") WHERE "sales"."client_id" is not null;
--> statement-breakpoint
CREATE TABLE "sale_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sale_id" uuid NOT NULL REFERENCES "sales"("id"),
	"line_key" text NOT NULL,
	"product_id" uuid NOT NULL REFERENCES "products"("id"),
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" bigint NOT NULL,
	"net" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"gross" bigint NOT NULL,
	"tax_rate_id" uuid REFERENCES "tax_rates"("id"),
	"tax_rate_bp" integer DEFAULT 0 NOT NULL,
	"tax_mode" text DEFAULT 'exempt' NOT NULL,
	CONSTRAINT "sale_lines_quantity" CHECK ("sale_lines"."quantity" > 0),
	CONSTRAINT "sale_lines_amounts" CHECK ("sale_lines"."net" + "sale_lines"."tax" = "sale_lines"."gross")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sale_lines_key_idx" ON "sale_lines" USING btree ("sale_id","line_key");
--> statement-breakpoint
CREATE TABLE "sale_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sale_id" uuid NOT NULL REFERENCES "sales"("id"),
	"branch_id" uuid NOT NULL,
	"client_id" uuid,
	"amount" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"method" text NOT NULL,
	"reason" text,
	"day" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid,
	"stock_document_id" uuid REFERENCES "stock_documents"("id"),
	CONSTRAINT "sale_returns_method" CHECK ("sale_returns"."method" in ('cash', 'card', 'transfer')),
	CONSTRAINT "sale_returns_amount" CHECK ("sale_returns"."amount" >= 0)
);
--> statement-breakpoint
CREATE INDEX "sale_returns_sale_idx" ON "sale_returns" USING btree ("sale_id");
--> statement-breakpoint
CREATE INDEX "sale_returns_branch_day_idx" ON "sale_returns" USING btree ("branch_id","day");
--> statement-breakpoint
CREATE TABLE "sale_return_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"return_id" uuid NOT NULL REFERENCES "sale_returns"("id"),
	"sale_line_id" bigint NOT NULL REFERENCES "sale_lines"("id"),
	"quantity" integer NOT NULL,
	"net" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"gross" bigint NOT NULL,
	CONSTRAINT "sale_return_lines_quantity" CHECK ("sale_return_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE INDEX "sale_return_lines_line_idx" ON "sale_return_lines" USING btree ("sale_line_id");
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "sales", "sale_lines", "sale_returns", "sale_return_lines" FROM clubroom_app, PUBLIC;
