-- Read caches on every node (public indicators, the public dataset catalogue, list metadata) are
-- keyed by these counters. A write to a table a cache reads bumps its topics in the same transaction,
-- at commit (a deferred trigger, once per transaction and topic), so every node sees the new version
-- as soon as the write is visible and never serves figures older than the data. The embedded
-- database has one process, which hears the commit's notification before the write returns.
CREATE TABLE "cache_topics" (
	"topic" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "cache_topics" ("topic") VALUES ('indicators'), ('datasets'), ('lists') ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION "qiao_bump_cache_topics"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY TG_ARGV LOOP
		-- Once per transaction and topic, however many rows the transaction writes.
		IF coalesce(current_setting('qiao.cache_bumped_' || t, true), '') <> txid_current()::text THEN
			-- Every transaction locks the counters in the same order, so two commits never deadlock on them.
			PERFORM 1 FROM "cache_topics" ORDER BY "topic" FOR UPDATE;
			UPDATE "cache_topics" SET "version" = "version" + 1 WHERE "topic" = t;
			-- Heard at commit by a node that listens (the embedded database's own process).
			PERFORM pg_notify('qiao_cache', t);
			PERFORM set_config('qiao.cache_bumped_' || t, txid_current()::text, true);
		END IF;
	END LOOP;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "indicator_series_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "indicator_series" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('indicators');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "organizations_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "organizations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('indicators');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "people_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "people" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('indicators');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "users_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "users" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('indicators');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "datasets_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "datasets" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('indicators', 'datasets');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "working_groups_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "working_groups" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('indicators');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "dialogue_rounds_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "dialogue_rounds" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('indicators');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "action_items_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "action_items" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('indicators');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "projects_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "projects" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('indicators');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "screening_list_versions_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "screening_list_versions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('indicators', 'lists');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "dataset_versions_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "dataset_versions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('datasets');
