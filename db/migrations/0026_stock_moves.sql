-- Stock moved by other areas' commands (issue #18): a sale, a return of a sale, a loan and its
-- return, the consumables a lesson used. Each is a stock document posted at once inside that
-- area's command, naming who received the goods (the client) and what it came from (the sale, the
-- loan, the lesson): the ledger says who had what, per product and per client. Only additions.
ALTER TABLE "stock_documents" DROP CONSTRAINT "stock_documents_kind";
--> statement-breakpoint
ALTER TABLE "stock_documents" ADD CONSTRAINT "stock_documents_kind" CHECK ("stock_documents"."kind" in ('receipt', 'write_off', 'transfer', 'count', 'return', 'sale', 'sale_return', 'loan', 'loan_return', 'consumption'));
--> statement-breakpoint
ALTER TABLE "stock_documents" ADD COLUMN "client_id" uuid REFERENCES "clients"("id");
--> statement-breakpoint
ALTER TABLE "stock_documents" ADD COLUMN "source_type" text;
--> statement-breakpoint
ALTER TABLE "stock_documents" ADD COLUMN "source_id" text;
--> statement-breakpoint
ALTER TABLE "stock_documents" ADD CONSTRAINT "stock_documents_source" CHECK (("stock_documents"."source_type" is null) = ("stock_documents"."source_id" is null));
--> statement-breakpoint
CREATE INDEX "stock_documents_client_idx" ON "stock_documents" USING btree ("client_id","created_at") WHERE "stock_documents"."client_id" is not null;
--> statement-breakpoint
CREATE INDEX "stock_documents_source_idx" ON "stock_documents" USING btree ("source_type","source_id") WHERE "stock_documents"."source_type" is not null;
