-- The two sides exist from the start; more can be added by an admin later.
INSERT INTO "sides" ("code", "name_en", "name_zh") VALUES ('US', 'United States', '美国'), ('CN', 'China', '中国');
