import type { PartyKind, ScreeningStatus } from '@qiao/contracts';

/**
 * A party's screening may have changed: a re-screening found it on a list, a decision was recorded, or
 * an admin corrected its side. A decision or a side correction can change which side's concerns a hit
 * raises or answers without changing the party's own status, so those are delivered even when
 * `before` equals `after`.
 */
export interface PartyStatusChange {
  partyId: string;
  partyKind: PartyKind;
  side: string;
  before: ScreeningStatus;
  after: ScreeningStatus;
  cause: 'rescreening' | 'decision' | 'screening' | 'side_correction';
  /** The list version whose import caused it, for re-screenings. */
  listId?: string;
  versionId?: string;
}

export type PartyStatusListener = (change: PartyStatusChange) => void | Promise<void>;

/**
 * Lets other modules react when a party's screening status changes (e.g. projects put a project that
 * has a party newly on a list under review). Listeners run after the change is committed; one that
 * throws is logged and does not stop the others or undo the change.
 */
export class ScreeningEvents {
  private readonly listeners: PartyStatusListener[] = [];

  constructor(private readonly log: { warn(msg: string): void }) {}

  /** Registers a listener; returns a function that removes it. */
  onPartyStatusChange(listener: PartyStatusListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  async emit(changes: readonly PartyStatusChange[]): Promise<void> {
    for (const change of changes) {
      if (change.before === change.after && change.cause !== 'decision' && change.cause !== 'side_correction') continue;
      for (const l of this.listeners) {
        try {
          await l(change);
        } catch (err: unknown) {
          this.log.warn(`screening status listener failed for party ${change.partyId}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
  }
}
