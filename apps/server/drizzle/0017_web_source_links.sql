-- Installations seeded before the fix keep the Entity List count's old source: a link to an unrelated
-- website. Bring those rows to the current seed (unverified, no link, the publisher named as a press
-- report) and drop the link from their stored history too. A publisher an administrator has renamed is
-- kept; only the link and the verified mark change.
UPDATE "indicator_series"
SET "source" = ("source" - 'url'::text)
  || jsonb_build_object('verified', false)
  || CASE WHEN "source"->>'publisher' = 'US Bureau of Industry and Security (review, as reported)'
       THEN jsonb_build_object('publisher', 'US Bureau of Industry and Security (count as reported in the press; primary source not confirmed)')
       ELSE '{}'::jsonb END
WHERE "source"->>'url' = 'https://mysportshq.com/?p=44846';
--> statement-breakpoint
UPDATE "indicator_revisions"
SET "snapshot" = jsonb_set("snapshot", '{source}', (("snapshot"->'source') - 'url'::text)
  || jsonb_build_object('verified', false)
  || CASE WHEN "snapshot"->'source'->>'publisher' = 'US Bureau of Industry and Security (review, as reported)'
       THEN jsonb_build_object('publisher', 'US Bureau of Industry and Security (count as reported in the press; primary source not confirmed)')
       ELSE '{}'::jsonb END)
WHERE "snapshot"->'source'->>'url' = 'https://mysportshq.com/?p=44846';
