import type { PartyKind, PartyName } from '@qiao/contracts';
import type { DbOrTx } from '../../db/client.ts';
import * as parties from '../parties/party.repository.ts';

/** An organisation or person as screening sees it: names in every language, its side and version. */
export interface Party {
  id: string;
  kind: PartyKind;
  side: string;
  names: PartyName[];
  country?: string;
  version: number;
}

export async function loadParties(db: DbOrTx, q: { side?: string; kind?: PartyKind } = {}): Promise<Party[]> {
  const orgs = q.kind === 'person' ? [] : await parties.listOrganizations(db, q.side);
  const people = q.kind === 'organization' ? [] : await parties.listPeople(db, q.side);
  return [
    ...orgs.map((o): Party => ({ id: o.id, kind: 'organization', side: o.side, names: o.names, country: o.country, version: o.version })),
    ...people.map((p): Party => ({ id: p.id, kind: 'person', side: p.side, names: p.names, version: p.version })),
  ];
}

export async function findParty(db: DbOrTx, id: string): Promise<Party | undefined> {
  const o = await parties.findOrganization(db, id);
  if (o) return { id: o.id, kind: 'organization', side: o.side, names: o.names, country: o.country, version: o.version };
  const p = await parties.findPerson(db, id);
  return p && { id: p.id, kind: 'person', side: p.side, names: p.names, version: p.version };
}

/** The party's distinct names, each screened on its own (English, Chinese, pinyin…). */
export function namesOf(party: Party): string[] {
  return [...new Set(party.names.map((n) => n.value.trim()).filter((n) => n !== ''))];
}

/** Each given party's current side. */
export const sidesOf = (db: DbOrTx, ids: readonly string[]) => parties.sidesOf(db, ids);

export function displayName(party: Party): string {
  return party.names.find((n) => n.lang === 'en')?.value ?? party.names[0]?.value ?? party.id;
}
