-- What every signed-in request reads (its session with the user and the user's roles, the reader's
-- group roles, the reader's dataset access requests) is kept by each node under three more counters,
-- bumped at commit like the others (migration 0013), so a node hears another node's or psql's
-- sign-out, disabled user, password change, role or side change before it answers its next request:
-- - sessions: sessions, users, role_grants;
-- - members: group_members;
-- - access: access_requests.
-- TRUNCATE fires no row trigger, so each table also bumps its topic on TRUNCATE.
INSERT INTO "cache_topics" ("topic") VALUES ('sessions'), ('members'), ('access') ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "sessions_session_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "sessions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('sessions');
--> statement-breakpoint
CREATE TRIGGER "sessions_truncate_cache_topics" AFTER TRUNCATE ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION "qiao_bump_cache_topics"('sessions');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "users_session_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "users" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('sessions');
--> statement-breakpoint
CREATE TRIGGER "users_truncate_cache_topics" AFTER TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION "qiao_bump_cache_topics"('sessions', 'indicators');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "role_grants_session_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "role_grants" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('sessions');
--> statement-breakpoint
CREATE TRIGGER "role_grants_truncate_cache_topics" AFTER TRUNCATE ON "role_grants" FOR EACH STATEMENT EXECUTE FUNCTION "qiao_bump_cache_topics"('sessions');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "group_members_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "group_members" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('members');
--> statement-breakpoint
CREATE TRIGGER "group_members_truncate_cache_topics" AFTER TRUNCATE ON "group_members" FOR EACH STATEMENT EXECUTE FUNCTION "qiao_bump_cache_topics"('members');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "access_requests_cache_topics" AFTER INSERT OR UPDATE OR DELETE ON "access_requests" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "qiao_bump_cache_topics"('access');
--> statement-breakpoint
CREATE TRIGGER "access_requests_truncate_cache_topics" AFTER TRUNCATE ON "access_requests" FOR EACH STATEMENT EXECUTE FUNCTION "qiao_bump_cache_topics"('access');
