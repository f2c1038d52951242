CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"color" text DEFAULT '#4f7cff' NOT NULL,
	"duration_minutes" integer NOT NULL,
	"min_group_size" integer DEFAULT 1 NOT NULL,
	"max_group_size" integer NOT NULL,
	"age_min" integer,
	"age_max" integer,
	"staff_ratio" integer NOT NULL,
	"price_per_session" numeric(12, 2) NOT NULL,
	"consumables" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"kind" text DEFAULT 'group' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "activities_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"lesson_id" text NOT NULL,
	"client_id" uuid NOT NULL,
	"status" text NOT NULL,
	"grade" smallint,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid,
	CONSTRAINT "attendance_lesson_id_client_id_pk" PRIMARY KEY("lesson_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"branch_id" uuid,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "consumable_uses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"completion_id" bigint NOT NULL,
	"lesson_id" text NOT NULL,
	"item" text NOT NULL,
	"quantity" numeric(12, 3) NOT NULL,
	"unit" text NOT NULL,
	"sign" smallint DEFAULT 1 NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"joined_by" uuid,
	"left_at" timestamp with time zone,
	"left_by" uuid,
	CONSTRAINT "group_members_group_id_client_id_joined_at_pk" PRIMARY KEY("group_id","client_id","joined_at")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"branch_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"teacher_id" uuid NOT NULL,
	"assistant_id" uuid,
	"room_id" uuid NOT NULL,
	"pattern" jsonb NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"capacity" integer,
	"age_min" integer,
	"age_max" integer,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "lesson_completions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lesson_id" text NOT NULL,
	"done_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_by" uuid NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" uuid
);
--> statement-breakpoint
CREATE TABLE "lessons" (
	"id" text PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"doc" text NOT NULL,
	"room_id" uuid,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"activity_id" uuid,
	"group_id" uuid,
	"teacher_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"valid" boolean DEFAULT true NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"clashes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "make_up_credits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"from_lesson_id" text NOT NULL,
	"used_lesson_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "teacher_services" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"completion_id" bigint NOT NULL,
	"lesson_id" text NOT NULL,
	"teacher_id" uuid NOT NULL,
	"activity_id" uuid,
	"duration_minutes" integer NOT NULL,
	"attending" integer NOT NULL,
	"sign" smallint DEFAULT 1 NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"completion_id" bigint NOT NULL,
	"lesson_id" text NOT NULL,
	"client_id" uuid NOT NULL,
	"status" text NOT NULL,
	"sign" smallint DEFAULT 1 NOT NULL,
	"reversal_of" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waiting_list" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"group_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"added_by" uuid,
	"offered_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_list" ADD CONSTRAINT "waiting_list_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_list" ADD CONSTRAINT "waiting_list_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_client_idx" ON "attendance" USING btree ("client_id","at");--> statement-breakpoint
CREATE INDEX "group_members_client_idx" ON "group_members" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "groups_branch_idx" ON "groups" USING btree ("branch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lesson_completions_open_idx" ON "lesson_completions" USING btree ("lesson_id") WHERE "lesson_completions"."undone_at" is null;--> statement-breakpoint
CREATE INDEX "lessons_branch_time_idx" ON "lessons" USING btree ("branch_id","starts_at");--> statement-breakpoint
CREATE INDEX "lessons_room_time_idx" ON "lessons" USING btree ("room_id","starts_at");--> statement-breakpoint
CREATE INDEX "lessons_teacher_time_idx" ON "lessons" USING btree ("teacher_id","starts_at");--> statement-breakpoint
CREATE INDEX "lessons_group_idx" ON "lessons" USING btree ("group_id","starts_at");--> statement-breakpoint
CREATE INDEX "lessons_doc_idx" ON "lessons" USING btree ("doc");--> statement-breakpoint
CREATE INDEX "make_up_credits_client_idx" ON "make_up_credits" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "teacher_services_teacher_idx" ON "teacher_services" USING btree ("teacher_id","at");--> statement-breakpoint
CREATE INDEX "visits_client_idx" ON "visits" USING btree ("client_id","at");--> statement-breakpoint
CREATE INDEX "visits_lesson_idx" ON "visits" USING btree ("lesson_id");--> statement-breakpoint
CREATE INDEX "waiting_list_group_idx" ON "waiting_list" USING btree ("group_id","added_at");