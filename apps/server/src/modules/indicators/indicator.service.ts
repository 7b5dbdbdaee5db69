import type { IndicatorRevision, IndicatorSeries, IndicatorSeriesInput, IndicatorSeriesUpdate, IndicatorValue, ShrinkNotice } from '@qiao/contracts';
import { conflict, notFound, shrinkNotConfirmed } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit, type Actor } from '../audit/audit.repository.ts';
import { parseValuesCsv, valuesToCsv } from './indicator.csv.ts';
import { LIVE_INDICATORS, type LiveIndicator } from './indicator.live.ts';
import * as repo from './indicator.repository.ts';
import { SEED_SERIES } from './indicator.seed-data.ts';

const LIVE_SOURCE = { publisher: 'Qiao', title: 'Computed live from this platform’s database', retrievedOn: '', verified: true };

function curated(row: repo.SeriesRow): IndicatorSeries {
  return { ...repo.toInput(row), kind: 'curated', version: row.version, updatedAt: row.updatedAt.toISOString() };
}

/** New values that empty a series or leave fewer than half of its values are a decision, not an accident. */
function shrinkOf(id: string, before: readonly IndicatorValue[], after: readonly IndicatorValue[] | undefined): ShrinkNotice | null {
  if (!after || before.length === 0) return null;
  const removed = before.length - after.length;
  return after.length === 0 || removed * 2 > before.length ? { subject: id, removed, total: before.length } : null;
}

export class IndicatorService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly live: readonly LiveIndicator[] = LIVE_INDICATORS,
  ) {}

  private today(): string {
    return this.deps.now().toISOString().slice(0, 10);
  }

  private async computeLive(def: LiveIndicator): Promise<IndicatorSeries> {
    const today = this.today();
    const meta = { id: def.id, nameEn: def.nameEn, nameZh: def.nameZh, unitEn: def.unitEn, unitZh: def.unitZh, chart: def.chart, notesEn: def.notesEn, notesZh: def.notesZh };
    return { ...meta, source: { ...LIVE_SOURCE, retrievedOn: today }, values: await def.compute(this.deps.db, today), kind: 'live', version: 1, updatedAt: this.deps.now().toISOString() };
  }

  async list(): Promise<IndicatorSeries[]> {
    const rows = await repo.listSeries(this.deps.db);
    const live = await Promise.all(this.live.map((d) => this.computeLive(d)));
    return [...rows.map(curated), ...live];
  }

  async get(id: string): Promise<IndicatorSeries> {
    const def = this.live.find((d) => d.id === id);
    if (def) return this.computeLive(def);
    const row = await repo.findSeries(this.deps.db, id);
    if (!row) throw notFound('indicator series');
    return curated(row);
  }

  create(actor: Actor, input: IndicatorSeriesInput): Promise<IndicatorSeries> {
    if (this.live.some((d) => d.id === input.id)) return Promise.reject(conflict(`${input.id} is a live indicator`));
    return this.deps.db.transaction(async (tx) => {
      if (await repo.findSeries(tx, input.id)) throw conflict(`indicator series ${input.id} already exists`);
      const row = await repo.insertSeries(tx, input, actor?.email ?? null);
      await insertAudit(tx, actor, { action: 'indicator.create', entity: 'indicator', entityId: row.id, after: repo.toInput(row) });
      return curated(row);
    });
  }

  /** Edits a curated series; values that would shrink it (see shrinkOf) need `allowShrink`, and the audit says so. */
  update(actor: Actor, id: string, patch: IndicatorSeriesUpdate): Promise<IndicatorSeries> {
    const { version, allowShrink, ...changes } = patch;
    if (this.live.some((d) => d.id === id)) return Promise.reject(conflict(`${id} is computed live from the platform and cannot be edited`));
    return this.deps.db.transaction(async (tx) => {
      const before = await repo.findSeries(tx, id);
      if (!before) throw notFound('indicator series');
      const next = { ...repo.toInput(before), ...changes };
      const shrink = before.version === version ? shrinkOf(id, before.values, changes.values) : null;
      if (shrink && allowShrink !== true) throw shrinkNotConfirmed([shrink], 'values');
      const row = await repo.updateSeries(tx, next, version, actor?.email ?? null);
      if (!row) throw conflict(`indicator series was changed by someone else (now version ${before.version}); reload and try again`);
      const confirmed = shrink ? { shrink: { confirmed: true, removed: shrink.removed, total: shrink.total } } : {};
      await insertAudit(tx, actor, { action: 'indicator.update', entity: 'indicator', entityId: id, before: repo.toInput(before), after: { ...next, ...confirmed } });
      return curated(row);
    });
  }

  /** Replaces a series' values from CSV; every bad line is reported and nothing changes. Shrinking needs `allowShrink`. */
  async importCsv(actor: Actor, id: string, opts: { version: number; allowShrink?: boolean }, csv: string): Promise<IndicatorSeries> {
    const values = parseValuesCsv(csv);
    return this.update(actor, id, { version: opts.version, values, allowShrink: opts.allowShrink });
  }

  async exportCsv(id: string): Promise<string> {
    return valuesToCsv((await this.get(id)).values);
  }

  async revisions(id: string): Promise<IndicatorRevision[]> {
    if (!(await repo.findSeries(this.deps.db, id))) throw notFound('indicator series');
    return repo.listRevisions(this.deps.db, id);
  }

  /** Adds the curated seed series that are missing; an admin's edits to existing ones are kept. */
  async ensureSeed(): Promise<number> {
    let added = 0;
    for (const s of SEED_SERIES) {
      if (await repo.findSeries(this.deps.db, s.id)) continue;
      await this.create(null, s);
      added++;
    }
    return added;
  }
}
