import { useQuery } from '@tanstack/react-query';
import { api, type Items } from '../../api/client.ts';

// The federation routes answer only on a federated node and are described in docs/FEDERATION.md;
// these are their wire shapes as the server module declares them.

export type NodeSide = 'US' | 'CN';

export interface FederationStatus {
  side: NodeSide;
  peer: { side: NodeSide; url: string | null; connected: boolean; lastSyncAt: string | null; lag: number | null };
  head: { seq: number; hash: string };
  /** The last initial sync the node ran at start-up after its federation settings changed, once there is one. */
  resync?: { at: string; sent: number; fingerprint: string };
}

export interface RejectedEvent {
  origin: string | null;
  seq: number | null;
  reason: string;
  receivedAt: string;
  event: unknown;
}

export interface RecordCheckpointView {
  id: string;
  origin: NodeSide;
  groupId: string;
  length: number;
  headHash: string;
  takenAt: string;
  signedBy: NodeSide[];
  final: boolean;
}

export interface RecordCheckpoints {
  items: RecordCheckpointView[];
  refused: { origin: string | null; reason: string; receivedAt: string }[];
}

/** A catalogue entry or a person's profile the exporting side's transfer review withheld from the other node (the stub's review). */
export interface WithheldEntry {
  /** `dataset` or `person`. */
  objectType: string;
  objectId: string;
  /** The side whose transfer review withheld it. */
  exporter: NodeSide;
  /** `US-CN` or `CN-US`. */
  direction: string;
  /** `conditions` when a required transfer mechanism is not recorded as in place. */
  verdict: 'prohibited' | 'conditions';
  reasonEn: string;
  reasonZh: string;
  /** The findings that prohibit the transfer. */
  findings: { id: string; textEn: string; textZh: string }[];
  withheldBy: 'this node' | 'the peer';
  at: string;
}

/** A change of a group, round, action item or milestone that lost to a change of the same version made on the other node. */
export interface ConcurrentEdit {
  objectType: 'group' | 'round' | 'action' | 'milestone';
  objectId: string;
  groupId: string;
  version: number;
  /** SHA-256 of the losing change's payload, and of the change that stands. */
  hash: string;
  lostTo: string;
  /** The node each change was made on. */
  origin: NodeSide;
  winnerOrigin: NodeSide;
  payload: Record<string, unknown>;
  reason: string;
  recordedAt: string;
}

export interface NodeInfo {
  federated: boolean;
  side: NodeSide | null;
  peerConfigured: boolean;
}

export const federationKeys = {
  all: ['federation'] as const,
  node: () => [...federationKeys.all, 'node'] as const,
  status: () => [...federationKeys.all, 'status'] as const,
  rejected: () => [...federationKeys.all, 'rejected'] as const,
  checkpoints: () => [...federationKeys.all, 'checkpoints'] as const,
  withheld: () => [...federationKeys.all, 'withheld'] as const,
  conflicts: () => [...federationKeys.all, 'conflicts'] as const,
};

export const federationApi = {
  node: () => api.get<NodeInfo>('/api/federation/node'),
  status: () => api.get<FederationStatus>('/api/federation/status'),
  rejected: () => api.get<Items<RejectedEvent>>('/api/federation/rejected').then((r) => r.items),
  checkpoints: () => api.get<RecordCheckpoints>('/api/federation/record-checkpoints'),
  withheld: () => api.get<Items<WithheldEntry>>('/api/federation/withheld').then((r) => r.items),
  conflicts: () => api.get<Items<ConcurrentEdit>>('/api/federation/conflicts').then((r) => r.items),
};

/** Whether this node is federated: asked once per session, it does not change while the node runs. */
export function useNodeInfo() {
  return useQuery({ queryKey: federationKeys.node(), queryFn: federationApi.node, staleTime: Infinity });
}

/** The link state, refreshed while the page is open. */
export function useFederationStatus(enabled: boolean) {
  return useQuery({ queryKey: federationKeys.status(), queryFn: federationApi.status, enabled, refetchInterval: 10_000 });
}
