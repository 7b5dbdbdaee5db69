ALTER TABLE "access_requests" ADD COLUMN "revoked_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "access_requests" ADD COLUMN "revoked_by" text;
--> statement-breakpoint
ALTER TABLE "access_requests" ADD COLUMN "revoke_note" text DEFAULT '' NOT NULL;
--> statement-breakpoint
UPDATE "access_requests" AS "a" SET "status" = 'withdrawn', "decision_note" = 'withdrawn: the same person already had a pending request for this dataset'
WHERE "a"."status" = 'pending' AND EXISTS (
  SELECT 1 FROM "access_requests" AS "b"
  WHERE "b"."dataset_id" = "a"."dataset_id" AND "b"."requester_id" = "a"."requester_id" AND "b"."status" = 'pending'
    AND ("b"."created_at", "b"."id") < ("a"."created_at", "a"."id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "access_requests_one_pending" ON "access_requests" USING btree ("dataset_id","requester_id") WHERE "access_requests"."status" = 'pending';
