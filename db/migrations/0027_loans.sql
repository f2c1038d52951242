-- Loans of textbooks and kits (issue #18, server/modules/loans): a product lent to a client for a
-- course until a due day, out of a store through a `loan` stock document and back through a
-- `loan_return` one (nothing comes back when it was lost). Overdue open loans raise `loan_overdue`
-- and make the client owe (a red line on the timetable) until the item is returned.
CREATE TABLE "loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL REFERENCES "clients"("id"),
	"product_id" uuid NOT NULL REFERENCES "products"("id"),
	"store_id" uuid NOT NULL REFERENCES "stores"("id"),
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"group_id" uuid REFERENCES "groups"("id"),
	"quantity" integer NOT NULL,
	"due_on" date NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	"issue_document_id" uuid REFERENCES "stock_documents"("id"),
	"returned_at" timestamp with time zone,
	"returned_by" uuid,
	"condition" text,
	"return_note" text,
	"return_document_id" uuid REFERENCES "stock_documents"("id"),
	CONSTRAINT "loans_quantity" CHECK ("loans"."quantity" > 0),
	CONSTRAINT "loans_condition" CHECK ("loans"."condition" is null or "loans"."condition" in ('good', 'worn', 'damaged', 'lost')),
	CONSTRAINT "loans_returned" CHECK (("loans"."returned_at" is null) = ("loans"."condition" is null))
);
--> statement-breakpoint
CREATE INDEX "loans_client_idx" ON "loans" USING btree ("client_id","issued_at");
--> statement-breakpoint
CREATE INDEX "loans_branch_idx" ON "loans" USING btree ("branch_id","issued_at");
--> statement-breakpoint
CREATE INDEX "loans_open_due_idx" ON "loans" USING btree ("due_on") WHERE "loans"."returned_at" is null;
