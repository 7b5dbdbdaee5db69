-- The project list and the dataset catalogue are read a page at a time, newest change first, each page
-- starting after the last row of the one before (keyset paging on updated_at and id).
CREATE INDEX IF NOT EXISTS "projects_updated_idx" ON "projects" USING btree ("updated_at" DESC, "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "datasets_updated_idx" ON "datasets" USING btree ("updated_at" DESC, "id");
