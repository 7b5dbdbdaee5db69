CREATE TABLE "federation_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"fingerprint" text,
	"recorded_at" timestamp with time zone,
	"last_result" jsonb,
	CONSTRAINT "federation_settings_one_row" CHECK ("federation_settings"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "federation_settings" ("id") VALUES (1);
