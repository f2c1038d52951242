-- Lesson cost and payroll (issue #19): the consumables of a lesson and a pass's invoice line are
-- looked up by lesson and by pass for a year of lessons. Only additions.
CREATE INDEX IF NOT EXISTS "consumable_uses_lesson_idx" ON "consumable_uses" USING btree ("lesson_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "invoice_lines_pass_idx" ON "invoice_lines" USING btree ("pass_id") WHERE "invoice_lines"."pass_id" is not null;
