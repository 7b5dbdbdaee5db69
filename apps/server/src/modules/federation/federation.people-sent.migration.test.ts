import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, type Database } from '../../db/client.ts';
import { dbTargets } from '../../testing/db.ts';
import { federationPeopleSent } from './federation.projects.schema.ts';
import { federationEvents, federationReplicas } from './federation.schema.ts';

/** Migration 0022's backfill, run as the migrator runs it, on a node whose log holds events already. */
async function backfill(database: Database): Promise<void> {
  const [, insert] = readFileSync(path.join(MIGRATIONS_DIR, '0022_federation_people_sent.sql'), 'utf8').split('--> statement-breakpoint');
  await database.db.execute(sql.raw(insert!));
}

const profile = (id: string, extra: object = {}) => ({ id, displayName: `Person ${id}`, side: 'US', ...extra });
const LAST_YEAR = new Date(Date.UTC(new Date().getUTCFullYear() - 1, 5, 1));
const THIS_YEAR = new Date(Date.UTC(new Date().getUTCFullYear(), 0, 2));

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`counting the people an existing log sent (migration 0022) on ${target.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await target.open();
      const events: [string, string, string, object, Date][] = [
        ['group_member', 'g:a', 'put', { groupId: 'g', userId: 'a', displayName: 'A' }, LAST_YEAR],
        ['group_member', 'g:a', 'put', { groupId: 'g', userId: 'a', displayName: 'A' }, THIS_YEAR],
        ['group_member', 'g:b', 'put', { groupId: 'g', userId: 'b', withheld: true }, THIS_YEAR],
        ['group_member', 'g:z', 'remove', { groupId: 'g', userId: 'z' }, THIS_YEAR],
        ['project', 'p1', 'put', { createdBy: profile('c'), reviews: [{ reviewer: profile('d') }, { reviewer: profile('peer') }], signOffs: [{ coChair: profile('e') }] }, THIS_YEAR],
        ['project', 'p2', 'put', { createdBy: null, reviews: [], signOffs: [] }, THIS_YEAR],
        ['project_side', 'p1:US', 'put', { reviews: [{ reviewer: profile('f') }], signOffs: [] }, THIS_YEAR],
        ['dataset', 'd1', 'put', { steward: profile('g') }, THIS_YEAR],
        ['dataset', 'd2', 'put', { withheld: true, transfer: { verdict: 'prohibited' } }, THIS_YEAR],
        ['round', 'r1', 'put', { createdBy: profile('not-a-profile-field') }, THIS_YEAR],
      ];
      await database.db.insert(federationEvents).values(events.map(([objectType, objectId, op, payload, createdAt], i) => ({ seq: i + 1, objectType, objectId, op, payload: JSON.stringify(payload), prevHash: '', hash: `h${i}`, signature: '', createdAt })));
      // A person the peer sent: named in this node's events, but not this node's to count.
      await database.db.insert(federationReplicas).values({ objectType: 'person', objectId: 'peer', origin: 'CN', seq: 1, appliedAt: THIS_YEAR });
      await backfill(database);
    });
    afterAll(async () => {
      await database.close();
    });

    it('counts each person sent in full once a year: members, proposers, reviewers, co-chairs signing off and stewards', async () => {
      const rows = await database.db.select().from(federationPeopleSent);
      const year = THIS_YEAR.getUTCFullYear();
      expect(rows.map((r) => `${r.year}:${r.personId}`).sort()).toEqual([`${year - 1}:a`, ...['a', 'c', 'd', 'e', 'f', 'g'].map((id) => `${year}:${id}`)].sort());
      // The first event of the year that carried the profile.
      expect(rows.find((r) => r.year === year && r.personId === 'a')?.seq).toBe(2);
    });
  });
}
