import { describe, expect, it } from 'vitest';
import { draftIssues, draftPath } from './proposal-schema.ts';
import { EMPTY_PROPOSAL } from './proposal.ts';

const GROUP = '6c1f0d4e-7d2a-4e0b-9a57-0f5b2b8f5d11';

describe('proposal draft checked by the contract', () => {
  it('puts each problem at the field that holds it', () => {
    const issues = draftIssues({
      ...EMPTY_PROPOSAL,
      titleEn: 'x'.repeat(301),
      budget: [{ side: 'US', item: 'Sensors', amount: '-5', currency: 'USD' }],
    });
    expect(issues.map(({ path, message }) => [path, message])).toEqual(
      expect.arrayContaining([
        ['groupId', 'required'],
        ['titleEn', 'tooLong:300'],
        ['abstractEn', 'oneLanguage'],
        ['technologyArea', 'required'],
        ['budget.0.amount', 'negative'],
      ]),
    );
  });

  it('has nothing to say about a complete draft', () => {
    expect(draftIssues({ ...EMPTY_PROPOSAL, groupId: GROUP, titleEn: 'Air', abstractZh: '空气', technologyArea: 'air_quality' })).toEqual([]);
  });

  it('maps wire paths to draft fields', () => {
    expect(draftPath(['title', 'zh'])).toBe('titleZh');
    expect(draftPath(['abstract'])).toBe('abstractEn');
    expect(draftPath(['keywords', 3])).toBe('keywords');
    expect(draftPath(['budget', 1, 'currency'])).toBe('budget.1.currency');
  });
});
