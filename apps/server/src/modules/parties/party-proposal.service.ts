import type { PartyProposal, PartyProposalDecision, PartyProposalInput, PartyProposalListQuery, ScreeningStatus, User } from '@qiao/contracts';
import { conflict, invalidTransition, notFound, validationFailed } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { holdersOf } from '../notifications/notification.recipients.ts';
import { insertNotices } from '../notifications/notification.repository.ts';
import { listSides } from '../sides/side.repository.ts';
import { requirePartyEditor } from './party.access.ts';
import type { PartyService } from './party.service.ts';
import * as repo from './party-proposal.repository.ts';

/** Screens a party that was just created and answers its status (the screening module's party path). */
export type ScreenParty = (partyId: string) => Promise<ScreeningStatus>;

/**
 * Members propose organisations and people for the directory. Whoever may add a party of that side
 * (an admin, or a compliance officer of the side) decides; an accepted proposal goes through the same
 * creation path as a party added directly, and is screened at once.
 */
export class PartyProposalService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly parties: PartyService,
    private readonly screen: ScreenParty,
  ) {}

  list(q: PartyProposalListQuery): Promise<PartyProposal[]> {
    return repo.listProposals(this.deps.db, q.status);
  }

  async get(id: string): Promise<PartyProposal> {
    const proposal = await repo.findProposal(this.deps.db, id);
    if (!proposal) throw notFound('proposal');
    return proposal;
  }

  async propose(user: User, input: PartyProposalInput): Promise<PartyProposal> {
    const sides = (await listSides(this.deps.db)).map((s) => s.code);
    if (!sides.includes(input.side)) throw validationFailed(`side: ${input.side} is not a side of this platform (${sides.join(', ')})`);
    const id = await this.deps.db.transaction(async (tx) => {
      const id = await repo.insertProposal(tx, {
        kind: input.kind,
        names: input.names,
        side: input.side,
        country: input.country ?? null,
        orgKind: input.kind === 'organization' ? input.orgKind : null,
        reason: input.reason,
        proposedBy: user.id,
        createdAt: this.deps.now(),
      });
      await insertAudit(tx, user, { action: 'party_proposal.create', entity: 'party_proposal', entityId: id, after: { ...input, status: 'pending' } });
      // Whoever may decide hears of it: that side's compliance officers and every admin, not the proposer.
      const deciders = new Set([...(await holdersOf(tx, 'compliance_officer', input.side)), ...(await Promise.all(sides.map((side) => holdersOf(tx, 'admin', side)))).flat()]);
      deciders.delete(user.id);
      const en = input.names.find((n) => n.lang === 'en')?.value ?? input.names[0]?.value ?? '';
      const zh = input.names.find((n) => n.lang.startsWith('zh'))?.value ?? en;
      const params = { partyName: { en, zh }, proposer: user.displayName, side: input.side, reason: input.reason };
      await insertNotices(tx, [...deciders].map((userId) => ({ userId, kind: 'party_proposed' as const, entity: 'party_proposal', entityId: id, params, link: '/directory#proposals', dedupeKey: `party-proposal:${id}` })));
      return id;
    });
    return this.get(id);
  }

  async decide(user: User, id: string, input: PartyProposalDecision): Promise<PartyProposal> {
    const partyId = await this.deps.db.transaction(async (tx) => {
      const row = await repo.lockProposal(tx, id);
      if (!row) throw notFound('proposal');
      // The same rule as adding the party directly: the other side's officers never decide.
      requirePartyEditor(user, row.side, 'decide on a proposal for this side');
      if (row.status !== 'pending') throw invalidTransition(`the proposal was already ${row.status}`);
      if (row.version !== input.version) throw conflict(`the proposal was changed by someone else (now version ${row.version}); reload and try again`);
      let partyId: string | null = null;
      if (input.decision === 'accept') {
        const party =
          row.kind === 'organization'
            ? await this.parties.createOrganization(user, { names: row.names, side: row.side, country: row.country ?? '', kind: row.orgKind ?? 'other' }, false, tx)
            : await this.parties.createPerson(user, { names: row.names, side: row.side, affiliationId: null }, false, tx);
        partyId = party.id;
      }
      const status = input.decision === 'accept' ? 'accepted' : 'rejected';
      const decided = { status, decidedBy: user.id, decidedAt: this.deps.now(), decisionNote: input.note || null, partyId } as const;
      if (!(await repo.decideProposal(tx, id, row.version, decided))) throw conflict('the proposal was changed by someone else; reload and try again');
      await insertAudit(tx, user, { action: `party_proposal.${input.decision}`, entity: 'party_proposal', entityId: id, before: { status: row.status, version: row.version }, after: { status, note: decided.decisionNote, partyId, version: row.version + 1 } });
      return partyId;
    });
    // Screened once the party is committed, so the screening reads it like any other party.
    if (partyId) await repo.setScreeningStatus(this.deps.db, id, await this.screen(partyId));
    return this.get(id);
  }
}
