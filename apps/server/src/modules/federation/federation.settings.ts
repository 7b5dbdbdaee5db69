import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sha256 } from '../../services.ts';
import type { FederationConfig } from './federation.config.ts';
import { canonicalJson } from './federation.events.ts';
import { resync, type ResyncResult } from './federation.resync.ts';
import type { FederationOutbox } from './federation.service.ts';
import { federationSettings } from './federation.settings.schema.ts';

/**
 * The initial sync on start-up when the federation settings changed. What a node must send, and what
 * its transfer guards decide, depends on the peer it sends to and on the operator's transfer facts; a
 * change to either is otherwise seen only at each object's next change. The node keeps a fingerprint
 * of those settings and runs `resync` once whenever it starts under a different one.
 */

/** Stable id of the log line when the sync fails; the node starts anyway and the next start tries again. */
export const RESYNC_FAILED = 'federation_settings_resync_failed';

/** Characters of the fingerprint shown to people (status, log lines). */
const SHORT = 12;

/**
 * SHA-256 over canonical JSON of exactly what changes what is sent or what a guard decides: this
 * node's side, the peer's key and origin, and the transfer facts (mechanisms as a set). The pull
 * interval, the key file's path and the URL's path are left out: changing them sends nothing new.
 */
export function settingsFingerprint(config: FederationConfig): string {
  const { ciio, exemption, mechanisms } = config.transfer;
  return sha256(
    canonicalJson({
      side: config.side,
      peerPublicKey: config.peer ? config.peer.publicKey.toString('base64') : null,
      peerOrigin: config.peer ? new URL(config.peer.url).origin : null,
      transfer: { ciio, exemption: exemption ?? null, mechanisms: [...new Set(mechanisms)].sort() },
    }),
  );
}

export type SettingsSyncOutcome =
  /** No peer: nothing would be sent anywhere, nothing is recorded. */
  | { kind: 'no_peer' }
  /** The recorded fingerprint is this one (recorded by this node's last start or by another node on the database). */
  | { kind: 'unchanged'; fingerprint: string }
  | { kind: 'synced'; fingerprint: string; previous: string | null; result: ResyncResult }
  /** The sync failed and was rolled back; the previous fingerprint stays recorded. */
  | { kind: 'failed'; fingerprint: string; message: string };

export interface SettingsSyncDeps {
  now: Date;
  log: { info(msg: string): void; error(msg: string): void };
  /** The initial sync; `resync` (tests wrap it). */
  run?: typeof resync;
}

const total = (r: ResyncResult): number => Object.values(r.sent).reduce<number>((n, k) => n + (k ?? 0), 0);

/**
 * Runs the initial sync once if the settings' fingerprint differs from the recorded one, and records
 * the new one with the time and the result. One transaction holding the settings row's lock: several
 * nodes starting on one PostgreSQL database queue on it, and each re-reads the fingerprint once it has
 * the lock, so only the first runs the sync. Never throws: a failure is logged and leaves the old
 * fingerprint, so the next start tries again.
 */
export async function syncOnSettingsChange(db: Db, outbox: FederationOutbox, deps: SettingsSyncDeps): Promise<SettingsSyncOutcome> {
  const { config } = outbox;
  if (!config.peer) return { kind: 'no_peer' };
  const fingerprint = settingsFingerprint(config);
  const run = deps.run ?? resync;
  try {
    const outcome = await db.transaction(async (tx): Promise<SettingsSyncOutcome> => {
      const [row] = await tx.select({ fingerprint: federationSettings.fingerprint }).from(federationSettings).where(eq(federationSettings.id, 1)).for('update');
      if (!row) throw new Error('the federation_settings row is missing');
      if (row.fingerprint === fingerprint) return { kind: 'unchanged', fingerprint };
      // The sync runs in a savepoint of this transaction: its events and the new fingerprint commit together.
      const result = await run(tx, outbox, config.side, deps.now);
      await tx.update(federationSettings).set({ fingerprint, recordedAt: deps.now, lastResult: result }).where(eq(federationSettings.id, 1));
      return { kind: 'synced', fingerprint, previous: row.fingerprint, result };
    });
    if (outcome.kind === 'synced') {
      const { result, previous } = outcome;
      deps.log.info(
        `federation: settings ${fingerprint.slice(0, SHORT)} (${previous ? `were ${previous.slice(0, SHORT)}` : 'first start with a peer'}): initial sync appended ${total(result)} event(s), ${result.unchanged} unchanged, log head ${result.head}`,
      );
    }
    return outcome;
  } catch (err: unknown) {
    const message = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ');
    deps.log.error(`${RESYNC_FAILED}: federation: the initial sync for settings ${fingerprint.slice(0, SHORT)} failed; the next start tries again: ${message}`);
    return { kind: 'failed', fingerprint, message };
  }
}

/** The last automatic initial sync, for the federation status; null until one succeeded. */
export interface LastSettingsResync {
  at: string;
  /** Events it appended. */
  sent: number;
  /** The settings' fingerprint, short form. */
  fingerprint: string;
}

export async function lastSettingsResync(db: Db): Promise<LastSettingsResync | null> {
  const [row] = await db.select().from(federationSettings).where(eq(federationSettings.id, 1));
  if (!row?.fingerprint || !row.recordedAt) return null;
  return { at: row.recordedAt.toISOString(), sent: row.lastResult ? total(row.lastResult) : 0, fingerprint: row.fingerprint.slice(0, SHORT) };
}
