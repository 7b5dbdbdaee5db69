import type { ListRecordView, SearchRequest, SearchResponse } from '@qiao/contracts';
import { DEFAULT_LIMIT, DEFAULT_THRESHOLD } from '@qiao/screening';
import type { ServiceDeps } from '../../services.ts';
import type { DecisionService } from './decision.service.ts';
import { explainWithRanges } from './explanation.ts';
import * as listRepo from './list.repository.ts';
import type { ScreeningIndex } from './screening-index.ts';

/** Single-name search against the lists in force, with explanations a page can highlight. */
export class SearchService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly index: ScreeningIndex,
    private readonly decisions: DecisionService,
  ) {}

  async search(req: SearchRequest): Promise<SearchResponse> {
    const snapshot = await this.index.current();
    const threshold = req.threshold ?? DEFAULT_THRESHOLD;
    const matches = snapshot.matcher.match({ name: req.name, ...(req.type ? { type: req.type } : {}), ...(req.country ? { country: req.country.toUpperCase() } : {}) }, { threshold, limit: req.limit ?? DEFAULT_LIMIT });
    const keys = matches.flatMap((m) => {
      const v = snapshot.versions.get(m.listId);
      return v ? [{ versionId: v.id, recordId: m.recordId }] : [];
    });
    const records = await listRepo.recordsByKeys(this.deps.db, keys);
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
