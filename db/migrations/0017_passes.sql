-- Passes and payments (issue #15): tax rates, pass plans with effective-dated prices, passes and
-- the visits written off them, freezes, invoices numbered per branch and year without gaps,
-- payments, refunds, closed cash-desk days, wall tokens and the area's settings. Amounts are whole
-- minor units (bigint). Money records are never edited: payments, refunds, invoice lines, prices
-- and visits take no UPDATE or DELETE from the server's role (a correction is a new row).
CREATE TABLE "tax_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"rate_bp" integer NOT NULL,
	"mode" text NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "tax_rates_mode" CHECK ("tax_rates"."mode" in ('included', 'added', 'exempt')),
	CONSTRAINT "tax_rates_rate" CHECK ("tax_rates"."rate_bp" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "pass_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"activity_ids" uuid[] NOT NULL,
	"sessions" integer,
	"valid_days" integer,
	"valid_until" date,
	"tax_rate_id" uuid REFERENCES "tax_rates"("id"),
	"burns_unexcused" boolean DEFAULT false NOT NULL,
	"freeze_max_days" integer DEFAULT 0 NOT NULL,
	"freeze_max_times" integer DEFAULT 0 NOT NULL,
	"sibling_discount_bp" integer DEFAULT 0 NOT NULL,
	"multi_activity_discount_bp" integer DEFAULT 0 NOT NULL,
	"branch_id" uuid,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "pass_plans_sessions" CHECK ("pass_plans"."sessions" is null or "pass_plans"."sessions" > 0),
	CONSTRAINT "pass_plans_validity" CHECK ("pass_plans"."valid_days" is not null and "pass_plans"."valid_days" > 0 or "pass_plans"."valid_until" is not null)
);
--> statement-breakpoint
CREATE TABLE "pass_plan_prices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL REFERENCES "pass_plans"("id"),
	"effective_from" date NOT NULL,
	"price" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "pass_plan_prices_price" CHECK ("pass_plan_prices"."price" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "pass_plan_prices_plan_day_idx" ON "pass_plan_prices" USING btree ("plan_id","effective_from");
--> statement-breakpoint
CREATE TABLE "passes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL REFERENCES "pass_plans"("id"),
	"branch_id" uuid NOT NULL,
	"invoice_id" uuid,
	"activity_ids" uuid[] NOT NULL,
	"sessions_total" integer,
	"sessions_used" integer DEFAULT 0 NOT NULL,
	"starts_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"sold_valid_until" date NOT NULL,
	"burns_unexcused" boolean DEFAULT false NOT NULL,
	"freeze_max_days" integer DEFAULT 0 NOT NULL,
	"freeze_max_times" integer DEFAULT 0 NOT NULL,
	"price" bigint NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "passes_sessions_used" CHECK ("passes"."sessions_used" >= 0 and ("passes"."sessions_total" is null or "passes"."sessions_used" <= "passes"."sessions_total"))
);
--> statement-breakpoint
CREATE INDEX "passes_client_idx" ON "passes" USING btree ("client_id","valid_until");
--> statement-breakpoint
CREATE INDEX "passes_valid_until_idx" ON "passes" USING btree ("valid_until");
--> statement-breakpoint
CREATE TABLE "pass_visits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"branch_id" uuid,
	"pass_id" uuid,
	"owed" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"lesson_id" text,
	"activity_id" uuid,
	"completion_id" bigint,
	"make_up_credit_id" bigint,
	"chosen" boolean DEFAULT false NOT NULL,
	"sign" smallint DEFAULT 1 NOT NULL,
	"reversal_of" bigint,
	"on" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid NOT NULL,
	CONSTRAINT "pass_visits_sign" CHECK ("pass_visits"."sign" in (1, -1)),
	CONSTRAINT "pass_visits_source" CHECK ("pass_visits"."source" in ('lesson', 'absence', 'check_in', 'make_up'))
);
--> statement-breakpoint
CREATE INDEX "pass_visits_client_idx" ON "pass_visits" USING btree ("client_id","at");
--> statement-breakpoint
CREATE INDEX "pass_visits_pass_idx" ON "pass_visits" USING btree ("pass_id");
--> statement-breakpoint
CREATE INDEX "pass_visits_lesson_idx" ON "pass_visits" USING btree ("lesson_id","client_id");
--> statement-breakpoint
CREATE INDEX "pass_visits_owed_idx" ON "pass_visits" USING btree ("client_id") WHERE "pass_visits"."owed";
--> statement-breakpoint
CREATE UNIQUE INDEX "pass_visits_reversal_idx" ON "pass_visits" USING btree ("reversal_of") WHERE "pass_visits"."reversal_of" is not null;
--> statement-breakpoint
CREATE INDEX "pass_visits_branch_at_idx" ON "pass_visits" USING btree ("branch_id","at");
--> statement-breakpoint
CREATE TABLE "pass_freezes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pass_id" uuid NOT NULL,
	"batch_id" uuid,
	"from_on" date NOT NULL,
	"days" integer NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid NOT NULL,
	"resumed_on" date,
	"resumed_by" uuid,
	"undone_at" timestamp with time zone,
	"undone_by" uuid
);
--> statement-breakpoint
CREATE INDEX "pass_freezes_pass_idx" ON "pass_freezes" USING btree ("pass_id");
--> statement-breakpoint
CREATE INDEX "pass_freezes_batch_idx" ON "pass_freezes" USING btree ("batch_id");
--> statement-breakpoint
CREATE TABLE "freeze_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" text NOT NULL,
	"group_id" uuid,
	"branch_id" uuid NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date NOT NULL,
	"reason" text,
	"passes" integer DEFAULT 0 NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" uuid
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"branch_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"client_id" uuid NOT NULL,
	"payer_name" text,
	"payer_phone" text,
	"payer_phone_digits" text,
	"currency" text NOT NULL,
	"net" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"total" bigint NOT NULL,
	"issued_on" date NOT NULL,
	"due_on" date NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid NOT NULL,
	CONSTRAINT "invoices_totals" CHECK ("invoices"."net" + "invoices"."tax" = "invoices"."total")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_idx" ON "invoices" USING btree ("branch_id","year","number");
--> statement-breakpoint
CREATE INDEX "invoices_client_idx" ON "invoices" USING btree ("client_id","issued_on");
--> statement-breakpoint
CREATE INDEX "invoices_payer_idx" ON "invoices" USING btree ("payer_phone_digits");
--> statement-breakpoint
CREATE INDEX "invoices_due_idx" ON "invoices" USING btree ("due_on");
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"invoice_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"pass_id" uuid,
	"plan_id" uuid,
	"description" text NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"unit_price" bigint NOT NULL,
	"discount" bigint DEFAULT 0 NOT NULL,
	"discount_reason" text,
	"net" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"gross" bigint NOT NULL,
	"tax_rate_id" uuid,
	"tax_rate_bp" integer DEFAULT 0 NOT NULL,
	"tax_mode" text DEFAULT 'exempt' NOT NULL,
	CONSTRAINT "invoice_lines_totals" CHECK ("invoice_lines"."net" + "invoice_lines"."tax" = "invoice_lines"."gross")
);
--> statement-breakpoint
CREATE INDEX "invoice_lines_invoice_idx" ON "invoice_lines" USING btree ("invoice_id");
--> statement-breakpoint
CREATE TABLE "invoice_counters" (
	"branch_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "invoice_counters_branch_id_year_pk" PRIMARY KEY("branch_id","year")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"credit" bigint DEFAULT 0 NOT NULL,
	"method" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"day" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid NOT NULL,
	CONSTRAINT "payments_amount" CHECK ("payments"."amount" > 0 and "payments"."credit" >= 0),
	CONSTRAINT "payments_method" CHECK ("payments"."method" in ('cash', 'card', 'transfer', 'credit'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "payments_idempotency_idx" ON "payments" USING btree ("idempotency_key");
--> statement-breakpoint
CREATE INDEX "payments_invoice_idx" ON "payments" USING btree ("invoice_id");
--> statement-breakpoint
CREATE INDEX "payments_client_idx" ON "payments" USING btree ("client_id","at");
--> statement-breakpoint
CREATE INDEX "payments_branch_day_idx" ON "payments" USING btree ("branch_id","day");
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"pass_id" uuid,
	"client_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"tax" bigint DEFAULT 0 NOT NULL,
	"sessions" integer,
	"method" text NOT NULL,
	"reason" text,
	"idempotency_key" text NOT NULL,
	"day" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid NOT NULL,
	CONSTRAINT "refunds_amount" CHECK ("refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_idempotency_idx" ON "refunds" USING btree ("idempotency_key");
--> statement-breakpoint
CREATE INDEX "refunds_invoice_idx" ON "refunds" USING btree ("invoice_id");
--> statement-breakpoint
CREATE INDEX "refunds_client_idx" ON "refunds" USING btree ("client_id","at");
--> statement-breakpoint
CREATE INDEX "refunds_branch_day_idx" ON "refunds" USING btree ("branch_id","day");
--> statement-breakpoint
CREATE TABLE "cash_days" (
	"branch_id" uuid NOT NULL,
	"day" date NOT NULL,
	"totals" jsonb NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid NOT NULL,
	CONSTRAINT "cash_days_branch_id_day_pk" PRIMARY KEY("branch_id","day")
);
--> statement-breakpoint
CREATE TABLE "wall_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"branch_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"last_seen_at" timestamp with time zone,
	CONSTRAINT "wall_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "pass_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"running_out_sessions" integer DEFAULT 2 NOT NULL,
	"running_out_days" integer DEFAULT 7 NOT NULL,
	"invoice_due_days" integer DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "pass_settings_one_row" CHECK ("pass_settings"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "pass_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "tax_rates", "pass_plans", "passes", "pass_freezes", "freeze_batches", "invoices", "invoice_counters", "cash_days", "wall_tokens" TO clubroom_app;
--> statement-breakpoint
GRANT SELECT, UPDATE ON "pass_settings" TO clubroom_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "pass_plan_prices", "pass_visits", "invoice_lines", "payments", "refunds" TO clubroom_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "pass_plan_prices", "pass_visits", "invoice_lines", "payments", "refunds" FROM clubroom_app, PUBLIC;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON SEQUENCE "pass_plan_prices_id_seq", "pass_visits_id_seq", "pass_freezes_id_seq", "invoice_lines_id_seq" TO clubroom_app;
