import { describe, expect, it } from 'vitest';
import { SEED_SERIES } from './indicator.seed-data.ts';

// Publishers whose own sites may be linked from a verified seeded source.
const OFFICIAL_HOSTS = ['bis.gov', 'www.bis.gov', 'www.bis.doc.gov', 'www.federalregister.gov', 'www.ecfr.gov', 'english.customs.gov.cn', 'www.customs.gov.cn', 'www.hurun.net'];

describe('seeded indicator sources', () => {
  it('link only when verified, and then only to the publisher over https', () => {
    const bad = SEED_SERIES.filter((s) => s.source.url !== undefined).flatMap((s) => {
      const url = new URL(s.source.url ?? '');
      const problems: string[] = [];
      if (!s.source.verified) problems.push(`${s.id}: unverified source has a link`);
      if (url.protocol !== 'https:') problems.push(`${s.id}: not https`);
      if (!OFFICIAL_HOSTS.includes(url.hostname)) problems.push(`${s.id}: ${url.hostname} is not the publisher's site`);
      return problems;
    });
    expect(bad).toEqual([]);
  });

  it('marks the Entity List count unverified while its primary source is unconfirmed', () => {
    const entityList = SEED_SERIES.find((s) => s.id === 'us-entity-list-cn-entities');
    expect(entityList?.source).toMatchObject({ verified: false });
    expect(entityList?.source.url).toBeUndefined();
  });
});
