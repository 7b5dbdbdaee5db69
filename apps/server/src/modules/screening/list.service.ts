import { LIST_SHRINK_CONFIRM_RATIO, type ListDiff, type ListImportResult, type ListRecordView, type ListVersion, type ShrinkNotice } from '@qiao/contracts';
import type { ListFile } from '@qiao/screening';
import type { Tx } from '../../db/client.ts';
import { notFound, shrinkNotConfirmed, validationFailed } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit, type Actor } from '../audit/audit.repository.ts';
import type { JobService } from '../jobs/job.service.ts';
import { parseListFiles, type ParsedList, type StoredRecord } from './list-files.ts';
import * as repo from './list.repository.ts';
import { asListError } from './screening.errors.ts';

export const RESCREEN_JOB = 'screening.rescreen';

export interface RescreenPayload {
  versionId: string;
  previousVersionId: string | null;
  [key: string]: unknown;
}

const changedFields = (a: StoredRecord, b: StoredRecord): string[] =>
  (Object.keys(a) as (keyof StoredRecord)[]).filter((k) => k !== 'contentHash' && k !== 'materialHash' && JSON.stringify(a[k]) !== JSON.stringify(b[k]));

const view = (listId: string, r: StoredRecord): ListRecordView => ({ listId, ...r, type: r.type as ListRecordView['type'] });

type Changes = ListImportResult['items'][number]['changes'];

/** What importing one list would do, worked out (under the list's lock) before anything is written. */
type ImportPlan =
  | { list: ParsedList; unchanged: true; current: repo.VersionRow }
  | { list: ParsedList; unchanged: false; current: repo.VersionRow | undefined; changes: Changes; shrink: ShrinkNotice | null };

/** Removing more than LIST_SHRINK_CONFIRM_RATIO of the records in force is a decision, not an accident. */
function shrinkOf(listId: string, removed: number, total: number): ShrinkNotice | null {
  return total > 0 && removed > total * LIST_SHRINK_CONFIRM_RATIO ? { subject: listId, removed, total } : null;
}

/** List versions: import (transactional, idempotent), history and diffs. */
export class ListService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly jobs: JobService,
  ) {}

  /**
   * Imports list files as new versions. Every file is read and checked before anything is written; all
   * lists of one import commit together with their re-screening jobs, or none does. A list whose
   * content equals the version in force is reported `unchanged` and nothing is written for it. An
   * import that would remove more than LIST_SHRINK_CONFIRM_RATIO of a list's records is refused
   * (shrink_not_confirmed, nothing written) unless `allowShrink` confirms it; the audit entry says so.
   */
  async importFiles(actor: Actor, files: readonly ListFile[], opts: { side?: string; allowShrink?: boolean } = {}): Promise<ListImportResult> {
    let parsed: { lists: ParsedList[]; warnings: string[] };
    try {
      parsed = parseListFiles(files, opts);
    } catch (err: unknown) {
      throw asListError(err);
    }
    if (parsed.lists.length === 0) throw validationFailed(`files: no list file among them (${parsed.warnings.join('; ') || 'no files'})`);
    const items = await this.deps.db.transaction(async (tx) => {
      const plans: ImportPlan[] = [];
      for (const list of parsed.lists) plans.push(await this.plan(tx, list));
      const shrinks = plans.flatMap((p) => (!p.unchanged && p.shrink ? [p.shrink] : []));
      if (shrinks.length > 0 && opts.allowShrink !== true) throw shrinkNotConfirmed(shrinks, 'records');
      const out: ListImportResult['items'] = [];
      for (const plan of plans) out.push(await this.apply(tx, actor, plan));
      return out;
    });
    return { items, warnings: parsed.warnings };
  }

  private async plan(tx: Tx, list: ParsedList): Promise<ImportPlan> {
    const current = await repo.lockCurrentVersion(tx, list.listId);
    if (current && current.checksum === list.checksum) return { list, unchanged: true, current };
    const before = current ? await repo.recordHashes(tx, current.id) : new Map<string, { contentHash: string }>();
    const changes = { added: 0, removed: 0, changed: 0 };
    const ids = new Set<string>();
    for (const r of list.records) {
      ids.add(r.recordId);
      const b = before.get(r.recordId);
      if (!b) changes.added++;
      else if (b.contentHash !== r.contentHash) changes.changed++;
    }
    for (const id of before.keys()) if (!ids.has(id)) changes.removed++;
    return { list, unchanged: false, current, changes, shrink: shrinkOf(list.listId, changes.removed, before.size) };
  }

  private async apply(tx: Tx, actor: Actor, plan: ImportPlan): Promise<ListImportResult['items'][number]> {
    const { list, current } = plan;
    if (plan.unchanged) return { listId: list.listId, outcome: 'unchanged', version: repo.toListVersion(plan.current), changes: { added: 0, removed: 0, changed: 0 } };
    const { changes, shrink } = plan;
    // The partial unique index allows one current version per list: retire the old one first.
    if (current) await repo.retireVersion(tx, current.id);
    const row = await repo.insertVersion(tx, {
      listId: list.listId,
      version: (current?.version ?? (await repo.versionsOf(tx, list.listId))[0]?.version ?? 0) + 1,
      side: list.side,
      authority: list.authority,
      title: list.title,
      dataDate: list.dataDate,
      format: list.format,
      recordCount: list.records.length,
      checksum: list.checksum,
      files: list.files,
      isCurrent: true,
      importedBy: actor?.id ?? null,
      importedByEmail: actor?.email ?? null,
      importedAt: this.deps.now(),
    });
    await repo.insertRecords(tx, row.id, list.records);
    const version = repo.toListVersion(row);
    await insertAudit(tx, actor, { action: 'screening_list.import', entity: 'screening_list_version', entityId: row.id, before: current ? repo.toListVersion(current) : null, after: { ...version, changes, ...(shrink ? { shrink: { confirmed: true, removed: shrink.removed, total: shrink.total } } : {}) } });
    const payload: RescreenPayload = { versionId: row.id, previousVersionId: current?.id ?? null };
    await this.jobs.enqueue(RESCREEN_JOB, payload, { tx, total: changes.added + changes.changed, createdBy: actor?.id ?? null });
    this.deps.log.info(`list ${list.listId} version ${row.version}: ${list.records.length} records (+${changes.added} −${changes.removed} ~${changes.changed})`);
    return { listId: list.listId, outcome: 'imported', version, changes };
  }

  async current(): Promise<ListVersion[]> {
    return (await repo.currentVersions(this.deps.db)).map(repo.toListVersion);
  }

  async versions(listId: string): Promise<ListVersion[]> {
    const rows = await repo.versionsOf(this.deps.db, listId);
    if (rows.length === 0) throw notFound(`list ${listId}`);
    return rows.map(repo.toListVersion);
  }

  private async version(listId: string, version?: number): Promise<repo.VersionRow> {
    const row = version === undefined ? (await repo.versionsOf(this.deps.db, listId))[0] : await repo.findVersion(this.deps.db, listId, version);
    if (!row) throw notFound(version === undefined ? `list ${listId}` : `version ${version} of list ${listId}`);
    return row;
  }

  async records(listId: string, q: { version?: number; q?: string; offset: number; limit: number }): Promise<{ version: ListVersion; items: ListRecordView[] }> {
    const v = await this.version(listId, q.version);
    const items = await repo.searchRecords(this.deps.db, v.id, q.q, q.offset, q.limit);
    return { version: repo.toListVersion(v), items: items.map((r) => view(listId, r)) };
  }

  /** Records added, removed and changed from one version to another (default: the newest against the one before). */
  async diff(listId: string, q: { from?: number; to?: number } = {}): Promise<ListDiff> {
    const to = await this.version(listId, q.to);
    const fromNumber = q.from ?? to.version - 1;
    const from = fromNumber >= 1 ? await this.version(listId, fromNumber) : undefined;
    const after = await repo.recordsOf(this.deps.db, to.id);
    const before = from ? await repo.recordsOf(this.deps.db, from.id) : [];
    const beforeById = new Map(before.map((r) => [r.recordId, r]));
    const afterIds = new Set(after.map((r) => r.recordId));
    const diff: ListDiff = { listId, from: from ? repo.toListVersion(from) : null, to: repo.toListVersion(to), counts: { added: 0, removed: 0, changed: 0 }, added: [], removed: [], changed: [] };
    for (const r of after) {
      const b = beforeById.get(r.recordId);
      if (!b) diff.added.push(view(listId, r));
      else if (b.contentHash !== r.contentHash) diff.changed.push({ before: view(listId, b), after: view(listId, r), material: b.materialHash !== r.materialHash, fields: changedFields(b, r) });
    }
    for (const b of before) if (!afterIds.has(b.recordId)) diff.removed.push(view(listId, b));
    diff.counts = { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length };
    return diff;
  }
}
