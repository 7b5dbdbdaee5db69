CREATE TABLE "federation_concurrent_edits" (
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"hash" text NOT NULL,
	"version" integer NOT NULL,
	"group_id" text NOT NULL,
	"origin" text NOT NULL,
	"payload" jsonb NOT NULL,
	"lost_to" text NOT NULL,
	"winner_origin" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_concurrent_edits_object_type_object_id_hash_pk" PRIMARY KEY("object_type","object_id","hash")
);
--> statement-breakpoint
CREATE INDEX "federation_concurrent_edits_group_idx" ON "federation_concurrent_edits" USING btree ("group_id");
