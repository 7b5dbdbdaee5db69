ALTER TABLE "result_milestones" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
CREATE TABLE "minutes_revision_conflicts" (
	"minutes_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"number" integer NOT NULL,
	"base_hash" text NOT NULL,
	"origin" text NOT NULL,
	"body" jsonb NOT NULL,
	"decisions" jsonb NOT NULL,
	"note" text,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"lost_to" text,
	"reason" text NOT NULL,
	"approvals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reapplied_as" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minutes_revision_conflicts_minutes_id_hash_pk" PRIMARY KEY("minutes_id","hash")
);
--> statement-breakpoint
ALTER TABLE "minutes_revision_conflicts" ADD CONSTRAINT "minutes_revision_conflicts_minutes_id_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."minutes"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "minutes_revision_conflicts" ADD CONSTRAINT "minutes_revision_conflicts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "minutes_revision_conflicts_author_idx" ON "minutes_revision_conflicts" USING btree ("author_id");
