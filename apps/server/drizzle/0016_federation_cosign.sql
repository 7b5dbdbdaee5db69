CREATE TABLE "federation_checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"origin" text NOT NULL,
	"group_id" text NOT NULL,
	"length" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"taken_at" text NOT NULL,
	"statement" text NOT NULL,
	"us_signature" text,
	"cn_signature" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_checkpoints_statement_unique" UNIQUE("statement")
);
--> statement-breakpoint
CREATE INDEX "federation_checkpoints_group_idx" ON "federation_checkpoints" USING btree ("group_id","length");
--> statement-breakpoint
CREATE TABLE "federation_checkpoint_refusals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"origin" text,
	"statement" text NOT NULL,
	"reason" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "federation_checkpoint_refusals_received_idx" ON "federation_checkpoint_refusals" USING btree ("received_at");
