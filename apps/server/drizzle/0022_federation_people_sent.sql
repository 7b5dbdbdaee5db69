CREATE TABLE "federation_people_sent" (
	"year" integer NOT NULL,
	"person_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "federation_people_sent_year_person_id_pk" PRIMARY KEY("year","person_id")
);
--> statement-breakpoint
-- People whose profile this node already sent in full: members, and the people named in project
-- proposals, reviews, sign-offs and catalogue entries (never the peer's own people sent back).
INSERT INTO "federation_people_sent" ("year", "person_id", "seq", "at")
SELECT s."year", s."person_id", min(s."seq"), min(s."created_at")
FROM (
	SELECT extract(year FROM e."created_at" AT TIME ZONE 'UTC')::integer AS "year", e."seq", e."created_at", p."person_id"
	FROM "federation_events" e
	CROSS JOIN LATERAL (
		SELECT e."payload"::jsonb ->> 'userId' AS "person_id"
		WHERE e."object_type" = 'group_member' AND e."op" = 'put' AND coalesce(e."payload"::jsonb ->> 'withheld', 'false') <> 'true'
		UNION ALL
		SELECT e."payload"::jsonb -> 'createdBy' ->> 'id' WHERE e."object_type" = 'project'
		UNION ALL
		SELECT r -> 'reviewer' ->> 'id' FROM jsonb_array_elements(coalesce(e."payload"::jsonb -> 'reviews', '[]'::jsonb)) r WHERE e."object_type" IN ('project', 'project_side')
		UNION ALL
		SELECT s -> 'coChair' ->> 'id' FROM jsonb_array_elements(coalesce(e."payload"::jsonb -> 'signOffs', '[]'::jsonb)) s WHERE e."object_type" IN ('project', 'project_side')
		UNION ALL
		SELECT e."payload"::jsonb -> 'steward' ->> 'id' WHERE e."object_type" = 'dataset' AND coalesce(e."payload"::jsonb ->> 'withheld', 'false') <> 'true'
	) p
) s
WHERE s."person_id" IS NOT NULL
	AND NOT EXISTS (SELECT 1 FROM "federation_replicas" r WHERE r."object_type" = 'person' AND r."object_id" = s."person_id")
GROUP BY s."year", s."person_id";
