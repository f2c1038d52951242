DROP INDEX "clients_status_idx";--> statement-breakpoint
CREATE INDEX "clients_created_idx" ON "clients" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "clients_status_name_idx" ON "clients" USING btree ("status","last_name","first_name","id");--> statement-breakpoint
CREATE INDEX "clients_flagged_name_idx" ON "clients" USING btree ("last_name","first_name","id") WHERE cardinality("clients"."flags") > 0;