import type { EntityType, ListRecord } from '../types.ts';

export interface Query {
  readonly name: string;
  readonly type?: EntityType;
  /** ISO 3166 alpha-2; a record listing other countries scores a little lower. */
  readonly country?: string;
}

export interface MatchOptions {
  /** Only matches at or above this score are returned (default DEFAULT_THRESHOLD). */
  readonly threshold?: number;
  /** Maximum matches returned, best first (default 10). */
  readonly limit?: number;
}

/** How one query part met one list part. */
export type PartHow =
  | 'exact' // same comparable form
  | 'fuzzy' // within the typo budget
  | 'han' // the same Han characters
  | 'pinyin' // Han on one side, the same pinyin on the other (or same pinyin, other characters)
  | 'translated' // a dictionary word matched its English rendering
  | 'joined' // one side's part equals two adjacent parts of the other ("Haiguang" / "Hai Guang")
  | 'variant' // another spelling or pet form of the same name (Sergey / Sergei, Bill / William)
  | 'initial' // an initial for the given name it starts (D. / Dmitry), people only
  | 'transliterated'; // a word of another script read in Latin (Медведев / Medvedev, محمد / Mohammad)

/** One piece of evidence behind a score; `weight` is its share of the comparison. */
export type Explanation =
  | { readonly feature: 'part'; readonly query: string; readonly list: string; readonly how: PartHow; readonly score: number; readonly weight: number }
  | { readonly feature: 'extra-query-part'; readonly query: string; readonly kind: string; readonly weight: number }
  | { readonly feature: 'extra-list-part'; readonly list: string; readonly kind: string; readonly weight: number }
  | { readonly feature: 'ignored'; readonly side: 'query' | 'list'; readonly text: string; readonly reason: string }
  | { readonly feature: 'script'; readonly path: string }
  | { readonly feature: 'qualifier'; readonly reason: string; readonly factor: number };

export interface ListedRecord {
  readonly listId: string;
  readonly recordId: string;
  readonly programs: readonly string[];
}

export interface Match {
  readonly listId: string;
  /** The first record of the entity in its file; `records` names every record and programme. */
  readonly recordId: string;
  /** The list name (primary or alias) that matched. */
  readonly name: string;
  /** The entity's primary name. */
  readonly entityName: string;
  readonly type: EntityType;
  /** 0–1, calibrated: DEFAULT_THRESHOLD is the alert line for every script. */
  readonly score: number;
  readonly programs: readonly string[];
  readonly records: readonly ListedRecord[];
  readonly explanation: readonly Explanation[];
}

/**
 * The one contract every screening engine implements.
 *
 * ```ts
 * const m = createMatcher();
 * records.forEach((r) => m.add(r));
 * m.build();                        // index built once; add() throws afterwards
 * m.match({ name: '华为技术有限公司' });
 * // → [{ listId: 'us-csl', recordId: '…', name: 'Huawei Technologies Co., Ltd.', score: 0.97,
 * //      explanation: [{ feature: 'part', query: '华为', list: 'Huawei', how: 'pinyin', … },
 * //                    { feature: 'part', query: '技术', list: 'Technologies', how: 'translated', … },
 * //                    { feature: 'ignored', side: 'query', text: '有限公司', reason: 'legal form' }, …] }]
 * m.match({ name: 'Huawei Guanghui' }); // → [] : "Guanghui" is unexplained, the score stays below the threshold
 * ```
 */
export interface Matcher {
  add(record: ListRecord): void;
  build(): void;
  match(query: Query, options?: MatchOptions): Match[];
  /** Number of names (primary names and aliases) indexed. */
  readonly size: number;
}
