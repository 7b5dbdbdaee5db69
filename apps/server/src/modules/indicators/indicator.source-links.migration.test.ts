import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IndicatorSeriesInput } from '@qiao/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, type Database } from '../../db/client.ts';
import { dbTargets } from '../../testing/db.ts';
import { findSeries, insertSeries, listRevisions } from './indicator.repository.ts';
import { SEED_SERIES } from './indicator.seed-data.ts';

const OLD_URL = 'https://mysportshq.com/?p=44846';
const current = SEED_SERIES.find((s) => s.id === 'us-entity-list-cn-entities');
if (!current) throw new Error('the Entity List series is no longer seeded');

/** The series as installations seeded it before the link was removed. */
const oldSeed: IndicatorSeriesInput = {
  ...current,
  source: { publisher: 'US Bureau of Industry and Security (review, as reported)', title: current.source.title, url: OLD_URL, retrievedOn: current.source.retrievedOn, verified: false },
};

/** The migration's statements, run as the migrator runs them, on a database already holding old rows. */
async function applySourceLinkMigration(database: Database): Promise<void> {
  const text = readFileSync(path.join(MIGRATIONS_DIR, '0017_web_source_links.sql'), 'utf8');
  for (const statement of text.split('--> statement-breakpoint')) await database.db.execute(sql.raw(statement));
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`seeded source links on ${target.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await target.open();
      await insertSeries(database.db, oldSeed, null);
      // An administrator's own series that happens to cite the same page under another publisher.
      await insertSeries(database.db, { ...oldSeed, id: 'admin-own-series', source: { ...oldSeed.source, publisher: 'Own notes', verified: true } }, 'admin@example.org');
      // A verified link elsewhere stays.
      await insertSeries(database.db, { ...oldSeed, id: 'admin-linked-series', source: { ...oldSeed.source, url: 'https://www.bis.gov/entity-list', verified: true } }, 'admin@example.org');
      await applySourceLinkMigration(database);
    });
    afterAll(async () => {
      await database.close();
    });

    it('gives an old install the source the seed gives today: unverified and without a link', async () => {
      const row = await findSeries(database.db, current.id);
      expect(row?.source).toEqual(current.source);
    });

    it('drops the link from the stored history as well', async () => {
      const [first] = await listRevisions(database.db, current.id);
      expect(first?.series.source).toEqual(current.source);
    });

    it('keeps a renamed publisher, but not the link or the verified mark', async () => {
      const row = await findSeries(database.db, 'admin-own-series');
      expect(row?.source).toEqual({ publisher: 'Own notes', title: current.source.title, retrievedOn: current.source.retrievedOn, verified: false });
    });

    it('leaves other links alone, and a second run changes nothing', async () => {
      await applySourceLinkMigration(database);
      const row = await findSeries(database.db, 'admin-linked-series');
      expect(row?.source).toMatchObject({ url: 'https://www.bis.gov/entity-list', verified: true });
      expect((await findSeries(database.db, current.id))?.source).toEqual(current.source);
    });
  });
}
