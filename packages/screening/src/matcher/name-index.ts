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

/**
 * The indexed entities, column by column: no object, records array or record object per entity
 * (a million of each would only slow the garbage collector down). `at(e)` makes the object view
 * of one entity when a result needs it; the loops over every entity read the columns.
 */
export class EntityStore {
  private listIds: string[] = [];
  private readonly listIndex = new Map<string, number>();
  private list = new IntList(1 << 12);
  private types: EntityType[] = [];
  private names: string[] = [];
  private countries: ReadonlySet<string>[] = [];
  private firstRecordId: string[] = [];
  private firstPrograms: (readonly string[])[] = [];
  /** Records after an entity's first (CSL repeats an entity per programme): few entities have any. */
  private readonly moreRecords = new Map<number, { recordId: string; programs: readonly string[] }[]>();

  get length(): number {
    return this.names.length;
  }

  add(listId: string, type: EntityType, name: string, countries: ReadonlySet<string>): number {
    let li = this.listIndex.get(listId);
    if (li === undefined) {
      li = this.listIds.length;
      this.listIds.push(listId);
      this.listIndex.set(listId, li);
    }
    this.list.push(li);
    this.types.push(type);
    this.names.push(name);
    this.countries.push(countries);
    return this.names.length - 1;
  }

  /** Adds a record to entity e and returns its index among the entity's records. */
  addRecord(e: number, recordId: string, programs: readonly string[]): number {
    if (e === this.firstRecordId.length) {
      this.firstRecordId.push(recordId);
      this.firstPrograms.push(programs);
      return 0;
    }
    let more = this.moreRecords.get(e);
    if (!more) {
      more = [];
      this.moreRecords.set(e, more);
    }
    more.push({ recordId, programs });
    return more.length;
  }

  setCountries(e: number, countries: ReadonlySet<string>): void {
    this.countries[e] = countries;
  }

  listId(e: number): string {
    return this.listIds[this.list.data[e] as number] as string;
  }

  type(e: number): EntityType {
    return this.types[e] as EntityType;
  }

  name(e: number): string {
    return this.names[e] as string;
  }

  countriesOf(e: number): ReadonlySet<string> {
    return this.countries[e] as ReadonlySet<string>;
  }

  recordCount(e: number): number {
    return 1 + (this.moreRecords.get(e)?.length ?? 0);
  }

  recordId(e: number, r: number): string {
    return r === 0 ? (this.firstRecordId[e] as string) : (this.moreRecords.get(e)?.[r - 1]?.recordId ?? '');
  }

  records(e: number): { recordId: string; programs: readonly string[] }[] {
    const first = { recordId: this.firstRecordId[e] as string, programs: this.firstPrograms[e] as readonly string[] };
    const more = this.moreRecords.get(e);
    return more ? [first, ...more.map((r) => ({ recordId: r.recordId, programs: r.programs }))] : [first];
  }

  /** The object view of entity e, or undefined when there is none. */
  at(e: number): IndexedEntity | undefined {
    if (!(e >= 0 && e < this.names.length)) return undefined;
    return { listId: this.listId(e), type: this.type(e), name: this.name(e), records: this.records(e), countries: this.countriesOf(e) };
  }
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
  if (!name.includes('(')) return [name];
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

/** Continues an FNV-1a hash over `s` (hashes of several strings without joining them). */
export function hashOn(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
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
export function groupBy(groups: Int32Array, values: Int32Array, n: number, groupCount: number, values2?: Int32Array): { offsets: Int32Array; out: Int32Array; out2: Int32Array } {
  const offsets = new Int32Array(groupCount + 1);
  for (let i = 0; i < n; i++) offsets[(groups[i] as number) + 1]!++;
  for (let g = 0; g < groupCount; g++) offsets[g + 1]! += offsets[g] as number;
  const fill = offsets.slice(0, groupCount);
  const out = new Int32Array(n);
  // A second array of values grouped the same way, in the same pass (`out2`), when given.
  const out2 = new Int32Array(values2 ? n : 0);
  if (values2) {
    for (let i = 0; i < n; i++) {
      const at = fill[groups[i] as number]!++;
      out[at] = values[i] as number;
      out2[at] = values2[i] as number;
    }
  } else {
    for (let i = 0; i < n; i++) out[fill[groups[i] as number]!++] = values[i] as number;
  }
  return { offsets, out, out2 };
}

const NO_IGNORED: readonly IgnoredPart[] = Object.freeze([]);

/**
 * The compiled index, kept compact for lists of a million names: token keys are interned to
 * numbers; postings, the exact-key table and the typo table are typed arrays grouped by key (no
 * array or object per posting); names share their weighted tokens and entities share their
 * country sets. Built once from records; list names are never re-normalised at query time.
 */
export class NameIndex {
  readonly entities = new EntityStore();
  /** How many names are indexed; name i is read with `name(i)`. */
  nameCount = 0;
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
   * Per name, in typed arrays and shared values rather than an object each: its entity, record,
   * text, ignored parts, whether it has Han, its comparable form where that is not its token keys
   * joined, and its tokens (ids into `protos`, name i's from tokenStarts[i] to tokenStarts[i+1]).
   */
  private nameEntity: Int32Array = new Int32Array(0);
  private nameRecord: Int32Array = new Int32Array(0);
  private nameHasHan = new Uint8Array(0);
  private texts: string[] = [];
  private ignoredParts: (readonly IgnoredPart[])[] = [];
  private storedNormalized: (string | null)[] = [];
  private tokenStarts: Int32Array = new Int32Array(1);
  private tokenIds: Int32Array = new Int32Array(0);
  /** Distinct tokens by id; their weighted copies are made when a name is scored (`weightedAt`). */
  private protos: NameToken[] = [];
  private readonly weightedById = new Map<number, WeightedToken>();
  /** Per distinct token: the id of its key, and of its form (the key's when equal, -1 when none). */
  private tokenKeyIds: Int32Array = new Int32Array(0);
  private tokenFormIds: Int32Array = new Int32Array(0);

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
    const protoKey = new IntList(1 << 16);
    const protoForm = new IntList(1 << 16);
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
      // The key and form ids of each distinct token (the form is interned here, when it first
      // occurs, as the caller would intern it next).
      protoKey.push(keyId);
      protoForm.push(t.form === undefined ? -1 : t.form === t.key ? keyId : intern(t.form));
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
    // Entities that later records of one list, type and spelling join: an open-addressing table of
    // entity ids by a hash of that key, so a million entities keep no key string each. A hit is
    // confirmed against the entity itself.
    let groupSlots = new Int32Array(1 << 16).fill(-1);
    let groupHashes = new Int32Array(1 << 16);
    let grouped = 0;
    const groupName = (name: string): string => name.toLowerCase().replace(/\s+/g, ' ').trim();
    const findGroup = (listId: string, type: string, name: string, h: number): number => {
      const mask = groupSlots.length - 1;
      for (let slot = h & mask; groupSlots[slot] !== -1; slot = (slot + 1) & mask) {
        if (groupHashes[slot] !== h) continue;
        const e = groupSlots[slot] as number;
        const entities = this.entities;
        if (entities.listId(e) === listId && entities.type(e) === type && groupName(entities.name(e)) === name) return e;
      }
      return -1;
    };
    const addGroup = (h: number, entity: number): void => {
      if ((grouped + 1) * 2 > groupSlots.length) {
        const slots = new Int32Array(groupSlots.length * 2).fill(-1);
        const hashes = new Int32Array(groupSlots.length * 2);
        const mask = slots.length - 1;
        for (let i = 0; i < groupSlots.length; i++) {
          if (groupSlots[i] === -1) continue;
          let slot = (groupHashes[i] as number) & mask;
          while (slots[slot] !== -1) slot = (slot + 1) & mask;
          slots[slot] = groupSlots[i] as number;
          hashes[slot] = groupHashes[i] as number;
        }
        groupSlots = slots;
        groupHashes = hashes;
      }
      const mask = groupSlots.length - 1;
      let slot = h & mask;
      while (groupSlots[slot] !== -1) slot = (slot + 1) & mask;
      groupSlots[slot] = entity;
      groupHashes[slot] = h;
      grouped++;
    };
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
    // The comparable forms of the entity's names so far: an entity has a few, compared one by one.
    const seenNames: string[] = [];
    // Entity → the index of its first name.
    const firstName = new IntList(1 << 16);
    const regrouped = new Map<number, Set<string>>();
    // Each name is analysed as it comes, with no cache of whole names: the word and Han caches
    // already share the work between names, and analyses kept for later (even 20,000 of them)
    // outlived the young generation, whose copying then cost more than repeats saved (measured
    // on the real lists and at 200,000 synthetic entities).
    const analyze = analyzeName;
    /** A name's comparable form while indexing: stored where it differs from its token keys joined. */
    const normalizedAt = (i: number): string => {
      const stored = storedNormalized[i];
      if (stored !== null && stored !== undefined) return stored;
      const end = i + 1 < tokenStart.length ? (tokenStart.data[i + 1] as number) : nameTokens.length;
      let out = '';
      for (let j = tokenStart.data[i] as number; j < end; j++) {
        const key = (tokenProtos[nameTokens.data[j] as number] as NameToken).key;
        out = out === '' ? key : `${out} ${key}`;
      }
      return out;
    };
    /** The comparable form to store for a name with an empty key: null when its keys joined still spell it. */
    const storedForm = (analysis: AnalyzedName): string | null => {
      let joinedKeys = '';
      for (const g of analysis.groups) for (const t of g.alternatives[0] ?? []) joinedKeys = joinedKeys === '' ? t.key : `${joinedKeys} ${t.key}`;
      return joinedKeys === analysis.normalized ? null : analysis.normalized;
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
      const gname = groupable ? groupName(r.name) : '';
      const gh = groupable ? hashOn(hashOn(hashOn(hashOn(hashOn(0x811c9dc5, r.listId), '\u0000'), r.type), '\u0000'), gname) | 0 : 0;
      let entity = groupable ? findGroup(r.listId, r.type, gname, gh) : -1;
      if (entity === -1) {
        firstName.push(nameEntity.length);
        entity = this.entities.add(r.listId, r.type, r.name, countrySet(r.countries));
        if (groupable) addGroup(gh, entity);
      } else if (r.countries.length > 0 && !r.countries.every((c) => this.entities.countriesOf(entity).has(c))) {
        this.entities.setCountries(entity, countrySet([...this.entities.countriesOf(entity), ...r.countries]));
      }
      const record = this.entities.addRecord(entity, r.recordId, r.programs);
      // Names of one entity are deduplicated on their comparable form; the set only spans an entity.
      let local: Set<string> | undefined;
      if (record === 0) {
        seenNames.length = 0;
      } else {
        let names = regrouped.get(entity);
        if (!names) {
          // The names of an entity's first record are contiguous: collect them once.
          names = new Set<string>();
          for (let i = firstName.data[entity] as number; i < nameEntity.length && nameEntity.data[i] === entity; i++) names.add(normalizedAt(i));
          regrouped.set(entity, names);
        }
        local = names;
      }
      const all = r.aliases.length === 0 ? [r.name] : [r.name, ...r.aliases];
      for (let i = 0; i < all.length; i++) {
        const n = all[i] as string;
        for (const v of variants(n)) {
          const analysis = i === 0 && v === n ? primary : analyze(v);
          const normalizedName = analysis.normalized;
          if (normalizedName === '') continue;
          if (local) {
            if (local.has(normalizedName)) continue;
            local.add(normalizedName);
          } else {
            if (seenNames.includes(normalizedName)) continue;
            seenNames.push(normalizedName);
          }
          const idx = nameEntity.length;
          nameEntity.push(entity);
          nameRecord.push(record);
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
          // Whether the first reading's keys, joined by spaces, spell the name's comparable form: they
          // do unless a key is empty (analyzeName skips empty parts), when the form is stored.
          let emptyKey = false;
          let position = 0;
          for (const g of analysis.groups) {
            const ambiguous = g.alternatives.length > 1;
            for (const t of g.alternatives[0] ?? []) {
              nameTokens.push(tokenId(t, firstKeys[position++] as number, ambiguous));
              if (t.key === '') emptyKey = true;
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
          storedNormalized.push(emptyKey ? storedForm(analysis) : null);
        }
      }
    };
    const finish = (): void => {
    tokenStart.push(nameTokens.length);
    nextToken.data = firstToken = firstName.data = new Int32Array(0);
    groupSlots = groupHashes = new Int32Array(0);
    ignoredSets.clear();
    regrouped.clear();

    const nameCount = nameEntity.length;
    this.nameCount = nameCount;
    this.total = nameCount;
    this.df = dfCounts.length === keyStrings.length ? dfCounts : dfCounts.slice(0, keyStrings.length);
    this.maxIdf = this.idf(0);
    this.protos = tokenProtos;
    this.tokenKeyIds = protoKey.trimmed();
    this.tokenFormIds = protoForm.trimmed();
    // Rarities by token id in one typed array (as rarity() gives for its key): summed per name below.
    const tokenRarity = new Float64Array(tokenProtos.length);
    for (let id = 0; id < tokenProtos.length; id++) {
      const df = this.df[this.tokenKeyIds[id] as number] ?? 0;
      tokenRarity[id] = df === 0 ? this.maxIdf : this.idf(df);
    }
    this.tokenStarts = tokenStart.trimmed();
    this.tokenIds = nameTokens.trimmed();
    this.nameEntity = nameEntity.trimmed();
    this.nameRecord = nameRecord.trimmed();
    this.nameHasHan = Uint8Array.from(hasHan, (h) => (h ? 1 : 0));
    this.texts = texts;
    this.ignoredParts = ignored;
    this.storedNormalized = storedNormalized;
    hasHan.length = 0;
    nameTokens.data = tokenStart.data = nameEntity.data = nameRecord.data = new Int32Array(0);
    this.nameRarity = new Float64Array(nameCount);
    const exactHash = new Int32Array(nameCount);
    const starts = this.tokenStarts;
    const ids = this.tokenIds;
    for (let i = 0; i < nameCount; i++) {
      let rarity = 0;
      for (let j = starts[i] as number; j < (starts[i + 1] as number); j++) rarity += tokenRarity[ids[j] as number] as number;
      this.nameRarity[i] = rarity;
      exactHash[i] = hash32(this.exactKeyAt(i)) | 0;
    }

    // Postings grouped by key; a name appears once per key even when a form or a join repeats it.
    const grouped = groupBy(postKey.data, postName.data, postKey.length, keyStrings.length);
    postKey.data = postName.data = new Int32Array(0);
    const { offsets, out } = dedupeGroups(grouped.offsets, grouped.out);
    this.postings = new PostingTable(keyIds, offsets, out);

    const buckets = bucketCount(nameCount);
    const exactBuckets = groupBy(Int32Array.from(exactHash, (h) => h & (buckets - 1)), Int32Array.from({ length: nameCount }, (_, i) => i), nameCount, buckets);
    this.exact = new ExactTable(this, buckets, exactBuckets.offsets, exactBuckets.out);

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
    // Keep each entry's full hash beside its key id, so a lookup skips other hashes in the bucket.
    const grouped2 = groupBy(byBucket, fuzzyKey.data, fuzzyHash.length, this.fuzzyBuckets, fuzzyHashes);
    this.fuzzy = grouped2;
    this.fuzzyHashes = grouped2.out2;
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

  /** Name i of the index (a view over the stored arrays, made when asked for). */
  name(i: number): IndexedName {
    return new CompactName(this, i);
  }

  entityOf(i: number): number {
    return this.nameEntity[i] as number;
  }

  recordOf(i: number): number {
    return this.nameRecord[i] as number;
  }

  textOf(i: number): string {
    return this.texts[i] as string;
  }

  ignoredOf(i: number): readonly IgnoredPart[] {
    return this.ignoredParts[i] as readonly IgnoredPart[];
  }

  hasHanAt(i: number): boolean {
    return this.nameHasHan[i] === 1;
  }

  tokensOf(i: number): WeightedToken[] {
    const out: WeightedToken[] = [];
    for (let j = this.tokenStarts[i] as number; j < (this.tokenStarts[i + 1] as number); j++) out.push(this.weightedAt(this.tokenIds[j] as number));
    return out;
  }

  /** The weighted copy of distinct token `id`, made once. */
  private weightedAt(id: number): WeightedToken {
    let w = this.weightedById.get(id);
    if (!w) {
      w = this.weightedOf(this.protos[id] as NameToken);
      this.weightedById.set(id, w);
    }
    return w;
  }

  /** Whether name i has a token with this key or form. */
  hasKeyOrForm(i: number, key: string): boolean {
    for (let j = this.tokenStarts[i] as number; j < (this.tokenStarts[i + 1] as number); j++) {
      const t = this.protos[this.tokenIds[j] as number] as NameToken;
      if (t.key === key || t.form === key) return true;
    }
    return false;
  }

  /**
   * The distinct keys and forms of name-kind tokens, in the order a walk over every name's tokens
   * (key, then form) first meets them: distinct tokens are numbered in the order names first hold them.
   */
  nameKeysAndForms(): string[] {
    const seen = new Uint8Array(this.keyStrings.length);
    const out: string[] = [];
    for (let id = 0; id < this.protos.length; id++) {
      if ((this.protos[id] as NameToken).kind !== 'name') continue;
      const k = this.tokenKeyIds[id] as number;
      if (seen[k] === 0) {
        seen[k] = 1;
        out.push(this.keyStrings[k] as string);
      }
      const f = this.tokenFormIds[id] as number;
      if (f >= 0 && seen[f] === 0) {
        seen[f] = 1;
        out.push(this.keyStrings[f] as string);
      }
    }
    return out;
  }

  normalizedAt(i: number): string {
    const stored = this.storedNormalized[i];
    if (stored !== null && stored !== undefined) return stored;
    const from = this.tokenStarts[i] as number;
    const to = this.tokenStarts[i + 1] as number;
    if (to - from === 1) return (this.protos[this.tokenIds[from] as number] as NameToken).key;
    const keys: string[] = [];
    for (let j = from; j < to; j++) keys.push((this.protos[this.tokenIds[j] as number] as NameToken).key);
    return keys.join(' ');
  }

  normalizedIsEmpty(i: number): boolean {
    const stored = this.storedNormalized[i];
    if (stored !== null && stored !== undefined) return stored === '';
    const from = this.tokenStarts[i] as number;
    const to = this.tokenStarts[i + 1] as number;
    return to === from || (to - from === 1 && (this.protos[this.tokenIds[from] as number] as NameToken).key === '');
  }

  /** Continues hash `h` over normalizedAt(i), without making the string. */
  hashNormalizedAt(i: number, h: number): number {
    const stored = this.storedNormalized[i];
    if (stored !== null && stored !== undefined) return hashOn(h, stored);
    for (let j = this.tokenStarts[i] as number; j < (this.tokenStarts[i + 1] as number); j++) {
      if (j > (this.tokenStarts[i] as number)) h = hashOn(h, ' ');
      h = hashOn(h, (this.protos[this.tokenIds[j] as number] as NameToken).key);
    }
    return h;
  }

  /** exactKeyOf(name i's tokens), without making the token array. */
  exactKeyAt(i: number): string {
    const from = this.tokenStarts[i] as number;
    const to = this.tokenStarts[i + 1] as number;
    if (to - from === 1) return (this.protos[this.tokenIds[from] as number] as NameToken).key;
    const keys: string[] = [];
    for (let j = from; j < to; j++) keys.push((this.protos[this.tokenIds[j] as number] as NameToken).key);
    return keys.sort().join(' ');
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
    private readonly index: NameIndex,
    private readonly buckets: number,
    private readonly offsets: Int32Array,
    private readonly values: Int32Array,
  ) {}

  get(exactKey: string): number[] | undefined {
    const b = hash32(exactKey) & (this.buckets - 1);
    const hits: number[] = [];
    for (let j = this.offsets[b] as number; j < (this.offsets[b + 1] as number); j++) {
      const ni = this.values[j] as number;
      if (this.index.exactKeyAt(ni) === exactKey) hits.push(ni);
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

/**
 * An indexed name: a view over the index's arrays. Its tokens, entity name and exact key are read
 * from the shared stores when asked for (a scored candidate, not every listed name).
 */
class CompactName implements IndexedName {
  constructor(
    private readonly index: NameIndex,
    private readonly i: number,
  ) {}

  get entity(): number {
    return this.index.entityOf(this.i);
  }

  get record(): number {
    return this.index.recordOf(this.i);
  }

  get text(): string {
    return this.index.textOf(this.i);
  }

  get ignored(): readonly IgnoredPart[] {
    return this.index.ignoredOf(this.i);
  }

  get hasHan(): boolean {
    return this.index.hasHanAt(this.i);
  }

  get tokens(): readonly WeightedToken[] {
    return this.index.tokensOf(this.i);
  }

  get normalized(): string {
    return this.index.normalizedAt(this.i);
  }

  get entityName(): string {
    const e = this.entity;
    return e >= 0 && e < this.index.entities.length ? this.index.entities.name(e) : this.text;
  }

  get exactKey(): string {
    return this.index.exactKeyAt(this.i);
  }
}
