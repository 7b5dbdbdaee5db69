import { describe, expect, it } from 'vitest';
import { EMPTY_DECLARATION } from './declaration.ts';
import { datasetIssues, type DatasetDraft } from './dataset-draft.ts';

const draft: DatasetDraft = {
  title: { en: 'Air quality, Beijing and Los Angeles', zh: '' },
  description: { en: 'Hourly PM2.5.', zh: '' },
  creators: [{ name: 'Li Wei', affiliation: '', side: 'CN' }],
  subjects: 'air quality',
  temporalStart: '',
  temporalEnd: '',
  spatial: '',
  licence: 'CC-BY-4.0',
  accessLevel: 'open',
  embargoUntil: '',
  side: 'CN',
  declaration: EMPTY_DECLARATION,
};

describe('dataset form checked by the contract', () => {
  it('has nothing to say about a complete form', () => {
    expect(datasetIssues(draft)).toEqual([]);
  });

  it('puts each problem at its field', () => {
    const issues = datasetIssues({
      ...draft,
      title: { en: '', zh: '' },
      creators: [{ name: '', affiliation: '', side: 'CN' }],
      temporalStart: '2024-05-01',
      temporalEnd: '2024-01-01',
      accessLevel: 'embargoed',
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'title.en', message: 'oneLanguage' },
        { path: 'creators.0.name', message: 'required' },
        { path: 'temporalEnd', message: 'invalid' },
        { path: 'embargoUntil', message: 'required' },
      ]),
    );
  });
});
