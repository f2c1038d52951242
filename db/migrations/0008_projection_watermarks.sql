CREATE TABLE "doc_projections" (
	"doc" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
-- documents projected before this migration count as projected up to their head (their projections ran in-process until now)
INSERT INTO "doc_projections" ("doc", "seq")
	SELECT "doc", max("seq") FROM "doc_updates"
	WHERE "doc" LIKE 'timetable:%' OR "doc" LIKE 'client:%' OR "doc" LIKE 'client-medical:%'
	GROUP BY "doc";--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "doc_projections" TO clubroom_app;
