-- The center's settings (one row: its default language and currency; a new center: Armenian, AMD) and each user's language (null: the center's default).
CREATE TABLE "center_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"default_locale" text DEFAULT 'hy' NOT NULL,
	"currency" text DEFAULT 'AMD' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "center_settings_one_row" CHECK ("center_settings"."id" = 1),
	CONSTRAINT "center_settings_locale" CHECK ("center_settings"."default_locale" in ('hy', 'ru', 'en')),
	CONSTRAINT "center_settings_currency" CHECK ("center_settings"."currency" in ('AMD', 'RUB', 'EUR', 'USD'))
);--> statement-breakpoint
INSERT INTO "center_settings" ("id") VALUES (1);--> statement-breakpoint
GRANT SELECT, UPDATE ON "center_settings" TO clubroom_app;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_locale" CHECK ("users"."locale" is null or "users"."locale" in ('hy', 'ru', 'en'));
