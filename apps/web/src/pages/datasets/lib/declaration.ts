/** The data categories and kinds a dataset declares for the transfer review (ids from @qiao/contracts). */
import { DATA_CATEGORIES, DATA_KINDS, type DataCategory, type DataKind } from '@qiao/contracts';

export { DATA_CATEGORIES, DATA_KINDS, type DataCategory, type DataKind };

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
