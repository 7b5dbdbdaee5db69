CREATE TABLE "indicator_revisions" (
	"series_id" text NOT NULL,
	"version" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_email" text,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "indicator_revisions_series_id_version_pk" PRIMARY KEY("series_id","version")
);
--> statement-breakpoint
CREATE TABLE "indicator_series" (
	"id" text PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL,
	"unit_en" text NOT NULL,
	"unit_zh" text NOT NULL,
	"chart" text NOT NULL,
	"source" jsonb NOT NULL,
	"notes_en" text DEFAULT '' NOT NULL,
	"notes_zh" text DEFAULT '' NOT NULL,
	"values" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "indicator_revisions" ADD CONSTRAINT "indicator_revisions_series_id_indicator_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."indicator_series"("id") ON DELETE cascade ON UPDATE no action;