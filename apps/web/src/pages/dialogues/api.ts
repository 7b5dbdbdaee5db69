import type {
  AgendaItem,
  AgendaItemInput,
  ConvergenceChangeInput,
  Decision,
  Minutes,
  MinutesAmend,
  MinutesComment,
  MinutesDraft,
  MinutesRevision,
  PositionInput,
  Round,
  RoundDetail,
  RoundInput,
  RoundUpdate,
  SidePosition,
  Track,
  TrackInput,
} from '@qiao/contracts';
import { api, type Items } from '../../api/client.ts';

const items = <T>(r: Items<T>) => r.items;
const enc = encodeURIComponent;

/**
 * `['dialogues', …]`. A round's page refetches `round(id)` after a write to its agenda and, when the
 * round changes in another browser, `minutes()` too; a write to minutes invalidates `minutesOf(id)`,
 * which covers its revisions, comments and decisions.
 */
export const dialogueKeys = {
  all: ['dialogues'] as const,
  tracks: (groupId: string) => [...dialogueKeys.all, 'tracks', groupId] as const,
  rounds: (trackId: string) => [...dialogueKeys.all, 'rounds', trackId] as const,
  round: (id: string) => [...dialogueKeys.all, 'round', id] as const,
  minutes: () => [...dialogueKeys.all, 'minutes'] as const,
  minutesOf: (id: string) => [...dialogueKeys.minutes(), id] as const,
  revisions: (id: string) => [...dialogueKeys.minutesOf(id), 'revisions'] as const,
  comments: (id: string) => [...dialogueKeys.minutesOf(id), 'comments'] as const,
  decisions: (id: string) => [...dialogueKeys.minutesOf(id), 'decisions'] as const,
};

export const dialoguesApi = {
  tracks: (groupId: string) => api.get<Items<Track>>(`/api/dialogues/groups/${enc(groupId)}/tracks`).then(items),
  createTrack: (groupId: string, body: TrackInput) => api.post<Track>(`/api/dialogues/groups/${enc(groupId)}/tracks`, body),
  rounds: (trackId: string) => api.get<Items<Round>>(`/api/dialogues/tracks/${enc(trackId)}/rounds`).then(items),
  createRound: (trackId: string, body: RoundInput) => api.post<Round>(`/api/dialogues/tracks/${enc(trackId)}/rounds`, body),
  round: (id: string) => api.get<RoundDetail>(`/api/dialogues/rounds/${enc(id)}`),
  updateRound: (id: string, body: RoundUpdate) => api.patch<Round>(`/api/dialogues/rounds/${enc(id)}`, body),
  addItem: (roundId: string, body: AgendaItemInput) => api.post<AgendaItem>(`/api/dialogues/rounds/${enc(roundId)}/items`, body),
  writePosition: (itemId: string, side: string, body: PositionInput) => api.put<SidePosition>(`/api/dialogues/items/${enc(itemId)}/positions/${enc(side)}`, body),
  setConvergence: (itemId: string, body: ConvergenceChangeInput) => api.post<AgendaItem>(`/api/dialogues/items/${enc(itemId)}/convergence`, body),
};

export const minutesApi = {
  create: (roundId: string, body: MinutesDraft) => api.post<Minutes>(`/api/dialogues/rounds/${enc(roundId)}/minutes`, body),
  get: (id: string) => api.get<Minutes>(`/api/dialogues/minutes/${enc(id)}`),
  amend: (id: string, body: MinutesAmend) => api.put<Minutes>(`/api/dialogues/minutes/${enc(id)}`, body),
  revisions: (id: string) => api.get<Items<MinutesRevision>>(`/api/dialogues/minutes/${enc(id)}/revisions`).then(items),
  approve: (id: string, revision: number) => api.post<Minutes>(`/api/dialogues/minutes/${enc(id)}/approvals`, { revision }),
  comments: (id: string) => api.get<Items<MinutesComment>>(`/api/dialogues/minutes/${enc(id)}/comments`).then(items),
  comment: (id: string, body: string, revision: number) => api.post<MinutesComment>(`/api/dialogues/minutes/${enc(id)}/comments`, { body, revision }),
  decisions: (filter: { groupId?: string; minutesId?: string }) =>
    api.get<Items<Decision>>(`/api/dialogues/decisions?${new URLSearchParams(filter).toString()}`).then(items),
};
