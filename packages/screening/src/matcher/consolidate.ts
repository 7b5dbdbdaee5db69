import { bucketCount, groupBy, hash32, hashOn, IntList, type NameIndex } from './name-index.ts';

/**
 * Items (in ascending order) that share a key, as groups of two or more in ascending order: the
 * items are bucketed by the hash of their key, and only items of one bucket with the same full
 * hash have their keys compared.
 */
function sameKeyGroups(items: IntList, hashes: IntList, keyOf: (item: number) => string): number[][] {
  const buckets = bucketCount(items.length);
  const bucket = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) bucket[i] = (hashes.data[i] as number) & (buckets - 1);
  const positions = Int32Array.from({ length: items.length }, (_, i) => i);
  const { offsets, out } = groupBy(bucket, positions, items.length, buckets);
  const groups: number[][] = [];
  for (let b = 0; b < buckets; b++) {
    const from = offsets[b] as number;
    const to = offsets[b + 1] as number;
    if (to - from < 2) continue;
    // Within a bucket, runs of one full hash (a stable sort keeps each run ascending), then one key.
    const inBucket = Array.from(out.subarray(from, to)).sort((x, y) => (hashes.data[x] as number) - (hashes.data[y] as number));
    const byKey = new Map<string, number[]>();
    for (let j = 0; j < inBucket.length; j++) {
      const p = inBucket[j] as number;
      const h = hashes.data[p];
      if (hashes.data[inBucket[j - 1] ?? -1] !== h && hashes.data[inBucket[j + 1] ?? -1] !== h) continue;
      const item = items.data[p] as number;
      const key = `${h}\u0000${keyOf(item)}`;
      const list = byKey.get(key);
      if (list) list.push(item);
      else byKey.set(key, [item]);
    }
    for (const list of byKey.values()) if (list.length > 1) groups.push(list);
  }
  return groups;
}

/**
 * Which indexed entities are the same party on different lists: the same entity type and the same
 * normalised primary name (`HUAWEI TECHNOLOGIES CO., LTD.` on the Entity List and `Huawei
 * Technologies Co., Ltd.` on the 1260H list), or one record id shared between lists
 * (OpenSanctions FollowTheMoney ids such as `NK-…` or `Q…` recur in every collection that carries
 * the entity). Entities of one name are not joined when a list tells two of them apart (see
 * `joinable`): the name alone cannot say which of them another list means.
 *
 * Returns, for each entity, the smallest entity index of its group (itself when alone).
 */
export function consolidationGroups(index: NameIndex): Int32Array {
  const n = index.entities.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[x] !== r) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  // Each entity's primary name: its first indexed name spelled as the entity's name.
  const primary = new Int32Array(n).fill(-1);
  const entities = index.entities;
  for (let i = 0; i < index.nameCount; i++) {
    const e = index.entityOf(i);
    if (primary[e] !== -1 || index.textOf(i) !== entities.name(e)) continue;
    primary[e] = i;
  }
  const nameKey = (e: number): string | undefined => {
    const ni = primary[e] as number;
    if (ni === -1 || entities.type(e) === 'unknown') return undefined;
    const normalized = index.normalizedAt(ni);
    return normalized === '' ? undefined : `${entities.type(e)}\u0000${normalized}`;
  };

  // Entities of one type and normalised primary name. A million entities are grouped by a hash of
  // that key in typed arrays; the keys themselves are only compared where two hashes meet.
  const withKey = new IntList(Math.max(16, n));
  const keyHash = new IntList(Math.max(16, n));
  for (let e = 0; e < n; e++) {
    const ni = primary[e] as number;
    if (ni === -1 || entities.type(e) === 'unknown' || index.normalizedIsEmpty(ni)) continue;
    withKey.push(e);
    keyHash.push(index.hashNormalizedAt(ni, hashOn(hashOn(0x811c9dc5, entities.type(e)), '\u0000')) | 0);
  }
  for (const members of sameKeyGroups(withKey, keyHash, (e) => nameKey(e) ?? '')) {
    if (!joinable(index, members)) continue;
    const first = members[0] as number;
    for (const e of members.slice(1)) union(first, e);
  }

  // One record id shared between lists: every later entity carrying it joins the first that did,
  // unless both are of one list.
  const recordEntity = new IntList(Math.max(16, n));
  const recordIndex = new IntList(Math.max(16, n));
  const idHash = new IntList(Math.max(16, n));
  for (let e = 0; e < n; e++) {
    const records = entities.recordCount(e);
    for (let ri = 0; ri < records; ri++) {
      const recordId = entities.recordId(e, ri);
      if (!isSharedId(recordId)) continue;
      recordEntity.push(e);
      recordIndex.push(ri);
      idHash.push(hash32(recordId) | 0);
    }
  }
  const positions = new IntList(Math.max(16, recordEntity.length));
  for (let i = 0; i < recordEntity.length; i++) positions.push(i);
  const idOf = (p: number): string => entities.recordId(recordEntity.data[p] as number, recordIndex.data[p] as number);
  for (const same of sameKeyGroups(positions, idHash, idOf)) {
    const first = recordEntity.data[same[0] as number] as number;
    for (const p of same.slice(1)) {
      const e = recordEntity.data[p] as number;
      if (entities.listId(first) !== entities.listId(e)) union(first, e);
    }
  }
  return Int32Array.from({ length: n }, (_, i) => find(i));
}

/**
 * Two entities of one normalised name on one list are usually one party spelt twice (CSL repeats
 * an entity per programme, "Co., Ltd." and "CO., LTD"), but may be two parties that list tells
 * apart: two people of one name, or "ETC Electronics" in Moscow and "ETC Electronics Ltd." in
 * Shenzhen. People of one list are never joined by name; organisations only when no two of one
 * list name different countries.
 */
function joinable(index: NameIndex, members: readonly number[]): boolean {
  const byList = new Map<string, number[]>();
  for (const e of members) {
    const listId = index.entities.listId(e);
    byList.set(listId, [...(byList.get(listId) ?? []), e]);
  }
  for (const same of byList.values()) {
    if (same.length < 2) continue;
    if (index.entities.type(same[0] as number) === 'person') return false;
    const countries = same.map((e) => index.entities.countriesOf(e)).filter((c) => c.size > 0);
    for (let i = 1; i < countries.length; i++) if (![...(countries[i] as ReadonlySet<string>)].some((c) => countries[0]?.has(c))) return false;
  }
  return true;
}

/**
 * A record id that names the same entity in any list that carries it: FollowTheMoney ids
 * (`NK-2ab3…`, `Q12345`, `ofac-12345`, `gb-hmt-…`), not a list's own running numbers (OFAC
 * `ent_num`) or file-local hashes (CSL `csl-hash-…`).
 */
function isSharedId(id: string): boolean {
  if (/^\d+$/.test(id) || id.startsWith('csl-hash-') || id.startsWith('entity-number-')) return false;
  if (/^[0-9a-f]{40,64}$/.test(id)) return false;
  return id.length >= 6 && /[a-z]/i.test(id) && /[-\d]/.test(id);
}

/** The groups of an index, and the post-processing of one query's results that merges them. */
export class Consolidation {
  private readonly groupOf: Int32Array;
  private readonly members = new Map<number, number[]>();

  constructor(index: NameIndex) {
    const groupOf = consolidationGroups(index);
    this.groupOf = groupOf;
    // Most entities are alone: count first, so only groups of two or more get a list.
    const size = new Int32Array(groupOf.length);
    for (let e = 0; e < groupOf.length; e++) size[groupOf[e] as number]!++;
    for (let e = 0; e < groupOf.length; e++) {
      const g = groupOf[e] as number;
      if ((size[g] as number) < 2) continue;
      const list = this.members.get(g);
      if (list) list.push(e);
      else this.members.set(g, [e]);
    }
  }

  group(entity: number): number {
    return this.groupOf[entity] ?? entity;
  }

  /** Every entity of the group `entity` belongs to, the given one first. */
  entitiesWith(entity: number): number[] {
    const all = this.members.get(this.group(entity));
    return all ? [entity, ...all.filter((e) => e !== entity)] : [entity];
  }

  /**
   * Keeps, of results already in rank order, the first of each group: the same party found on
   * four lists is one hit (which then lists every record of the group), not four.
   */
  firstOfEachGroup<T>(ranked: readonly T[], entityOf: (t: T) => number): T[] {
    if (this.members.size === 0) return [...ranked];
    const seen = new Set<number>();
    return ranked.filter((t) => {
      const g = this.group(entityOf(t));
      if (seen.has(g)) return false;
      seen.add(g);
      return true;
    });
  }
}
