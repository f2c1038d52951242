CREATE TABLE "doc_snapshots" (
	"doc" text NOT NULL,
	"seq" bigint NOT NULL,
	"state" "bytea" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doc_snapshots_doc_seq_pk" PRIMARY KEY("doc","seq")
);
--> statement-breakpoint
CREATE TABLE "doc_updates" (
	"doc" text NOT NULL,
	"seq" bigint NOT NULL,
	"user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"update" "bytea" NOT NULL,
	"changes" jsonb NOT NULL,
	CONSTRAINT "doc_updates_doc_seq_pk" PRIMARY KEY("doc","seq")
);
--> statement-breakpoint
ALTER TABLE "doc_updates" ADD CONSTRAINT "doc_updates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "doc_updates_user_idx" ON "doc_updates" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "doc_updates_at_idx" ON "doc_updates" USING btree ("at");