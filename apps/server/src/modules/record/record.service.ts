import {
  CHECKPOINT_STATEMENT,
  RECORD_CANONICALIZATION,
  RECORD_FORMULA,
  verifyRecord,
  type CheckpointExport,
  type RecordCheckpoint,
  type RecordEntry,
  type RecordExport,
  type SigningKeys,
  type TrustedKeys,
  type User,
  type VerifyReport,
} from '@qiao/contracts';
import { forbidden, notFound, outOfScope } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { isAdmin } from '../groups/group-access.ts';
import { findMember } from '../groups/group.repository.ts';
import * as repo from './record.repository.ts';
import { rechainLegacy, type RechainOutcome } from './record.writer.ts';

/** Reads and verifies the record; entries and checkpoints are written when minutes are approved (record.writer.ts). */
export class RecordService {
  constructor(private readonly deps: ServiceDeps) {}

  entries(groupId?: string): Promise<RecordEntry[]> {
    return groupId ? repo.listGroupEntries(this.deps.db, groupId) : repo.listEntries(this.deps.db);
  }

  /**
   * Recomputes every hash from the stored rows, then checks every stored checkpoint and any the
   * caller kept (exported files) against them. The trusted public keys are the stored ones, unless
   * the caller pinned its own (a keys file kept earlier, which a database edit cannot change).
   */
  async verify(kept: readonly RecordCheckpoint[] = [], pinnedKeys?: TrustedKeys): Promise<VerifyReport> {
    const [entries, stored, keys] = await Promise.all([repo.listEntries(this.deps.db), repo.listCheckpoints(this.deps.db), repo.listPublicKeys(this.deps.db)]);
    const trustedKeys = pinnedKeys ?? new Map(keys.map((k) => [k.side, k.publicKey]));
    return verifyRecord(entries, { checkpoints: [...stored, ...kept], trustedKeys });
  }

  /** A self-contained file: the entries plus the formula, so either side can verify it offline. */
  async export(): Promise<RecordExport> {
    const entries = await repo.listEntries(this.deps.db);
    const last = entries.at(-1);
    return {
      format: 'qiao-record',
      formatVersion: 2,
      exportedAt: this.deps.now().toISOString(),
      hashAlgorithm: 'sha256',
      formula: RECORD_FORMULA,
      canonicalization: RECORD_CANONICALIZATION,
      head: last ? { seq: last.seq, hash: last.hash } : null,
      entries,
    };
  }

  async checkpoints(actor: User, groupId: string): Promise<RecordCheckpoint[]> {
    await this.requireChairOf(actor, groupId);
    return repo.listCheckpoints(this.deps.db, groupId);
  }

  /** The file a co-chair keeps: the signed statement, the signatures and the public keys that check them. */
  async exportCheckpoint(actor: User, id: string): Promise<CheckpointExport> {
    const cp = await repo.findCheckpoint(this.deps.db, id);
    if (!cp) throw notFound('checkpoint');
    await this.requireChairOf(actor, cp.groupId);
    return { format: 'qiao-record-checkpoint', formatVersion: 1, exportedAt: this.deps.now().toISOString(), signatureAlgorithm: 'Ed25519', statement: CHECKPOINT_STATEMENT, formula: RECORD_FORMULA, checkpoint: cp };
  }

  async keys(): Promise<SigningKeys> {
    const keys = await repo.listPublicKeys(this.deps.db);
    return { format: 'qiao-record-keys', exportedAt: this.deps.now().toISOString(), keys: keys.map((k) => ({ side: k.side, algorithm: 'Ed25519', publicKey: k.publicKey, createdAt: k.createdAt.toISOString() })) };
  }

  /** Run at start-up: re-chains an intact legacy chain under the current hash version (see rechainLegacy). */
  async upgradeLegacyChain(): Promise<RechainOutcome> {
    const outcome = await this.deps.db.transaction(async (tx) => {
      await repo.lockChain(tx);
      return rechainLegacy(tx);
    });
    if (outcome === 'rechained') this.deps.log.info('record: re-chained the legacy entries under hash version 2');
    if (outcome === 'left_broken') this.deps.log.warn('record: legacy entries were left as they are because their chain does not verify; GET /api/record/verify names the break');
    return outcome;
  }

  /** Checkpoints belong to a group: its co-chairs keep them (admins too); members see the verification only. */
  private async requireChairOf(actor: User, groupId: string): Promise<void> {
    if (isAdmin(actor)) return;
    const m = await findMember(this.deps.db, groupId, actor.id);
    if (!m) throw outOfScope('only the co-chairs of this working group export its checkpoints');
    if (m.role !== 'co_chair') throw forbidden('only the co-chairs of this working group export its checkpoints');
  }
}
