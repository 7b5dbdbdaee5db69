/**
 * The data categories and kinds a dataset declares for the transfer review, as the policy module
 * defines them (packages/policy/src/transfer/dataset.ts DATA_CATEGORIES / DATA_KINDS). The web may
 * not depend on @qiao/policy, so the ids are repeated here; the server validates every declaration.
 */
export const DATA_CATEGORIES = [
  'human-genomic',
  'human-omic-other',
  'human-biospecimens',
  'biometric-identifiers',
  'precise-geolocation',
  'personal-health',
  'personal-financial',
  'covered-personal-identifiers',
  'personal-information',
  'sensitive-personal-information',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const DATA_KINDS = [
  'government-related-location',
  'government-related-personnel',
  'important-data',
  'hgr-materials',
  'hgr-information',
  'surveying-mapping',
  'meteorological',
  'seismic',
] as const;
export type DataKind = (typeof DATA_KINDS)[number];

export interface Declaration {
  /** Subject counts as typed; an empty box means the category is not in the data. */
  counts: Partial<Record<DataCategory, string>>;
  kinds: DataKind[];
  deidentified: boolean;
}

export const EMPTY_DECLARATION: Declaration = { counts: {}, kinds: [], deidentified: false };

export function toDataDeclaration(d: Declaration): Record<string, unknown> {
  const categories = DATA_CATEGORIES.flatMap((category) => {
    const raw = d.counts[category]?.trim();
    return raw ? [{ category, subjects: Number(raw) }] : [];
  });
  return {
    ...(categories.length ? { categories } : {}),
    ...(d.kinds.length ? { kinds: d.kinds } : {}),
    ...(d.deidentified ? { deidentified: true } : {}),
  };
}

/** Declared kinds of a stored declaration, for display. */
export function declaredKinds(declaration: Record<string, unknown>): string[] {
  const kinds = declaration.kinds;
  return Array.isArray(kinds) ? kinds.filter((k): k is string => typeof k === 'string') : [];
}

export function declaredCategories(declaration: Record<string, unknown>): { category: string; subjects: number }[] {
  const list = declaration.categories;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c: unknown) => {
    if (typeof c !== 'object' || c === null) return [];
    const { category, subjects } = c as { category?: unknown; subjects?: unknown };
    return typeof category === 'string' && typeof subjects === 'number' ? [{ category, subjects }] : [];
  });
}
