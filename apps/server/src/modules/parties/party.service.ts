import type { Organization, OrganizationInput, OrganizationUpdate, PartyListQuery, PartySideCorrection, Person, PersonInput, PersonUpdate, User } from '@qiao/contracts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { requirePartyEditor } from './party.access.ts';
import * as repo from './party.repository.ts';

export interface SideCorrected {
  partyId: string;
  kind: 'organization' | 'person';
  from: string;
  to: string;
}

/** What must follow a side correction outside this module (screening the party again for its new side). */
export type SideCorrectedListener = (change: SideCorrected) => Promise<void>;

export class PartyService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly onSideCorrected: SideCorrectedListener = async () => {},
  ) {}

  listOrganizations(q: PartyListQuery): Promise<Organization[]> {
    return repo.listOrganizations(this.deps.db, q.side, q.q);
  }

  listPeople(q: PartyListQuery): Promise<Person[]> {
    return repo.listPeople(this.deps.db, q.side, q.q);
  }

  async getOrganization(id: string): Promise<Organization> {
    const org = await repo.findOrganization(this.deps.db, id);
    if (!org) throw notFound('organization');
    return org;
  }

  async getPerson(id: string): Promise<Person> {
    const person = await repo.findPerson(this.deps.db, id);
    if (!person) throw notFound('person');
    return person;
  }

  /**
   * `user` null: the system itself (demo seed, imports), which is not bound to a side. `within`: a
   * caller's transaction the party joins, so it lands only with the caller's own write (an accepted proposal).
   */
  createOrganization(user: User | null, input: OrganizationInput, isDemo = false, within: DbOrTx = this.deps.db): Promise<Organization> {
    if (user) requirePartyEditor(user, input.side, 'add an organisation');
    return within.transaction(async (tx) => {
      const org = await repo.insertOrganization(tx, { ...input, website: input.website ?? null, isDemo });
      await insertAudit(tx, user, { action: 'organization.create', entity: 'organization', entityId: org.id, after: org });
      return org;
    });
  }

  createPerson(user: User | null, input: PersonInput, isDemo = false, within: DbOrTx = this.deps.db): Promise<Person> {
    if (user) requirePartyEditor(user, input.side, 'add a person');
    return within.transaction(async (tx) => {
      await this.checkAffiliation(tx, input.affiliationId);
      const person = await repo.insertPerson(tx, { ...input, email: input.email ?? null, isDemo });
      await insertAudit(tx, user, { action: 'person.create', entity: 'person', entityId: person.id, after: person });
      return person;
    });
  }

  updateOrganization(user: User, id: string, input: OrganizationUpdate): Promise<Organization> {
    const { version, side, ...values } = input;
    return this.deps.db.transaction(async (tx) => {
      const before = await repo.findOrganization(tx, id);
      if (!before) throw notFound('organization');
      requirePartyEditor(user, before.side, 'edit this organisation');
      keepSide(before.side, side);
      const after = await repo.updateOrganization(tx, id, version, values);
      if (!after) throw conflict(`organization was changed by someone else (now version ${before.version}); reload and try again`);
      await insertAudit(tx, user, { action: 'organization.update', entity: 'organization', entityId: id, before, after });
      return after;
    });
  }

  updatePerson(user: User, id: string, input: PersonUpdate): Promise<Person> {
    const { version, side, ...values } = input;
    return this.deps.db.transaction(async (tx) => {
      const before = await repo.findPerson(tx, id);
      if (!before) throw notFound('person');
      requirePartyEditor(user, before.side, 'edit this person');
      keepSide(before.side, side);
      if (values.affiliationId !== undefined) await this.checkAffiliation(tx, values.affiliationId);
      const after = await repo.updatePerson(tx, id, version, values);
      if (!after) throw conflict(`person was changed by someone else (now version ${before.version}); reload and try again`);
      await insertAudit(tx, user, { action: 'person.update', entity: 'person', entityId: id, before, after });
      return after;
    });
  }

  /** An admin moves an organisation entered on the wrong side (routes allow admins only). */
  correctOrganizationSide(user: User, id: string, input: PartySideCorrection): Promise<Organization> {
    return this.correctSide(user, 'organization', id, input, repo.findOrganization, repo.updateOrganization);
  }

  correctPersonSide(user: User, id: string, input: PartySideCorrection): Promise<Person> {
    return this.correctSide(user, 'person', id, input, repo.findPerson, repo.updatePerson);
  }

  /** One path for both kinds: versioned move, audited with both sides and the reason, then re-screened. */
  private async correctSide<T extends { side: string; version: number }>(
    user: User,
    kind: 'organization' | 'person',
    id: string,
    input: PartySideCorrection,
    find: (tx: DbOrTx, id: string) => Promise<T | undefined>,
    update: (tx: DbOrTx, id: string, version: number, patch: { side: string }) => Promise<T | undefined>,
  ): Promise<T> {
    const { before, after } = await this.deps.db.transaction(async (tx) => {
      const before = await find(tx, id);
      if (!before) throw notFound(kind);
      sideChanges(before.side, input.side);
      const after = await update(tx, id, input.version, { side: input.side });
      if (!after) throw conflict(`${kind} was changed by someone else (now version ${before.version}); reload and try again`);
      await insertAudit(tx, user, { action: `${kind}.side_correct`, entity: kind, entityId: id, before: { side: before.side, version: before.version }, after: { side: after.side, version: after.version, reason: input.reason } });
      return { before, after };
    });
    await this.onSideCorrected({ partyId: id, kind, from: before.side, to: after.side });
    return after;
  }

  private async checkAffiliation(tx: DbOrTx, affiliationId: string | null): Promise<void> {
    if (affiliationId && !(await repo.findOrganization(tx, affiliationId))) throw validationFailed('affiliationId: no such organization');
  }
}

/** An edit may repeat the side a party has (forms send every field) but never change it. */
function keepSide(current: string, requested: string | undefined): void {
  if (requested !== undefined && requested !== current) throw validationFailed(`side: a party's side is fixed after creation (it is ${current}); an admin corrects a mistaken side with a reason`);
}

function sideChanges(current: string, requested: string): void {
  if (requested === current) throw validationFailed(`side: the party is already on side ${current}`);
}

