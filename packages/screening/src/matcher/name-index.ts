import { analyzeName } from '../normalize/analyze.ts';
import type { AnalyzedName, IgnoredPart, NameToken, TokenKind } from '../normalize/tokens.ts';
import type { EntityType, ListRecord } from '../types.ts';
import { editBudget } from './fuzzy.ts';
import type { WeightedToken } from './score.ts';

/** One party: records of one list that share a type and name are one entity (CSL repeats an entity per programme). */
export interface IndexedEntity {
  readonly listId: string;
  readonly type: EntityType;
  readonly name: string;
  readonly records: { recordId: string; programs: readonly string[] }[];
  /** Shared between entities with the same countries: never change it in place. */
  readonly countries: ReadonlySet<string>;
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

/** Lookup from a key to the names holding it, as the matcher reads postings. */
export interface KeyLookup {
  get(key: string): Int32Array | undefined;
  has(key: string): boolean;
}

/** How much each kind of part identifies a party, on top of its rarity. */
const KIND_FACTOR: Readonly<Record<TokenKind, number>> = { name: 1, number: 1, term: 0.6, place: 0.5 };

export function exactKeyOf(tokens: readonly NameToken[]): string {
  return tokens.map((t) => t.key).sort().join(' ');
}

/** Names inside brackets that are only an acronym ("(NSCC-CS)") are also indexed without it. */
function variants(name: string): string[] {
  const stripped = name.replace(/\s*\(\s*[A-Z0-9][A-Z0-9 .&/-]{0,14}\)\s*/g, ' ').trim();
  return stripped !== name && stripped !== '' ? [name, stripped] : [name];
}

/** FNV-1a over a string, optionally skipping the character at `skip` (a deletion neighbour without building it). */
export function hash32(s: string, skip = -1): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    if (i === skip) continue;
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Mix the length in, so a deletion never equals a word of the same letters with another length.
  return (h ^ (s.length - (skip >= 0 ? 1 : 0))) >>> 0;
}

/** A growable Int32Array: the index keeps millions of small integers without a JS number per entry. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  trimmed(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Groups `values` by `groups` (each in [0, groupCount)) into one array with offsets: values of group
 * g are `out[offsets[g]] … out[offsets[g+1]-1]`, in input order. A counting sort, so O(n) and two
 * typed arrays for any number of groups, instead of one JS array per group.
 */
export function groupBy(groups: Int32Array, values: Int32Array, n: number, groupCount: number): { offsets: Int32Array; out: Int32Array } {
  const offsets = new Int32Array(groupCount + 1);
  for (let i = 0; i < n; i++) offsets[(groups[i] as number) + 1]!++;
  for (let g = 0; g < groupCount; g++) offsets[g + 1]! += offsets[g] as number;
  const fill = offsets.slice(0, groupCount);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[fill[groups[i] as number]!++] = values[i] as number;
  return { offsets, out };
}

const NO_IGNORED: readonly IgnoredPart[] = Object.freeze([]);

/**
 * The compiled index, kept compact for lists of a million names: token keys are interned to
 * numbers; postings, the exact-key table and the typo table are typed arrays grouped by key (no
 * array or object per posting); names share their weighted tokens and entities share their
 * country sets. Built once from records; list names are never re-normalised at query time.
 */
export class NameIndex {
  readonly entities: IndexedEntity[] = [];
  readonly names: IndexedName[] = [];
  /** Token keys (and joined adjacent name parts) → the names holding them, ascending. */
  postings!: KeyLookup;
  /** Exact key (see exactKeyOf) → the names with that key. */
  exact!: ExactTable;
  /** Σ rarity of each name's tokens, to rank candidates by how much of the name a query explains. */
  nameRarity = new Float64Array(0);
  private readonly keyIds = new Map<string, number>();
  private readonly keyStrings: string[] = [];
  private df = new Int32Array(0);
  private maxIdf = 1;
  private total = 0;

  /**
   * Reads `records` and compiles the index; without records, give them one by one to `add()` and
   * then call `finish()`, so no record outlives its reading.
   */
  constructor(records?: Iterable<ListRecord>) {
    const keyIds = this.keyIds;
    const keyStrings = this.keyStrings;
    const intern = (k: string): number => {
      let id = keyIds.get(k);
      if (id === undefined) {
        id = keyStrings.length;
        keyStrings.push(k);
        keyIds.set(k, id);
      }
      return id;
    };
    // Per name: its entity, record, tokens (ids into `tokenProtos`, in `nameTokens` from `tokenStart`).
    const nameEntity = new IntList();
    const nameRecord = new IntList();
    const tokenStart = new IntList();
    const nameTokens = new IntList();
    const normalized: string[] = [];
    // Kept only where it differs from the name's token keys joined by spaces (almost never).
    const storedNormalized: (string | null)[] = [];
    const texts: string[] = [];
    const ignored: (readonly IgnoredPart[])[] = [];
    const hasHan: boolean[] = [];
    // Postings as (key, name) pairs; df counts each key once per name.
    const postKey = new IntList(1 << 16);
    const postName = new IntList(1 << 16);
    // Per key id: document frequency, whether it goes into the typo table, and its first distinct token.
    let dfCounts = new Int32Array(1 << 16);
    let inVocabulary = new Uint8Array(1 << 16);
    let firstToken = new Int32Array(1 << 16).fill(-1);
    const growKeyArrays = (): void => {
      if (keyStrings.length <= dfCounts.length) return;
      const size = Math.max(keyStrings.length, dfCounts.length * 2);
      const df = new Int32Array(size);
      df.set(dfCounts);
      dfCounts = df;
      const voc = new Uint8Array(size);
      voc.set(inVocabulary);
      inVocabulary = voc;
      const first = new Int32Array(size).fill(-1);
      first.set(firstToken);
      firstToken = first;
    };
    // Distinct tokens (by content), weighted once the document frequencies are known. The tokens of
    // one key are chained (`nextToken`), so finding a token's id compares a few fields of the few
    // tokens sharing its key, with no content string or map entry per token.
    const tokenProtos: NameToken[] = [];
    const nextToken = new IntList(1 << 16);
    const tokenId = (t: NameToken, keyId: number, alternate: boolean): number => {
      const alt = alternate || t.alternate === true;
      for (let id = firstToken[keyId] as number; id !== -1; id = nextToken.data[id] as number) {
        const p = tokenProtos[id] as NameToken;
        if (p === t && !alternate) return id;
        if (p.kind === t.kind && p.via === t.via && p.surface === t.surface && (p.form ?? '') === (t.form ?? '') && (p.alternate === true) === alt && (p.han ?? '') === (t.han ?? '')) return id;
      }
      const id = tokenProtos.length;
      tokenProtos.push(alternate ? { ...t, alternate: true } : t);
      nextToken.push(firstToken[keyId] as number);
      firstToken[keyId] = id;
      return id;
    };
    // Names share their ignored parts ("Ltd", "Co."): one array per distinct set.
    const ignoredSets = new Map<string, readonly IgnoredPart[]>();
    const internIgnored = (parts: readonly IgnoredPart[]): readonly IgnoredPart[] => {
      if (parts.length === 0) return NO_IGNORED;
      const key = parts.map((p) => `${p.surface}\u0001${p.reason}`).join('\u0002');
      const hit = ignoredSets.get(key);
      if (hit) return hit;
      if (ignoredSets.size < 100_000) ignoredSets.set(key, parts);
      return parts;
    };
    const groupOf = new Map<string, number>();
    const countrySets = new Map<string, ReadonlySet<string>>();
    const countrySet = (values: readonly string[]): ReadonlySet<string> => {
      // Most records name one country or none: no sorting and joining for them.
      const sorted = values.length <= 1 ? values : [...new Set(values)].sort();
      const key = sorted.length === 1 ? (sorted[0] as string) : sorted.join(',');
      let s = countrySets.get(key);
      if (!s) {
        s = new Set(sorted);
        countrySets.set(key, s);
      }
      return s;
    };
    const seenNames = new Set<string>();
    // Entity → the index of its first name.
    const firstName = new IntList(1 << 16);
    const regrouped = new Map<number, Set<string>>();
    // The same names recur across lists (CSL repeats SDN entries): analyse each string once. Bounded,
    // so a million distinct names never sit in memory as analyses.
    let cache = new Map<string, AnalyzedName>();
    const analyze = (text: string): AnalyzedName => {
      let a = cache.get(text);
      if (!a) {
        a = analyzeName(text);
        if (cache.size >= 20_000) cache = new Map();
        cache.set(text, a);
      }
      return a;
    };
    const keysOfName: number[] = [];
    // Key ids of the first reading's tokens, in order, so they are looked up once per name.
    const firstKeys: number[] = [];
    const addRecord = (r: ListRecord): void => {
      const primary = analyze(r.name);
      // OFAC numbers each designated person separately: two people may share a name and stay apart.
      const groupable = !(r.type === 'person' && /^\d+$/.test(r.recordId));
      // Same spelling, not just the same comparable form: "ETC Electronics" (Moscow) and
      // "ETC Electronics Ltd." (Shenzhen) are two parties.
      const gkey = `${r.listId}\u0000${r.type}\u0000${r.name.toLowerCase().replace(/\s+/g, ' ').trim()}`;
      let entity = groupable ? groupOf.get(gkey) : undefined;
      if (entity === undefined) {
        entity = this.entities.length;
        firstName.push(normalized.length);
        this.entities.push({ listId: r.listId, type: r.type, name: r.name, records: [], countries: countrySet(r.countries) });
        if (groupable) groupOf.set(gkey, entity);
      } else if (r.countries.length > 0) {
        const e = this.entities[entity] as { countries: ReadonlySet<string> };
        e.countries = countrySet([...e.countries, ...r.countries]);
      }
      const e = this.entities[entity] as IndexedEntity;
      const record = e.records.length;
      e.records.push({ recordId: r.recordId, programs: r.programs });
      // Names of one entity are deduplicated on their comparable form; the set only spans an entity.
      let local = seenNames;
      if (record === 0) {
        seenNames.clear();
      } else {
        let grouped = regrouped.get(entity);
        if (!grouped) {
          // The names of an entity's first record are contiguous: collect them once.
          grouped = new Set<string>();
          for (let i = firstName.data[entity] as number; i < normalized.length && nameEntity.data[i] === entity; i++) grouped.add(normalized[i] as string);
          regrouped.set(entity, grouped);
        }
        local = grouped;
      }
      const all = r.aliases.length === 0 ? [r.name] : [r.name, ...r.aliases];
      for (let i = 0; i < all.length; i++) {
        const n = all[i] as string;
        for (const v of variants(n)) {
          const analysis = i === 0 && v === n ? primary : analyze(v);
          if (analysis.normalized === '' || local.has(analysis.normalized)) continue;
          local.add(analysis.normalized);
          const idx = normalized.length;
          nameEntity.push(entity);
          nameRecord.push(record);
          normalized.push(analysis.normalized);
          texts.push(n);
          ignored.push(internIgnored(analysis.ignored));
          hasHan.push(analysis.hasHan);
          tokenStart.push(nameTokens.length);
          keysOfName.length = 0;
          firstKeys.length = 0;
          for (const g of analysis.groups) {
            for (let ai = 0; ai < g.alternatives.length; ai++) {
              for (const t of g.alternatives[ai] as readonly NameToken[]) {
                const k = intern(t.key);
                if (ai === 0) firstKeys.push(k);
                if (!keysOfName.includes(k)) keysOfName.push(k);
              }
            }
          }
          growKeyArrays();
          for (const k of keysOfName) {
            dfCounts[k]!++;
            postKey.push(k);
            postName.push(idx);
            inVocabulary[k] = 1;
          }
          // A list name read through an ambiguous dictionary word (理工大学: "University of Science and
          // Technology" or "Institute of Technology") is compared on its first reading, a little less surely.
          let prev: NameToken | undefined;
          let joinedKeys = '';
          let position = 0;
          for (const g of analysis.groups) {
            const ambiguous = g.alternatives.length > 1;
            for (const t of g.alternatives[0] ?? []) {
              nameTokens.push(tokenId(t, firstKeys[position++] as number, ambiguous));
              joinedKeys = joinedKeys === '' ? t.key : `${joinedKeys} ${t.key}`;
              if (t.form !== undefined && t.form !== t.key) {
                const f = intern(t.form);
                growKeyArrays();
                postKey.push(f);
                postName.push(idx);
                inVocabulary[f] = 1;
              }
              // Joined neighbours let "haiguang" find "Hai Guang" and "wangwei" find "WANG Wei".
              // Only short parts get split in practice (syllables, given names); long words never are.
              if (prev && prev.kind === 'name' && t.kind === 'name' && prev.key.length <= 7 && t.key.length <= 7) {
                postKey.push(intern(prev.key + t.key));
                postName.push(idx);
              }
              prev = t;
            }
          }
          storedNormalized.push(joinedKeys === analysis.normalized ? null : analysis.normalized);
        }
      }
    };
    const finish = (): void => {
    tokenStart.push(nameTokens.length);
    nextToken.data = firstToken = firstName.data = new Int32Array(0);
    cache.clear();
    groupOf.clear();
    ignoredSets.clear();
    regrouped.clear();

    const nameCount = normalized.length;
    normalized.length = 0;
    this.total = nameCount;
    this.df = dfCounts.length === keyStrings.length ? dfCounts : dfCounts.slice(0, keyStrings.length);
    this.maxIdf = this.idf(0);
    const weightedTokens = tokenProtos.map((t) => this.weightedOf(t));
    const entities = this.entities;
    this.nameRarity = new Float64Array(nameCount);
    const exactHash = new Int32Array(nameCount);
    const store: TokenStore = { starts: tokenStart.trimmed(), ids: nameTokens.trimmed(), weighted: weightedTokens, entities };
    for (let i = 0; i < nameCount; i++) {
      let rarity = 0;
      for (let j = store.starts[i] as number; j < (store.starts[i + 1] as number); j++) rarity += (weightedTokens[store.ids[j] as number] as WeightedToken).rarity;
      this.nameRarity[i] = rarity;
      const name = new CompactName(i, nameEntity.data[i] as number, nameRecord.data[i] as number, storedNormalized[i] ?? null, texts[i] as string, ignored[i] as readonly IgnoredPart[], hasHan[i] as boolean, store);
      this.names.push(name);
      exactHash[i] = hash32(name.exactKey) | 0;
    }
    texts.length = 0;
    storedNormalized.length = 0;
    ignored.length = 0;
    hasHan.length = 0;
    nameTokens.data = tokenStart.data = nameEntity.data = nameRecord.data = new Int32Array(0);

    // Postings grouped by key; a name appears once per key even when a form or a join repeats it.
    const grouped = groupBy(postKey.data, postName.data, postKey.length, keyStrings.length);
    postKey.data = postName.data = new Int32Array(0);
    const { offsets, out } = dedupeGroups(grouped.offsets, grouped.out);
    this.postings = new PostingTable(keyIds, offsets, out);

    const buckets = bucketCount(nameCount);
    const exactBuckets = groupBy(Int32Array.from(exactHash, (h) => h & (buckets - 1)), Int32Array.from({ length: nameCount }, (_, i) => i), nameCount, buckets);
    this.exact = new ExactTable(this.names, buckets, exactBuckets.offsets, exactBuckets.out);

    // Typo lookup (SymSpell-style): every vocabulary key and each of its one-character deletions, by
    // hash, grouped into buckets of key ids. Real name parts only, not joined neighbours or numbers.
    const fuzzyHash = new IntList(1 << 16);
    const fuzzyKey = new IntList(1 << 16);
    for (let k = 0; k < keyStrings.length; k++) {
      if (inVocabulary[k] !== 1) continue;
      const s = keyStrings[k] as string;
      if (editBudget(s.length) === 0 || /\d/.test(s)) continue;
      for (let skip = -1; skip < s.length; skip++) {
        fuzzyHash.push(hash32(s, skip) | 0);
        fuzzyKey.push(k);
      }
    }
    this.fuzzyBuckets = bucketCount(fuzzyHash.length);
    const fuzzyMask = this.fuzzyBuckets - 1;
    const fuzzyHashes = fuzzyHash.data.subarray(0, fuzzyHash.length);
    const byBucket = fuzzyHashes.map((h) => h & fuzzyMask);
    this.fuzzy = groupBy(byBucket, fuzzyKey.data, fuzzyHash.length, this.fuzzyBuckets);
    // Keep each entry's full hash beside its key id, so a lookup skips other hashes in the bucket.
    this.fuzzyHashes = groupBy(byBucket, fuzzyHashes, fuzzyHash.length, this.fuzzyBuckets).out;
    };
    this.adding = addRecord;
    this.finishing = finish;
    if (records !== undefined) {
      for (const r of records) addRecord(r);
      // A caller's array is emptied once read, so a million records do not stay in memory beside
      // the index while it is compiled.
      if (Array.isArray(records)) records.length = 0;
      this.finish();
    }
  }

  /** Indexes one more record: the record itself is not kept, only what the index needs of it. */
  add(record: ListRecord): void {
    if (!this.adding) throw new Error('NameIndex.add() after finish()');
    this.adding(record);
  }

  /** Compiles the postings, exact-key and typo tables; no record can be added afterwards. */
  finish(): void {
    const finishing = this.finishing;
    if (!finishing) throw new Error('NameIndex.finish() called twice');
    this.adding = undefined;
    this.finishing = undefined;
    finishing();
  }

  private adding: ((r: ListRecord) => void) | undefined;
  private finishing: (() => void) | undefined;

  private fuzzyBuckets!: number;
  private fuzzy!: { offsets: Int32Array; out: Int32Array };
  private fuzzyHashes!: Int32Array;

  /** Inverse document frequency over indexed names; an unseen key is as rare as it gets. */
  idf(df: number): number {
    return Math.log((this.total + 1) / (df + 1)) + 1;
  }

  /** A weighted copy of a (query) token: its rarity in the lists and its kind's factor. */
  weighted(t: NameToken): WeightedToken {
    return this.weightedOf(t);
  }

  /**
   * Every field is written in one fixed order so all tokens share one hidden class; a spread would
   * make V8 build a new shape per combination of optional fields.
   */
  private weightedOf(t: NameToken): WeightedToken {
    const rarity = this.rarity(t.key);
    return {
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
  }

  rarity(key: string): number {
    const id = this.keyIds.get(key);
    const df = id === undefined ? 0 : (this.df[id] ?? 0);
    return df === 0 ? this.maxIdf : this.idf(df);
  }

  weight(key: string, kind: TokenKind): number {
    return this.rarity(key) * KIND_FACTOR[kind];
  }

  /** Keys in the index within the typo budget of `key` (including itself). */
  fuzzyKeys(key: string): string[] {
    if (editBudget(key.length) === 0 || /\d/.test(key)) return this.postings.has(key) ? [key] : [];
    const out = new Set<string>();
    const mask = this.fuzzyBuckets - 1;
    const { offsets, out: ids } = this.fuzzy;
    for (let skip = -1; skip < key.length; skip++) {
      const h = hash32(key, skip) | 0;
      const b = h & mask;
      for (let j = offsets[b] as number; j < (offsets[b + 1] as number); j++) {
        if (this.fuzzyHashes[j] === h) out.add(this.keyStrings[ids[j] as number] as string);
      }
    }
    return [...out];
  }
}

/** Token key → names holding it, from the grouped postings (no closure over the build's locals). */
class PostingTable implements KeyLookup {
  constructor(
    private readonly keyIds: ReadonlyMap<string, number>,
    private readonly offsets: Int32Array,
    private readonly values: Int32Array,
  ) {}

  get(key: string): Int32Array | undefined {
    const id = this.keyIds.get(key);
    return id === undefined ? undefined : this.values.subarray(this.offsets[id], this.offsets[id + 1]);
  }

  has(key: string): boolean {
    return this.keyIds.has(key);
  }
}

/** Exact keys by hash bucket; a lookup compares the key itself, so a hash collision costs nothing. */
class ExactTable {
  constructor(
    private readonly names: readonly IndexedName[],
    private readonly buckets: number,
    private readonly offsets: Int32Array,
    private readonly values: Int32Array,
  ) {}

  get(exactKey: string): number[] | undefined {
    const b = hash32(exactKey) & (this.buckets - 1);
    const hits: number[] = [];
    for (let j = this.offsets[b] as number; j < (this.offsets[b + 1] as number); j++) {
      const ni = this.values[j] as number;
      if (this.names[ni]?.exactKey === exactKey) hits.push(ni);
    }
    return hits.length > 0 ? hits : undefined;
  }
}

/** A power of two at least `n` (and at least 16): bucket counts for hash tables. */
export function bucketCount(n: number): number {
  let b = 16;
  while (b < n) b *= 2;
  return b;
}

/** Drops repeated values inside each group (values within a group are ascending). */
function dedupeGroups(offsets: Int32Array, values: Int32Array): { offsets: Int32Array; out: Int32Array } {
  const groups = offsets.length - 1;
  const nextOffsets = new Int32Array(offsets.length);
  let w = 0;
  for (let g = 0; g < groups; g++) {
    nextOffsets[g] = w;
    let last = -1;
    for (let j = offsets[g] as number; j < (offsets[g + 1] as number); j++) {
      const v = values[j] as number;
      if (v !== last) values[w++] = v;
      last = v;
    }
  }
  nextOffsets[groups] = w;
  return { offsets: nextOffsets, out: values.slice(0, w) };
}

/** Every name's tokens in one pool: ids of shared weighted tokens, name i's from starts[i] to starts[i+1]. */
interface TokenStore {
  readonly starts: Int32Array;
  readonly ids: Int32Array;
  readonly weighted: readonly WeightedToken[];
  readonly entities: readonly IndexedEntity[];
}

/**
 * An indexed name: a few stored fields. Its tokens, entity name and exact key are read from the
 * shared stores when asked for (a scored candidate, not every listed name).
 */
class CompactName implements IndexedName {
  constructor(
    private readonly index: number,
    readonly entity: number,
    readonly record: number,
    private readonly storedNormalized: string | null,
    readonly text: string,
    readonly ignored: readonly IgnoredPart[],
    readonly hasHan: boolean,
    private readonly store: TokenStore,
  ) {}

  get tokens(): readonly WeightedToken[] {
    const { starts, ids, weighted } = this.store;
    const out: WeightedToken[] = [];
    for (let j = starts[this.index] as number; j < (starts[this.index + 1] as number); j++) out.push(weighted[ids[j] as number] as WeightedToken);
    return out;
  }

  get normalized(): string {
    return this.storedNormalized ?? this.tokens.map((t) => t.key).join(' ');
  }

  get entityName(): string {
    return this.store.entities[this.entity]?.name ?? this.text;
  }

  get exactKey(): string {
    return exactKeyOf(this.tokens);
  }
}
