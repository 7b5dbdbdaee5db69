-- Entries written from now on hash every stored column (hash version 2); rows already stored keep
-- version 1 until the server re-chains them, which it does only when their version-1 chain verifies.
ALTER TABLE "record_entries" ADD COLUMN "hash_version" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
CREATE TABLE "record_checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" text NOT NULL,
	"minutes_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"taken_at" text NOT NULL,
	"sides" jsonb NOT NULL,
	"signatures" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "record_checkpoints_group_idx" ON "record_checkpoints" USING btree ("group_id","seq");
--> statement-breakpoint
CREATE TABLE "record_signing_keys" (
	"side" text PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "record_signing_keys" ADD CONSTRAINT "record_signing_keys_side_sides_code_fk" FOREIGN KEY ("side") REFERENCES "public"."sides"("code") ON DELETE no action ON UPDATE no action;
