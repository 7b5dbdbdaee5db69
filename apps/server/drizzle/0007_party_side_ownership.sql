-- Screening decisions belong to the side that made them: a decision answers that side's concern only.
ALTER TABLE "screening_decisions" ADD COLUMN "decided_by_side" text;
--> statement-breakpoint
-- Until now only a compliance officer of the party's own side could decide, and `side` recorded the
-- party's side at that moment: it is the deciding side of every existing row.
UPDATE "screening_decisions" SET "decided_by_side" = "side";
--> statement-breakpoint
ALTER TABLE "screening_decisions" ALTER COLUMN "decided_by_side" SET NOT NULL;
--> statement-breakpoint
CREATE INDEX "screening_decisions_side_hit" ON "screening_decisions" USING btree ("party_id","decided_by_side","list_id","record_id");
