CREATE TABLE "federation_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"op" text NOT NULL,
	"payload" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"signature" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
INSERT INTO "federation_head" ("id", "seq", "hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
--> statement-breakpoint
CREATE TABLE "federation_peer_events" (
	"origin" text NOT NULL,
	"seq" bigint NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"op" text NOT NULL,
	"payload" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"signature" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "federation_peer_events_origin_seq_pk" PRIMARY KEY("origin","seq")
);
--> statement-breakpoint
CREATE TABLE "federation_rejected_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"origin" text,
	"seq" bigint,
	"event" jsonb NOT NULL,
	"reason" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "federation_rejected_events_received_idx" ON "federation_rejected_events" USING btree ("received_at");
--> statement-breakpoint
CREATE TABLE "federation_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_peer_state" (
	"side" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"last_hash" text NOT NULL,
	"last_sync_at" timestamp with time zone,
	"peer_head_seq" bigint,
	"last_error" text
);
