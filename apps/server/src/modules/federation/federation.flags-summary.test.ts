import type { ProjectChecks } from '@qiao/contracts';
import { describe, expect, it } from 'vitest';
import { flagsSummary } from './federation.projects.ts';

const PERSON = '8a4f2a5e-3c1d-4e0b-9a51-0d6f7f3b2c11';
const ORG = '1f0b7c2d-5e6a-4b3c-8d9e-2a1b0c9d8e7f';

const checks = {
  runAt: '2026-12-01T09:00:00.000Z',
  trigger: 'screening change: party re-screened',
  screening: [
    { partyId: PERSON, kind: 'person', side: 'CN', name: 'Ignatius Wu-Brandvold', status: 'potential_match', hits: [{ secret: 'evidence' }] },
    { partyId: ORG, kind: 'organization', side: 'CN', name: 'Minjiang Estuary Research Centre', status: 'potential_match', hits: [] },
  ],
  technology: { verdict: 'open' },
  transfers: [],
  flags: [
    { id: `screening:${PERSON}:cn-list:r1`, side: 'US', kind: 'screening', severity: 'review', summaryEn: 'Ignatius Wu-Brandvold may be on List A as "WU, Ignatius" (score 0.91)', summaryZh: 'Ignatius Wu-Brandvold可能列入List A（名单名称“WU, Ignatius”，得分 0.91）', evidence: { recordId: 'r1' } },
    { id: `screening:${ORG}:cn-list:r2`, side: 'US', kind: 'screening', severity: 'review', summaryEn: 'Minjiang Estuary Research Centre may be on List A as "MINJIANG" (score 0.88)', summaryZh: 'Minjiang Estuary Research Centre可能列入List A', evidence: { recordId: 'r2' } },
  ],
} as unknown as ProjectChecks;

describe("a proposal's flags' summary as it crosses", () => {
  it('drops the screening rows and the evidence, and keeps a summary of each flag', () => {
    const out = flagsSummary(checks)!;
    expect(out.screening).toEqual([]);
    expect(out.trigger).toBe('screening change');
    expect(out.flags.map((f) => f.evidence)).toEqual([null, null]);
    expect(out.flags[0]!.summaryEn).toContain('Ignatius Wu-Brandvold');
  });

  it('names a person whose profile the review withheld by the neutral name, in both languages, and leaves organisations as they are', () => {
    const out = flagsSummary(checks, new Map([[PERSON, 'A CN participant · 一位中方参与者']]))!;
    expect(out.flags[0]!.summaryEn).toBe('A CN participant · 一位中方参与者 may be on List A as "WU, Ignatius" (score 0.91)');
    expect(out.flags[0]!.summaryZh).not.toContain('Ignatius Wu-Brandvold');
    expect(out.flags[1]!.summaryEn).toContain('Minjiang Estuary Research Centre');
  });
});
