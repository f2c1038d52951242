-- Staff, payroll and lesson cost (issue #19). Only additions.
--
-- employees (a login optional), their notes and documents; pay schemes, effective-dated and never
-- overlapping per employee; bonuses, deductions and corrections; services outside the timetable;
-- approved payrolls with their explained lines (a teacher's service paid once per part); the
-- overhead per hour of a branch's lessons, effective-dated.
CREATE TABLE "employees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid REFERENCES "users"("id"),
	"name" text NOT NULL,
	"positions" text[] DEFAULT '{}'::text[] NOT NULL,
	"branch_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"phone" text,
	"email" text,
	"hired_on" date,
	"left_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE UNIQUE INDEX "employees_user_idx" ON "employees" USING btree ("user_id") WHERE "employees"."user_id" is not null;
--> statement-breakpoint
CREATE TABLE "employee_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"employee_id" uuid NOT NULL REFERENCES "employees"("id"),
	"text" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid
);
--> statement-breakpoint
CREATE INDEX "employee_notes_employee_idx" ON "employee_notes" USING btree ("employee_id", "at");
--> statement-breakpoint
CREATE TABLE "employee_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL REFERENCES "employees"("id"),
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "employee_documents_kind" CHECK ("kind" in ('contract', 'certificate', 'other'))
);
--> statement-breakpoint
CREATE INDEX "employee_documents_employee_idx" ON "employee_documents" USING btree ("employee_id");
--> statement-breakpoint
CREATE TABLE "pay_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL REFERENCES "employees"("id"),
	"valid_from" date NOT NULL,
	"valid_to" date,
	"per_lesson" bigint DEFAULT 0 NOT NULL,
	"per_client" bigint DEFAULT 0 NOT NULL,
	"revenue_bp" integer DEFAULT 0 NOT NULL,
	"hourly" bigint DEFAULT 0 NOT NULL,
	"monthly" bigint DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "pay_schemes_rates" CHECK ("per_lesson" >= 0 and "per_client" >= 0 and "revenue_bp" between 0 and 10000 and "hourly" >= 0 and "monthly" >= 0),
	CONSTRAINT "pay_schemes_dates" CHECK ("valid_to" is null or "valid_to" >= "valid_from")
);
--> statement-breakpoint
CREATE INDEX "pay_schemes_employee_idx" ON "pay_schemes" USING btree ("employee_id", "valid_from");
--> statement-breakpoint
CREATE TABLE "pay_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL REFERENCES "employees"("id"),
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"on" date NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"reason" text NOT NULL,
	"corrects" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "pay_adjustments_kind" CHECK ("kind" in ('bonus', 'deduction', 'correction')),
	CONSTRAINT "pay_adjustments_amount" CHECK ("kind" = 'correction' or "amount" > 0)
);
--> statement-breakpoint
CREATE INDEX "pay_adjustments_branch_idx" ON "pay_adjustments" USING btree ("branch_id", "on");
--> statement-breakpoint
CREATE TABLE "staff_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employee_id" uuid NOT NULL REFERENCES "employees"("id"),
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"on" date NOT NULL,
	"kind" text NOT NULL,
	"minutes" integer NOT NULL,
	"clients" integer DEFAULT 0 NOT NULL,
	"fee" bigint DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "staff_services_kind" CHECK ("kind" in ('party', 'consultation', 'other')),
	CONSTRAINT "staff_services_numbers" CHECK ("minutes" > 0 and "clients" >= 0 and "fee" >= 0)
);
--> statement-breakpoint
CREATE INDEX "staff_services_branch_idx" ON "staff_services" USING btree ("branch_id", "on");
--> statement-breakpoint
CREATE TABLE "payrolls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"month" text NOT NULL,
	"currency" text NOT NULL,
	"total" bigint NOT NULL,
	"approved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "payrolls_branch_month_idx" ON "payrolls" USING btree ("branch_id", "month");
--> statement-breakpoint
CREATE TABLE "payroll_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"payroll_id" uuid NOT NULL REFERENCES "payrolls"("id"),
	"employee_id" uuid NOT NULL REFERENCES "employees"("id"),
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"service_id" bigint,
	"staff_service_id" uuid,
	"adjustment_id" uuid,
	"lesson_id" text,
	"scheme_id" uuid,
	"attendees" integer,
	"minutes" integer,
	"rate" bigint,
	"base" bigint,
	"amount" bigint NOT NULL,
	"corrects" text,
	"reason" text
);
--> statement-breakpoint
CREATE INDEX "payroll_lines_payroll_idx" ON "payroll_lines" USING btree ("payroll_id", "employee_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "payroll_lines_service_idx" ON "payroll_lines" USING btree ("service_id", "kind") WHERE "payroll_lines"."service_id" is not null;
--> statement-breakpoint
CREATE UNIQUE INDEX "payroll_lines_adjustment_idx" ON "payroll_lines" USING btree ("adjustment_id") WHERE "payroll_lines"."adjustment_id" is not null;
--> statement-breakpoint
CREATE UNIQUE INDEX "payroll_lines_staff_service_idx" ON "payroll_lines" USING btree ("staff_service_id", "kind") WHERE "payroll_lines"."staff_service_id" is not null;
--> statement-breakpoint
CREATE TABLE "cost_settings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL REFERENCES "branches"("id"),
	"valid_from" date NOT NULL,
	"overhead_per_hour" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "cost_settings_overhead" CHECK ("overhead_per_hour" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "cost_settings_branch_from_idx" ON "cost_settings" USING btree ("branch_id", "valid_from");
--> statement-breakpoint
CREATE INDEX "teacher_services_lesson_idx" ON "teacher_services" USING btree ("lesson_id");
