import { RECORD_CANONICALIZATION, RECORD_FORMULA, verifyChain, type RecordEntry, type RecordExport, type VerifyReport } from '@qiao/contracts';
import type { ServiceDeps } from '../../services.ts';
import * as repo from './record.repository.ts';

/** Reads and verifies the record; entries are appended by the minutes service when minutes lock. */
export class RecordService {
  constructor(private readonly deps: ServiceDeps) {}

  entries(groupId?: string): Promise<RecordEntry[]> {
    return groupId ? repo.listGroupEntries(this.deps.db, groupId) : repo.listEntries(this.deps.db);
  }

  /** Recomputes every hash from the stored rows; the first entry that does not hold is reported. */
  async verify(): Promise<VerifyReport> {
    return verifyChain(await repo.listEntries(this.deps.db));
  }

  /** A self-contained file: the entries plus the formula, so either side can verify it offline. */
  async export(): Promise<RecordExport> {
    const entries = await repo.listEntries(this.deps.db);
    const last = entries.at(-1);
    return {
      format: 'qiao-record',
      formatVersion: 1,
      exportedAt: this.deps.now().toISOString(),
      hashAlgorithm: 'sha256',
      formula: RECORD_FORMULA,
      canonicalization: RECORD_CANONICALIZATION,
      head: last ? { seq: last.seq, hash: last.hash } : null,
      entries,
    };
  }
}
