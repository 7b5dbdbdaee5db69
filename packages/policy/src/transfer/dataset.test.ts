import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { DatasetSchema } from './dataset.ts';
import { evaluateTransfer } from './evaluate.ts';

describe('DatasetSchema', () => {
  it('fills defaults for an empty dataset', () => {
    expect(DatasetSchema.parse({})).toEqual({
      categories: [],
      kinds: [],
      deidentified: false,
      us: {},
      cn: { ciio: false, exporterForeignControlled: false, hgrClinicalTrial: false, foreignJudicialRecipient: false },
    });
  });

  it.each([
    [{ categories: [{ category: 'genomes', subjects: 1 }] }, 'categories.0.category'],
    [{ categories: [{ category: 'human-genomic', subjects: -1 }] }, 'categories.0.subjects'],
    [{ categories: [{ category: 'human-genomic', subjects: 1.5 }] }, 'categories.0.subjects'],
    [{ categories: [{ category: 'human-genomic' }] }, 'categories.0.subjects'],
    [{ kinds: ['secret'] }, 'kinds.0'],
    [{ us: { transaction: 'sale' } }, 'us.transaction'],
    [{ cn: { ciio: 'yes' } }, 'cn.ciio'],
  ])('rejects %j at %s', (input, path) => {
    const r = DatasetSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path.join('.')).toBe(path);
  });

  it('rejects unknown fields, so a typo is not silently ignored', () => {
    const r = DatasetSchema.safeParse({ categories: [{ category: 'human-genomic', subjects: 1, subject: 2 }] });
    expect(r.success).toBe(false);
  });

  it('evaluateTransfer validates its input', () => {
    expect(() => evaluateTransfer({ kinds: ['nope'] } as never, 'CN-US')).toThrow(ZodError);
  });
});

describe('evaluateTransfer: direction picks the exporting side', () => {
  const dataset = { categories: [{ category: 'personal-health' as const, subjects: 20_000, cumulativeSinceJan1: true }], us: { transaction: 'vendor-agreement' as const } };

  it('US-CN applies the US Data Security Program', () => {
    const r = evaluateTransfer(dataset, 'US-CN');
    expect(r.regime.id).toBe('us-dsp');
    expect(r.conditions.map((c) => c.id)).toContain('us-cisa-security-requirements');
  });

  it('CN-US applies China rules', () => {
    const r = evaluateTransfer(dataset, 'CN-US');
    expect(r.regime.id).toBe('cn');
    expect(r.conditions.map((c) => c.id)).toContain('cn-cac-security-assessment');
  });

  it('every condition and finding carries citations with URLs', () => {
    for (const direction of ['US-CN', 'CN-US'] as const) {
      const r = evaluateTransfer({ ...dataset, kinds: ['hgr-information', 'seismic', 'government-related-location'] }, direction);
      for (const item of [...r.conditions, ...r.findings]) {
        expect(item.citations.length).toBeGreaterThan(0);
        for (const c of item.citations) expect(c.url).toMatch(/^https?:\/\//);
      }
      expect(r.reason.en.length).toBeGreaterThan(0);
    }
  });
});
