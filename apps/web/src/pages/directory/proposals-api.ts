import type { PartyProposal, PartyProposalDecision, PartyProposalInput, PartyProposalStatus } from '@qiao/contracts';
import { api, qs, type Items } from '../../api/client.ts';

export const proposalKeys = {
  all: ['party-proposals'] as const,
  list: (status: PartyProposalStatus | '') => [...proposalKeys.all, 'list', status] as const,
};

export const proposalsApi = {
  list: (status: PartyProposalStatus | '') => api.get<Items<PartyProposal>>(`/api/party-proposals${qs({ status })}`).then((r) => r.items),
  propose: (body: PartyProposalInput) => api.post<PartyProposal>('/api/party-proposals', body),
  decide: (id: string, body: PartyProposalDecision) => api.post<PartyProposal>(`/api/party-proposals/${encodeURIComponent(id)}/decision`, body),
};
