import { createHash } from 'node:crypto';
import type { Db } from './db/client.ts';
import type { FederationOutbox } from './modules/federation/federation.service.ts';

/** What every service is given from outside, so tests can swap the clock or capture log lines. */
export interface ServiceDeps {
  db: Db;
  now: () => Date;
  log: { info(msg: string): void; warn(msg: string): void };
  /** Set when this node is federated: replicated objects append their events here, in the write's transaction. */
  federation?: FederationOutbox;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
