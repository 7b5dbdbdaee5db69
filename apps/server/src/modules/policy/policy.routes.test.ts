import { ClassifyResultSchema, TransferResultSchema } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`policy routes on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let headers: Record<string, string>;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      ({ headers } = await t.signInAs(['member'], 'US'));
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    it('classify returns the contract shape, with a negated term reported as evidence against', async () => {
      const text = '本项目不涉及任何军事用途，也不涉及量子计算，仅研究城市绿地对居民健康的影响';
      const res = await t.app.inject({ method: 'POST', url: '/api/policy/classify', headers, payload: { text } });
      expect(res.statusCode).toBe(200);
      const body = ClassifyResultSchema.parse(res.json());
      expect(body.verdict).toBe('open');
      expect(body.evidence.find((e) => e.term === '量子计算')).toMatchObject({ negated: true, negation: { cue: '不涉及' } });
    });

    it('classify of a traditional-script controlled description names its area', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/policy/classify', headers, payload: { text: '星地量子糾纏分發實驗' } });
      expect(res.statusCode).toBe(200);
      const body = ClassifyResultSchema.parse(res.json());
      expect(body.verdict).toBe('review');
      expect(body.areas.map((a) => a.id)).toEqual(['cet-quantum']);
    });

    it('classify sends the weighed evidence: term weights, area scores and the context that changed them', async () => {
      const text = 'Gradient boosting and a random forest predict soil carbon; quantum computing is not part of this work.';
      const res = await t.app.inject({ method: 'POST', url: '/api/policy/classify', headers, payload: { text } });
      expect(res.statusCode).toBe(200);
      const body = ClassifyResultSchema.parse(res.json());
      expect(body.verdict).toBe('review');
      expect(body.areas.map((a) => [a.id, a.score])).toEqual([['cet-artificial-intelligence', 1]]);
      expect(body.evidence.map((e) => [e.term, e.weight, e.negated])).toEqual([
        ['gradient boosting', 'weak', false],
        ['random forest', 'weak', false],
        ['quantum computing', 'strong', true],
      ]);
      expect(body.scoring).toMatchObject({ threshold: 1, socialScience: false, military: false });
    });

    it('transfer returns the contract shape', async () => {
      const dataset = { categories: [{ category: 'human-genomic', subjects: 500 }] };
      const res = await t.app.inject({ method: 'POST', url: '/api/policy/transfer', headers, payload: { dataset, direction: 'US-CN' } });
      expect(res.statusCode).toBe(200);
      expect(TransferResultSchema.parse(res.json()).direction).toBe('US-CN');
    });

    it('refuses a caller who is not signed in', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/policy/classify', payload: { text: 'quantum computing' } });
      expect(res.statusCode).toBe(401);
    });
  });
}
