ALTER TABLE "federation_peer_state" ADD COLUMN "applied_seq" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "federation_peer_state" ADD COLUMN "apply_error" text;
--> statement-breakpoint
ALTER TABLE "federation_peer_events" ADD COLUMN "outcome" text;
--> statement-breakpoint
ALTER TABLE "federation_peer_events" ADD COLUMN "outcome_reason" text;
--> statement-breakpoint
ALTER TABLE "federation_peer_events" ADD COLUMN "applied_at" timestamp with time zone;
--> statement-breakpoint
CREATE TABLE "federation_replicas" (
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"origin" text NOT NULL,
	"seq" bigint NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	CONSTRAINT "federation_replicas_object_type_object_id_pk" PRIMARY KEY("object_type","object_id")
);
