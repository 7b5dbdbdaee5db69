CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"payload" jsonb NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "screening_list_records" (
	"version_id" uuid NOT NULL,
	"record_id" text NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"aliases" jsonb NOT NULL,
	"chinese_names" jsonb NOT NULL,
	"countries" jsonb NOT NULL,
	"programs" jsonb NOT NULL,
	"source_url" text,
	"details" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"material_hash" text NOT NULL,
	CONSTRAINT "screening_list_records_version_id_record_id_pk" PRIMARY KEY("version_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "screening_list_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" text NOT NULL,
	"version" integer NOT NULL,
	"side" text NOT NULL,
	"authority" text NOT NULL,
	"title" text NOT NULL,
	"data_date" text,
	"format" text NOT NULL,
	"record_count" integer NOT NULL,
	"checksum" text NOT NULL,
	"files" jsonb NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"imported_by" uuid,
	"imported_by_email" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"party_id" uuid NOT NULL,
	"party_kind" text NOT NULL,
	"party_name" text NOT NULL,
	"side" text NOT NULL,
	"list_id" text NOT NULL,
	"record_id" text NOT NULL,
	"version_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"score" real NOT NULL,
	"matched_name" text NOT NULL,
	"entity_name" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" text
);
--> statement-breakpoint
CREATE TABLE "screening_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"party_id" uuid NOT NULL,
	"party_kind" text NOT NULL,
	"side" text NOT NULL,
	"list_id" text NOT NULL,
	"record_id" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"expires_on" date,
	"material_hash" text NOT NULL,
	"decided_by" uuid,
	"decided_by_email" text,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_party_hits" (
	"party_id" uuid NOT NULL,
	"party_kind" text NOT NULL,
	"list_id" text NOT NULL,
	"record_id" text NOT NULL,
	"version_id" uuid NOT NULL,
	"party_name" text NOT NULL,
	"name" text NOT NULL,
	"entity_name" text NOT NULL,
	"score" real NOT NULL,
	"programs" jsonb NOT NULL,
	"explanation" jsonb NOT NULL,
	"material_hash" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "screening_party_hits_party_id_list_id_record_id_pk" PRIMARY KEY("party_id","list_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "screening_party_screenings" (
	"party_id" uuid PRIMARY KEY NOT NULL,
	"party_kind" text NOT NULL,
	"party_version" integer NOT NULL,
	"screened_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_batch_rows" (
	"job_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"input_id" text,
	"name" text NOT NULL,
	"type" text,
	"country" text,
	"matches" jsonb,
	"best_score" real,
	"attempt" integer,
	"done_at" timestamp with time zone,
	CONSTRAINT "screening_batch_rows_job_id_row_pk" PRIMARY KEY("job_id","row")
);
--> statement-breakpoint
ALTER TABLE "screening_list_records" ADD CONSTRAINT "screening_list_records_version_id_screening_list_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."screening_list_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_batch_rows" ADD CONSTRAINT "screening_batch_rows_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_claim_idx" ON "jobs" USING btree ("status","run_after");--> statement-breakpoint
CREATE INDEX "jobs_kind_idx" ON "jobs" USING btree ("kind","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_list_versions_list_version" ON "screening_list_versions" USING btree ("list_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_list_versions_current" ON "screening_list_versions" USING btree ("list_id") WHERE "screening_list_versions"."is_current";--> statement-breakpoint
CREATE UNIQUE INDEX "screening_alerts_once" ON "screening_alerts" USING btree ("party_id","list_id","record_id","version_id");--> statement-breakpoint
CREATE INDEX "screening_alerts_side_status" ON "screening_alerts" USING btree ("side","status","created_at");--> statement-breakpoint
CREATE INDEX "screening_decisions_hit" ON "screening_decisions" USING btree ("party_id","list_id","record_id","decided_at");--> statement-breakpoint
CREATE INDEX "screening_party_hits_list" ON "screening_party_hits" USING btree ("list_id","record_id");