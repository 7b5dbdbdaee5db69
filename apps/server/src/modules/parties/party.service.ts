import type { Organization, OrganizationInput, OrganizationUpdate, PartyListQuery, Person, PersonInput, PersonUpdate } from '@qiao/contracts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit, type Actor } from '../audit/audit.repository.ts';
import * as repo from './party.repository.ts';

export class PartyService {
  constructor(private readonly deps: ServiceDeps) {}

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

  createOrganization(actor: Actor, input: OrganizationInput, isDemo = false): Promise<Organization> {
    return this.deps.db.transaction(async (tx) => {
      const org = await repo.insertOrganization(tx, { ...input, website: input.website ?? null, isDemo });
      await insertAudit(tx, actor, { action: 'organization.create', entity: 'organization', entityId: org.id, after: org });
      return org;
    });
  }

  createPerson(actor: Actor, input: PersonInput, isDemo = false): Promise<Person> {
    return this.deps.db.transaction(async (tx) => {
      await this.checkAffiliation(tx, input.affiliationId);
      const person = await repo.insertPerson(tx, { ...input, email: input.email ?? null, isDemo });
      await insertAudit(tx, actor, { action: 'person.create', entity: 'person', entityId: person.id, after: person });
      return person;
    });
  }

  updateOrganization(actor: Actor, id: string, input: OrganizationUpdate): Promise<Organization> {
    const { version, ...values } = input;
    return this.deps.db.transaction(async (tx) => {
      const before = await repo.findOrganization(tx, id);
      if (!before) throw notFound('organization');
      const after = await repo.updateOrganization(tx, id, version, values);
      if (!after) throw conflict(`organization was changed by someone else (now version ${before.version}); reload and try again`);
      await insertAudit(tx, actor, { action: 'organization.update', entity: 'organization', entityId: id, before, after });
      return after;
    });
  }

  updatePerson(actor: Actor, id: string, input: PersonUpdate): Promise<Person> {
    const { version, ...values } = input;
    return this.deps.db.transaction(async (tx) => {
      const before = await repo.findPerson(tx, id);
      if (!before) throw notFound('person');
      if (values.affiliationId !== undefined) await this.checkAffiliation(tx, values.affiliationId);
      const after = await repo.updatePerson(tx, id, version, values);
      if (!after) throw conflict(`person was changed by someone else (now version ${before.version}); reload and try again`);
      await insertAudit(tx, actor, { action: 'person.update', entity: 'person', entityId: id, before, after });
      return after;
    });
  }

  private async checkAffiliation(tx: DbOrTx, affiliationId: string | null): Promise<void> {
    if (affiliationId && !(await repo.findOrganization(tx, affiliationId))) throw validationFailed('affiliationId: no such organization');
  }
}
