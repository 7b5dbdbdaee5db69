import type { ListRecordView, SearchRequest, SearchResponse } from '@qiao/contracts';
import { DEFAULT_LIMIT, DEFAULT_THRESHOLD } from '@qiao/screening';
import { readCacheOf } from '../../cache/read-cache.ts';
import type { ServiceDeps } from '../../services.ts';
import type { DecisionService } from './decision.service.ts';
import { explainWithRanges } from './explanation.ts';
import * as listRepo from './list.repository.ts';
import type { StoredRecord } from './list-files.ts';
import type { IndexSnapshot, ScreeningIndex } from './screening-index.ts';

/** Most list records kept in memory for search answers; the least recently used goes first. */
const MAX_RECORDS = 5_000;

/** Single-name search against the lists in force, with explanations a page can highlight. */
export class SearchService {
  /** The index as of a `lists` stamp of the read cache: asked for again only when the lists changed. */
  private known: { stamp: string; snapshot: IndexSnapshot } | null = null;
  /** A version's records never change once imported, so they are kept by version and record id. */
  private readonly records = new Map<string, StoredRecord>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly index: ScreeningIndex,
    private readonly decisions: DecisionService,
  ) {}

  /**
   * The index of the lists in force. The read cache hears every import (on any node) through its
   * `lists` topic, so the index's own check against the database runs only after one. The stamp is
   * read first: a snapshot is never labelled with a stamp newer than the versions it holds.
   */
  private async snapshot(): Promise<IndexSnapshot> {
    const stamp = await readCacheOf(this.deps.db).stamp(['lists']);
    if (this.known?.stamp === stamp) return this.known.snapshot;
    const snapshot = await this.index.current();
    this.known = { stamp, snapshot };
    return snapshot;
  }

  /** The stored records behind these hits: from memory when seen before, the rest in one query. */
  private async recordsOf(keys: readonly { versionId: string; recordId: string }[]): Promise<Map<string, StoredRecord>> {
    const out = new Map<string, StoredRecord>();
    const missing = keys.filter((k) => {
      const id = `${k.versionId}|${k.recordId}`;
      const hit = this.records.get(id);
      if (!hit) return true;
      // Re-inserted so the map's order stays least recently used first.
      this.records.delete(id);
      this.records.set(id, hit);
      out.set(id, hit);
      return false;
    });
    for (const [id, rec] of await listRepo.recordsByKeys(this.deps.db, missing)) {
      out.set(id, rec);
      this.records.set(id, rec);
      if (this.records.size > MAX_RECORDS) this.records.delete(this.records.keys().next().value ?? '');
    }
    return out;
  }

  async search(req: SearchRequest): Promise<SearchResponse> {
    const snapshot = await this.snapshot();
    const threshold = req.threshold ?? DEFAULT_THRESHOLD;
    const matches = snapshot.matcher.match({ name: req.name, ...(req.type ? { type: req.type } : {}), ...(req.country ? { country: req.country.toUpperCase() } : {}) }, { threshold, limit: req.limit ?? DEFAULT_LIMIT });
    const keys = matches.flatMap((m) => {
      const v = snapshot.versions.get(m.listId);
      return v ? [{ versionId: v.id, recordId: m.recordId }] : [];
    });
    const records = await this.recordsOf(keys);
    // The decisions on every hit in one batch, not one lookup per hit.
    const decided = req.partyId ? await this.decisions.forHits(req.partyId, matches) : null;
    const out: SearchResponse['matches'] = [];
    for (const m of matches) {
      const v = snapshot.versions.get(m.listId);
      if (!v) continue;
      const rec = records.get(`${v.id}|${m.recordId}`);
      const record: ListRecordView | null = rec ? { listId: m.listId, ...rec, type: rec.type as ListRecordView['type'] } : null;
      out.push({
        listId: m.listId,
        listTitle: v.title,
        listSide: v.side,
        versionId: v.id,
        recordId: m.recordId,
        name: m.name,
        entityName: m.entityName,
        type: m.type,
        score: m.score,
        programs: [...m.programs],
        records: m.records.map((r) => ({ listId: r.listId, recordId: r.recordId, programs: [...r.programs] })),
        record,
        ...explainWithRanges(req.name, m.name, m.explanation),
        decision: decided?.get(`${m.listId}|${m.recordId}`) ?? null,
      });
    }
    return {
      query: req.name,
      threshold,
      matches: out,
      lists: [...snapshot.versions.values()].map((v) => ({ listId: v.listId, versionId: v.id, version: v.version, title: v.title, side: v.side })),
    };
  }
}
