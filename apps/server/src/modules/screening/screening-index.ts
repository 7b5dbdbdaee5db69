import type { EntityType, ListRecord, Matcher } from '@qiao/screening';
import type { DbOrTx } from '../../db/client.ts';
import type { ServiceDeps } from '../../services.ts';
import * as repo from './list.repository.ts';
import { buildMatcher } from './index-builder.ts';

/** The in-memory index of the versions in force, and which versions those are. */
export interface IndexSnapshot {
  /** The ids of the versions in force, sorted and joined: changes whenever any list gets a new version. */
  readonly stamp: string;
  readonly matcher: Matcher;
  /** Version in force per list id. */
  readonly versions: ReadonlyMap<string, repo.VersionRow>;
  readonly builtAt: Date;
  /** How long reading the versions in force and building the matcher took. */
  readonly buildMs: number;
}

const ENTITY_TYPES = new Set<EntityType>(['organization', 'person', 'vessel', 'aircraft', 'unknown']);

export { buildMatcher };

export function toListRecord(listId: string, r: { recordId: string; type: string; name: string; aliases: string[]; programs: string[]; countries: string[] }): ListRecord {
  return { listId, recordId: r.recordId, type: ENTITY_TYPES.has(r.type as EntityType) ? (r.type as EntityType) : 'unknown', name: r.name, aliases: r.aliases, programs: r.programs, countries: r.countries, sourceFile: listId };
}

/**
 * The screening index of this node. It is built from the database, never from files, and each caller
 * asks for it through `current()`, which compares the versions in force (one small query) with those
 * the index was built from and rebuilds when another node (or this one) imported a newer version. So
 * every node serves the same lists from its next request or job after an import, with no messaging
 * between nodes.
 */
export class ScreeningIndex {
  private snapshot: IndexSnapshot | undefined;
  private building: Promise<IndexSnapshot> | undefined;
  private readonly builtListeners: ((snapshot: IndexSnapshot) => void)[] = [];

  constructor(private readonly deps: Pick<ServiceDeps, 'db' | 'log'>) {}

  /** Hears every rebuild of this node's index (metrics). */
  onBuilt(listener: (snapshot: IndexSnapshot) => void): void {
    this.builtListeners.push(listener);
  }

  async current(db: DbOrTx = this.deps.db): Promise<IndexSnapshot> {
    const versions = await repo.currentVersions(db);
    const stamp = versions.map((v) => v.id).sort().join(',');
    if (this.snapshot?.stamp === stamp) return this.snapshot;
    if (this.building) {
      const built = await this.building;
      if (built.stamp === stamp) return built;
    }
    // One rebuild at a time; concurrent callers wait for it instead of each building their own.
    this.building = this.build(db, versions, stamp).finally(() => (this.building = undefined));
    return this.building;
  }

  private async build(db: DbOrTx, versions: repo.VersionRow[], stamp: string): Promise<IndexSnapshot> {
    const started = Date.now();
    const listOf = new Map(versions.map((v) => [v.id, v.listId]));
    const rows = await repo.matcherRows(
      db,
      versions.map((v) => v.id),
    );
    const matcher = buildMatcher(rows.map((r) => toListRecord(listOf.get(r.versionId) ?? 'unknown', r)));
    const snapshot: IndexSnapshot = { stamp, matcher, versions: new Map(versions.map((v) => [v.listId, v])), builtAt: new Date(), buildMs: Date.now() - started };
    this.snapshot = snapshot;
    for (const l of this.builtListeners) l(snapshot);
    if (rows.length > 0) this.deps.log.info(`screening index built: ${rows.length} records of ${versions.length} lists, ${matcher.size} names, ${snapshot.buildMs} ms`);
    return snapshot;
  }
}
