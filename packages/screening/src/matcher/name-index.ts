import { analyzeName } from '../normalize/analyze.ts';
import type { AnalyzedName, IgnoredPart, NameToken, TokenKind } from '../normalize/tokens.ts';
import type { EntityType, ListRecord } from '../types.ts';
import { deletes, editBudget } from './fuzzy.ts';
import type { WeightedToken } from './score.ts';

/** One party: records of one list that share a type and name are one entity (CSL repeats an entity per programme). */
export interface IndexedEntity {
  readonly listId: string;
  readonly type: EntityType;
  readonly name: string;
  readonly records: { recordId: string; programs: readonly string[] }[];
  readonly countries: Set<string>;
}

export interface IndexedName {
  readonly entity: number;
  /** Index into the entity's records of the record this name belongs to. */
  readonly record: number;
  readonly normalized: string;
  readonly text: string;
  /** The entity's primary name, to prefer matches on it over matches on aliases. */
  readonly entityName: string;
  readonly tokens: readonly WeightedToken[];
  readonly ignored: readonly IgnoredPart[];
  readonly hasHan: boolean;
  /** Sorted keys: equal for names that differ only in order, case, punctuation or legal form. */
  readonly exactKey: string;
}

/** How much each kind of part identifies a party, on top of its rarity. */
const KIND_FACTOR: Readonly<Record<TokenKind, number>> = { name: 1, number: 1, term: 0.6, place: 0.5 };

export function exactKeyOf(tokens: readonly NameToken[]): string {
  return tokens.map((t) => t.key).sort().join(' ');
}

/** Names inside brackets that are only an acronym ("(NSCC-CS)") are also indexed without it. */
function variants(name: string): string[] {
  const out = [name];
  const stripped = name.replace(/\s*\(\s*[A-Z0-9][A-Z0-9 .&/-]{0,14}\)\s*/g, ' ').trim();
  if (stripped !== name && stripped !== '') out.push(stripped);
  return out;
}

/**
 * The compiled index: entities, their names as weighted tokens, postings from token keys (and
 * joined adjacent name parts) to names, an exact-key map, and a deletion map for typo lookup.
 * Built once from records; list names are never re-normalised at query time.
 */
export class NameIndex {
  readonly entities: IndexedEntity[] = [];
  readonly names: IndexedName[] = [];
  readonly postings = new Map<string, number[]>();
  readonly exact = new Map<string, number[]>();
  /** Σ rarity of each name's tokens, to rank candidates by how much of the name a query explains. */
  nameRarity = new Float64Array(0);
  /** Deletion neighbourhood → vocabulary index, or several indexes (rare collisions). */
  private readonly fuzzy = new Map<string, number | number[]>();
  private readonly vocabulary: string[] = [];
  private readonly df = new Map<string, number>();
  private maxIdf = 1;
  private readonly weightedCache = new Map<NameToken, WeightedToken>();
  private total = 0;

  constructor(records: readonly ListRecord[]) {
    const groupOf = new Map<string, number>();
    const pending: { entity: number; record: number; text: string; analysis: AnalyzedName }[] = [];
    const seenNames = new Set<string>();
    // The same names recur across lists (CSL repeats SDN entries): analyse each string once.
    const cache = new Map<string, AnalyzedName>();
    const analyze = (text: string): AnalyzedName => {
      let a = cache.get(text);
      if (!a) {
        a = analyzeName(text);
        cache.set(text, a);
      }
      return a;
    };
    for (const r of records) {
      const primary = analyze(r.name);
      // OFAC numbers each designated person separately: two people may share a name and stay apart.
      const groupable = !(r.type === 'person' && /^\d+$/.test(r.recordId));
      // Same spelling, not just the same comparable form: "ETC Electronics" (Moscow) and
      // "ETC Electronics Ltd." (Shenzhen) are two parties.
      const gkey = `${r.listId}\u0000${r.type}\u0000${r.name.toLowerCase().replace(/\s+/g, ' ').trim()}`;
      let entity = groupable ? groupOf.get(gkey) : undefined;
      if (entity === undefined) {
        entity = this.entities.length;
        this.entities.push({ listId: r.listId, type: r.type, name: r.name, records: [], countries: new Set() });
        if (groupable) groupOf.set(gkey, entity);
      }
      const e = this.entities[entity] as IndexedEntity;
      const record = e.records.length;
      e.records.push({ recordId: r.recordId, programs: r.programs });
      for (const c of r.countries) e.countries.add(c);
      for (const [i, n] of [r.name, ...r.aliases].entries()) {
        for (const v of variants(n)) {
          const analysis = i === 0 && v === n ? primary : analyze(v);
          const dedupe = `${entity}\u0000${analysis.normalized}`;
          if (analysis.normalized === '' || seenNames.has(dedupe)) continue;
          seenNames.add(dedupe);
          pending.push({ entity, record, text: n, analysis });
        }
      }
    }
    const keySets = pending.map((p) => {
      const keys: string[] = [];
      for (const g of p.analysis.groups) for (const alt of g.alternatives) for (const t of alt) if (!keys.includes(t.key)) keys.push(t.key);
      return keys;
    });
    for (const keys of keySets) for (const k of keys) this.df.set(k, (this.df.get(k) ?? 0) + 1);
    this.total = pending.length;
    this.maxIdf = this.idf(0);
    const vocabulary = new Set<string>();
    pending.forEach((p, idx) => {
      // A list name read through an ambiguous dictionary word (理工大学: "University of Science and
      // Technology" or "Institute of Technology") is compared on its first reading, a little less surely.
      const tokens = p.analysis.groups
        .flatMap<NameToken>((g) => (g.alternatives.length > 1 ? (g.alternatives[0] ?? []).map((t) => ({ ...t, alternate: true })) : (g.alternatives[0] ?? [])))
        .map((t) => this.weighted(t));
      const n: IndexedName = {
        entity: p.entity,
        record: p.record,
        normalized: p.analysis.normalized,
        text: p.text,
        entityName: this.entities[p.entity]?.name ?? p.text,
        tokens,
        ignored: p.analysis.ignored,
        hasHan: p.analysis.hasHan,
        exactKey: exactKeyOf(tokens),
      };
      this.names.push(n);
      const post = (k: string): void => {
        const list = this.postings.get(k);
        if (!list) this.postings.set(k, [idx]);
        else if (list[list.length - 1] !== idx) list.push(idx);
      };
      for (const k of keySets[idx] ?? []) post(k);
      for (const k of keySets[idx] ?? []) if (editBudget(k.length) > 0) vocabulary.add(k);
      for (const t of tokens) {
        if (t.form === undefined || t.form === t.key) continue;
        post(t.form);
        if (editBudget(t.form.length) > 0) vocabulary.add(t.form);
      }
      // Joined neighbours let "haiguang" find "Hai Guang" and "wangwei" find "WANG Wei".
      for (let i = 0; i + 1 < tokens.length; i++) {
        const a = tokens[i] as WeightedToken;
        const b = tokens[i + 1] as WeightedToken;
        // Only short parts get split in practice (syllables, given names); long words never are.
        if (a.kind === 'name' && b.kind === 'name' && a.key.length <= 7 && b.key.length <= 7) {
          post(a.key + b.key);
        }
      }
      const ex = this.exact.get(n.exactKey);
      if (ex) ex.push(idx);
      else this.exact.set(n.exactKey, [idx]);
    });
    this.nameRarity = Float64Array.from(this.names, (n) => n.tokens.reduce((sum, t) => sum + t.rarity, 0));
    // (Only in list order: Chinese names and the lists both put the family name first.)
    // Typo lookup covers real name parts only, not the joined neighbours (that would triple its size).
    // Most deletion keys are unique, so the map holds a bare index and only collisions get an array:
    // this avoids ~400k small arrays and keeps the build inside its time budget.
    for (const key of vocabulary) {
      if (/\d/.test(key)) continue;
      const vi = this.vocabulary.length;
      this.vocabulary.push(key);
      for (const d of deletes(key)) {
        const cur = this.fuzzy.get(d);
        if (cur === undefined) this.fuzzy.set(d, vi);
        else if (typeof cur === 'number') this.fuzzy.set(d, [cur, vi]);
        else cur.push(vi);
      }
    }
  }

  /** Inverse document frequency over indexed names; an unseen key is as rare as it gets. */
  idf(df: number): number {
    return Math.log((this.total + 1) / (df + 1)) + 1;
  }

  /**
   * A weighted copy of a token. Hot path at build time (200k tokens): every field is written in
   * one fixed order so all tokens share one hidden class; a spread would make V8 build a new shape
   * per combination of optional fields and was half the build time.
   */
  weighted(t: NameToken): WeightedToken {
    const cached = this.weightedCache.get(t);
    if (cached) return cached;
    const rarity = this.rarity(t.key);
    const w: WeightedToken = {
      key: t.key,
      kind: t.kind,
      via: t.via,
      surface: t.surface,
      form: t.form,
      alternate: t.alternate,
      han: t.han,
      weight: rarity * KIND_FACTOR[t.kind],
      rarity,
    };
    // Latin tokens are shared between names (see wordGroup), so their weighted copies can be too.
    if (this.weightedCache.size < 500_000) this.weightedCache.set(t, w);
    return w;
  }

  rarity(key: string): number {
    const df = this.df.get(key);
    return df === undefined ? this.maxIdf : this.idf(df);
  }

  weight(key: string, kind: TokenKind): number {
    const df = this.df.get(key);
    return (df === undefined ? this.maxIdf : this.idf(df)) * KIND_FACTOR[kind];
  }

  /** Keys in the index within the typo budget of `key` (including itself). */
  fuzzyKeys(key: string): string[] {
    if (editBudget(key.length) === 0 || /\d/.test(key)) return this.postings.has(key) ? [key] : [];
    const out = new Set<string>();
    for (const d of deletes(key)) {
      const hits = this.fuzzy.get(d);
      if (hits === undefined) continue;
      if (typeof hits === 'number') out.add(this.vocabulary[hits] ?? '');
      else for (const h of hits) out.add(this.vocabulary[h] ?? '');
    }
    out.delete('');
    return [...out];
  }
}
