import { and, eq, inArray, or } from 'drizzle-orm';
import type { ProjectChecks } from '@qiao/contracts';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { conflict } from '../../errors.ts';
import { datasets } from '../datasets/dataset.schema.ts';
import { workingGroups } from '../groups/group.schema.ts';
import { policyTransferEvaluator } from '../policy/policy.adapter.ts';
import { partiesByIds } from '../parties/party.repository.ts';
import { projects, type PartyProfile, type ReviewRow, type SignOffRow, type StoredProjectParty } from '../projects/project.schema.ts';
import { users } from '../users/user.schema.ts';
import type { ApplyOutcome, PeerEventToApply } from './federation.apply.ts';
import type { NodeSide } from './federation.config.ts';
import { creatorRef, guardProfiles, notePeopleSent, peopleIn, recordWithheld, withheldName, type PeopleGuardContext, type Profile } from './federation.people-guard.ts';
import type { ProjectObjectType } from './federation.projects.authority.ts';
import { federationWithheld } from './federation.projects.schema.ts';
import { federationReplicas } from './federation.schema.ts';
import type { FederationOutbox, FederationService } from './federation.service.ts';

/**
 * Replication of project proposals (with their flags' summaries, reviews and sign-offs) and of the
 * dataset catalogue, and the transfer guard on what crosses. Ownership (docs/FEDERATION.md):
 * - a project's proposal (text, parties by id, data plan, budget, status, the flags' summary of the
 *   checks its node ran) is sent by the node it was proposed on (`project`);
 * - each side's reviews and co-chair sign-offs of a project are sent by that side's node (`project_side`);
 * - a dataset's catalogue entry is sent by the node of its side (its steward's side) (`dataset`), after
 *   the exporting side's transfer review: a `prohibited` verdict sends a stub saying it is withheld and why.
 * People cross as the minimal profile (id, display name, side); e-mail addresses, screening results,
 * flag evidence, the audit log, sessions, files and download logs never leave their node.
 */

type P = Record<string, unknown>;
const SIDES: readonly NodeSide[] = ['US', 'CN'];
const otherSide = (side: string): NodeSide => (side === 'US' ? 'CN' : 'US');
const json = <T>(v: T): P => JSON.parse(JSON.stringify(v)) as P;

// --- people ---------------------------------------------------------------------------------------

/**
 * The people a state names, read in one query (by id for proposers and stewards, by address for
 * reviewers and co-chairs, as the project rows keep them), each as the exporting side's review sends
 * them when `guard` is given (federation.people-guard.ts), or as held here when not (the apply compares
 * the payload with that).
 */
async function peopleOf(db: DbOrTx, refs: { ids?: (string | null)[]; emails?: string[]; parties?: Profile[] }, guard?: PeopleGuardContext): Promise<{ byId: (id: string | null) => P | null; byEmail: (email: string) => P | null }> {
  const ids = [...new Set((refs.ids ?? []).filter((id): id is string => !!id))];
  const emails = [...new Set(refs.emails ?? [])];
  const rows =
    ids.length + emails.length === 0
      ? []
      : await db
          .select({ id: users.id, email: users.email, displayName: users.displayName, side: users.side })
          .from(users)
          .where(or(ids.length ? inArray(users.id, ids) : undefined, emails.length ? inArray(users.email, emails) : undefined));
  const profiles: Profile[] = [...rows.map((u) => ({ id: u.id, displayName: u.displayName, side: u.side })), ...(refs.parties ?? [])];
  const sent = guard ? await guardProfiles(db, guard, profiles) : new Map(profiles.map((p) => [p.id, { ...p }]));
  const idOfEmail = new Map(rows.map((u) => [u.email, u.id]));
  return { byId: (id) => (id ? (sent.get(id) ?? null) : null), byEmail: (email) => sent.get(idOfEmail.get(email) ?? '') ?? null };
}

// --- states as sent ------------------------------------------------------------------------------

/**
 * The flags' summary of a project's checks: each flag's side, kind, severity and summary in both
 * languages, the technology yard's and the data plan's results (both read only the proposal, which
 * travels anyway). The parties' screening results and the flags' evidence (list records, hits and the
 * decisions on them) stay on the node that ran the checks.
 */
export function flagsSummary(checks: ProjectChecks | null, withheldParties: ReadonlyMap<string, string> = new Map()): ProjectChecks | null {
  if (!checks) return null;
  // A screening flag names its party; a person whose profile is withheld is named by the neutral name.
  const nameOf = new Map(checks.screening.map((r) => [r.partyId, r.name]));
  const neutral = (f: ProjectChecks['flags'][number], text: string): string => {
    const partyId = f.kind === 'screening' ? f.id.split(':')[1] : undefined;
    const name = partyId ? nameOf.get(partyId) : undefined;
    const replacement = partyId ? withheldParties.get(partyId) : undefined;
    return name && replacement ? text.split(name).join(replacement) : text;
  };
  return {
    runAt: checks.runAt,
    trigger: checks.trigger.startsWith('screening change') ? 'screening change' : checks.trigger,
    screening: [],
    technology: checks.technology,
    transfers: checks.transfers,
    flags: checks.flags.map((f) => ({ id: f.id, side: f.side, kind: f.kind, severity: f.severity, summaryEn: neutral(f, f.summaryEn), summaryZh: neutral(f, f.summaryZh), evidence: null })),
  };
}

const byTime = <T extends { at: string; side: string }>(a: T, b: T) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.side < b.side ? -1 : a.side > b.side ? 1 : 0);

type People = Awaited<ReturnType<typeof peopleOf>>;

const reviewsOut = (people: People, rows: readonly ReviewRow[]): P[] => [...rows].sort(byTime).map((r) => ({ side: r.side, decision: r.decision, reason: r.reason, reviewer: people.byEmail(r.reviewer), at: r.at, checksRunAt: r.checksRunAt }));

const signOffsOut = (people: People, rows: readonly SignOffRow[]): P[] => [...rows].sort(byTime).map((s) => ({ side: s.side, coChair: people.byEmail(s.coChair), at: s.at, checksRunAt: s.checksRunAt }));

const namedIn = (rows: readonly { reviewer?: string; coChair?: string }[]): string[] => rows.map((r) => r.reviewer ?? r.coChair ?? '');

export async function projectState(db: DbOrTx, id: string, guard?: PeopleGuardContext): Promise<P | null> {
  const [p] = await db.select().from(projects).where(eq(projects.id, id));
  if (!p) return null;
  const directory = await partiesByIds(db, { organizations: p.parties.filter((r) => r.kind === 'organization').map((r) => r.partyId), people: p.parties.filter((r) => r.kind === 'person').map((r) => r.partyId) });
  const englishName = (names: readonly { lang: string; value: string }[], fallback: string) => names.find((n) => n.lang === 'en')?.value ?? names[0]?.value ?? fallback;
  // People named as parties are personal data too: reviewed with the event's other people.
  const personParties: Profile[] = p.parties.flatMap((r) => {
    const d = r.kind === 'person' ? directory.get(r.partyId) : undefined;
    return d ? [{ id: r.partyId, displayName: englishName(d.names, r.partyId), side: d.side }] : [];
  });
  const people = await peopleOf(db, { ids: [p.createdBy], emails: [...namedIn(p.reviews), ...namedIn(p.signOffs)], parties: personParties }, guard);
  const parties = p.parties.map((r) => {
    const d = directory.get(r.partyId);
    let profile: PartyProfile | null = r.profile ?? null;
    if (d && r.kind === 'organization') profile = { side: d.side, name: englishName(d.names, r.partyId), names: d.names.map((n) => ({ lang: n.lang, value: n.value })) };
    if (d && r.kind === 'person') {
      const sent = people.byId(r.partyId)!;
      profile = { side: d.side, name: str(sent.displayName), ...(sent.withheld === true ? { withheld: true } : {}), ...(sent.transfer ? { transfer: sent.transfer as P } : {}) };
    }
    return { partyId: r.partyId, kind: r.kind, role: r.role, profile };
  });
  const withheldParties = new Map(parties.filter((r) => r.profile?.withheld === true).map((r) => [r.partyId, r.profile!.name]));
  return {
    id: p.id,
    groupId: p.groupId,
    title: p.title,
    abstract: p.abstract,
    technologyArea: p.technologyArea,
    keywords: p.keywords,
    parties,
    dataPlan: p.dataPlan,
    budget: p.budget,
    status: p.status,
    createdBy: people.byId(p.createdBy),
    checks: flagsSummary(p.checks, withheldParties),
    reviews: reviewsOut(people, p.reviews),
    signOffs: signOffsOut(people, p.signOffs),
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** One side's reviews and sign-offs of a project, as that side's node holds them. */
export async function projectSideState(db: DbOrTx, projectId: string, side: string, guard?: PeopleGuardContext): Promise<P | null> {
  const [p] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (!p) return null;
  const reviews = p.reviews.filter((r) => r.side === side);
  const signOffs = p.signOffs.filter((s) => s.side === side);
  const people = await peopleOf(db, { emails: [...namedIn(reviews), ...namedIn(signOffs)] }, guard);
  return { projectId, side, reviews: reviewsOut(people, reviews), signOffs: signOffsOut(people, signOffs) };
}

/**
 * The exporting side's transfer review of a dataset's catalogue entry: the entry names its creators
 * (personal data) and describes data of the declared kinds, so it crosses only when the review of the
 * dataset's declaration from its side to the other side does not prohibit it.
 */
export function guardDataset(ds: Pick<typeof datasets.$inferSelect, 'side' | 'dataDeclaration'>): { direction: string; verdict: string; withheld: boolean; stub: P } {
  const review = policyTransferEvaluator(ds.dataDeclaration, ds.side, otherSide(ds.side));
  return {
    direction: review.direction,
    verdict: review.verdict,
    withheld: review.verdict === 'prohibited',
    stub: { direction: review.direction, verdict: review.verdict, reasonEn: review.reasonEn, reasonZh: review.reasonZh, findings: review.findings.filter((f) => f.effect === 'prohibited').map((f) => ({ id: f.id, textEn: f.textEn, textZh: f.textZh })) },
  };
}

/** A catalogue entry as sent: the metadata, or the stub of a withheld one. Never versions, files or downloads. */
export async function datasetState(db: DbOrTx, id: string, guard?: PeopleGuardContext): Promise<P | null> {
  const [d] = await db.select().from(datasets).where(eq(datasets.id, id));
  if (!d) return null;
  const review = guardDataset(d);
  if (review.withheld) return { id: d.id, side: d.side, withheld: true, transfer: review.stub, version: d.version };
  // The creators are named people too (or organisations, which the entry does not tell apart): reviewed
  // with the steward; a withheld one keeps the neutral name, its affiliation and side.
  const named = d.creators.map((c) => ({ id: creatorRef(c.name), displayName: c.name, side: c.side }));
  const people = await peopleOf(db, { ids: [d.stewardId], parties: named }, guard);
  const creators = d.creators.map((c, i) => {
    const sent = people.byId(named[i]!.id);
    return sent?.withheld === true ? { name: str(sent.displayName), affiliation: c.affiliation, side: c.side, withheld: true, ref: named[i]!.id, transfer: sent.transfer } : c;
  });
  return {
    id: d.id,
    side: d.side,
    title: d.title,
    description: d.description,
    creators,
    subjects: d.subjects,
    temporalStart: d.temporalStart,
    temporalEnd: d.temporalEnd,
    spatial: d.spatial,
    licence: d.licence,
    relatedPublications: d.relatedPublications,
    accessLevel: d.accessLevel,
    embargoUntil: d.embargoUntil,
    dataDeclaration: d.dataDeclaration,
    steward: people.byId(d.stewardId),
    isDemo: d.isDemo,
    version: d.version,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    transfer: { direction: review.direction, verdict: review.verdict },
  };
}

/**
 * The state of one of this file's objects, JSON-normalised: as held here (the apply compares it with a
 * payload), or, with `guard`, as this node sends it (people through the exporting side's review).
 */
export async function projectsStateOf(db: DbOrTx, objectType: ProjectObjectType, objectId: string, guard?: PeopleGuardContext): Promise<P | null> {
  let state: P | null;
  switch (objectType) {
    case 'project':
      state = await projectState(db, objectId, guard);
      break;
    case 'project_side': {
      const [projectId = '', side = ''] = objectId.split(':');
      state = await projectSideState(db, projectId, side, guard);
      break;
    }
    case 'dataset':
      state = await datasetState(db, objectId, guard);
      break;
  }
  return state && json(state);
}

// --- emitting (services, in the write's transaction) -----------------------------------------------

async function replicaOrigin(db: DbOrTx, objectType: string, objectId: string): Promise<string | null> {
  const [r] = await db
    .select({ origin: federationReplicas.origin })
    .from(federationReplicas)
    .where(and(eq(federationReplicas.objectType, objectType), eq(federationReplicas.objectId, objectId)));
  return r?.origin ?? null;
}

const sideEntries = (p: Pick<typeof projects.$inferSelect, 'reviews' | 'signOffs'> | null, side: string) =>
  JSON.stringify([p?.reviews.filter((r) => r.side === side) ?? [], p?.signOffs.filter((s) => s.side === side) ?? []]);

/**
 * After a write to a project: the node it was proposed on sends the proposal; a side whose reviews or
 * sign-offs this write added or changed is sent as that side's part (the peer refuses it unless this
 * node is that side's). A reset of the reviews (a new submission) is not sent on its own: the new
 * checks in the proposal tell the peer which reviews no longer count.
 */
export async function replicateProject(outbox: FederationOutbox | undefined, tx: DbOrTx, before: typeof projects.$inferSelect | null, after: typeof projects.$inferSelect, now: Date): Promise<void> {
  if (!outbox) return;
  const guard = guardOf(outbox, now);
  if (!(await replicaOrigin(tx, 'project', after.id))) {
    const payload = await projectState(tx, after.id, guard);
    if (payload) await emitNamingPeople(outbox, tx, 'project', after.id, payload, now);
  }
  for (const side of SIDES) {
    const has = after.reviews.some((r) => r.side === side) || after.signOffs.some((s) => s.side === side);
    if (!has || sideEntries(before, side) === sideEntries(after, side)) continue;
    const payload = await projectSideState(tx, after.id, side, guard);
    if (payload) await emitNamingPeople(outbox, tx, 'project_side', `${after.id}:${side}`, payload, now);
  }
}

/**
 * After a write to a dataset's catalogue entry: its state goes through the transfer guard and is
 * sent, whole or as the withheld stub. The exporting node keeps what it withheld in
 * `federation_withheld`, so its admins see it; a permitted verdict later sends the entry and clears it.
 */
export async function replicateDataset(outbox: FederationOutbox | undefined, tx: DbOrTx, id: string, now: Date): Promise<void> {
  if (!outbox) return;
  // A replica of the peer's entry is the peer's to send.
  if (await replicaOrigin(tx, 'dataset', id)) return;
  const payload = await datasetState(tx, id, guardOf(outbox, now));
  if (payload) await emitNamingPeople(outbox, tx, 'dataset', id, payload, now);
}

/** The exporting side's review context of the people in what this node sends. */
export const guardOf = (outbox: FederationOutbox, now: Date): PeopleGuardContext => ({ side: outbox.config.side, transfer: outbox.config.transfer, now });

/**
 * Appends a proposal, a side's part or a catalogue entry as `payload` (its state read with the people
 * guard), then counts the people it sent in full and keeps what it withheld (the entry's stub, each
 * withheld person) in `federation_withheld`.
 */
export async function emitNamingPeople(outbox: FederationOutbox, tx: DbOrTx, objectType: ProjectObjectType, objectId: string, payload: P, now: Date): Promise<void> {
  const event = await outbox.emit(tx, { objectType, objectId, op: 'put', payload });
  if (objectType === 'dataset') await recordWithheld(tx, 'dataset', objectId, payload, event.origin, event.seq, now);
  await notePeopleSent(tx, peopleIn(objectType, payload), event, now);
}

/**
 * On the node a proposal was written on, a side's reviews or sign-offs applied from the peer move the
 * proposal to a new version and time here; the proposal is then sent again, so the peer's copy takes the
 * same version and time (and a review the proposal's own node made meanwhile is in it). One event per
 * applied part, never echoed back: the peer sends no proposal it did not write. Runs after the pull's
 * transaction; if the node stops in between, the next resync sends the proposal.
 */
export function registerProposalEcho(db: Db, federation: FederationService, log: { warn: (msg: string) => void }): void {
  federation.onApplied(async (events) => {
    const ids = [...new Set(events.filter((e) => e.objectType === 'project_side' && e.outcome === 'applied').map((e) => e.objectId.split(':')[0] ?? ''))];
    for (const id of ids) {
      try {
        await db.transaction(async (tx) => {
          if (await replicaOrigin(tx, 'project', id)) return;
          const now = new Date();
          const payload = await projectState(tx, id, guardOf(federation, now));
          if (payload) await emitNamingPeople(federation, tx, 'project', id, payload, now);
        });
      } catch (err: unknown) {
        log.warn(`federation: could not send proposal ${id} again after the peer's review: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  });
}

/** What this node withheld from the peer, and what the peer withheld from this node. */
export function listWithheld(db: DbOrTx): Promise<(typeof federationWithheld.$inferSelect)[]> {
  return db.select().from(federationWithheld).orderBy(federationWithheld.at);
}

// --- local writes on the peer's objects ------------------------------------------------------------

/**
 * Refuses a local change to what the peer's node owns (a project proposed there, a dataset of its
 * side): it would be overwritten by the next event and never reach the owner.
 */
export async function refuseOnPeerCopy(db: DbOrTx, objectType: 'project' | 'dataset', id: string, what: string): Promise<void> {
  const origin = await replicaOrigin(db, objectType, id);
  if (origin) throw conflict(`this ${objectType} is owned by the ${origin} node: ${what} there`);
}

// --- applying the peer's events ------------------------------------------------------------------

class Stop extends Error {
  constructor(readonly outcome: ApplyOutcome) {
    super(outcome.kind);
  }
}
const refuse = (reason: string): never => {
  throw new Stop({ kind: 'refused', reason });
};
const wait = (reason: string): never => {
  throw new Stop({ kind: 'pending', reason });
};
const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));

/** Applies a `project`, `project_side` or `dataset` event in a savepoint of its own: a refusal or a wait leaves nothing. */
export async function applyProjectsEvent(tx: Tx, e: PeerEventToApply, p: P, now: Date): Promise<ApplyOutcome> {
  try {
    return await tx.transaction(async (sp) => {
      switch (e.objectType as ProjectObjectType) {
        case 'project':
          return applyProject(sp, e, p, now);
        case 'project_side':
          return applyProjectSide(sp, e, p, now);
        case 'dataset':
          return applyDataset(sp, e, p, now);
        default:
          return { kind: 'refused', reason: `object type ${e.objectType} is not replicated` };
      }
    });
  } catch (err: unknown) {
    if (err instanceof Stop) return err.outcome;
    throw err;
  }
}

/**
 * A person of the origin's side, as the minimal profile: created here with a placeholder address and
 * no usable password when missing. A profile the exporting side's review withheld is kept under the
 * neutral name only (whatever name the payload carries) and listed as withheld; a person the peer
 * sent before takes the name it sends now. Returns the person's address on this node, or null when the
 * profile is not of the origin's side (the origin cannot speak for them; they are not created).
 */
async function personHere(tx: Tx, e: PeerEventToApply, profile: unknown, now: Date): Promise<string | null> {
  if (!profile || typeof profile !== 'object') return null;
  const p = profile as P;
  const id = str(p.id);
  const side = str(p.side);
  const withheld = p.withheld === true;
  const displayName = withheld ? withheldName(e.origin) : str(p.displayName);
  const [local] = await tx.select().from(users).where(eq(users.id, id));
  if (local && local.side !== side) refuse(`person ${id} is a ${local.side} person on this node, not ${side}`);
  if (side !== e.origin) return local?.email ?? null;
  const fromPeer = local ? (await replicaOrigin(tx, 'person', id)) === e.origin : true;
  if (!fromPeer) return local!.email;
  if (!local) {
    await tx.insert(users).values({ id, email: `${id}@${e.origin.toLowerCase()}.peer.invalid`, displayName, side: e.origin, passwordHash: '!', createdAt: now, updatedAt: now });
    await tx.insert(federationReplicas).values({ objectType: 'person', objectId: id, origin: e.origin, seq: e.seq, appliedAt: now }).onConflictDoNothing();
  } else if (local.displayName !== displayName) {
    await tx.update(users).set({ displayName }).where(eq(users.id, id));
  }
  await recordWithheld(tx, 'person', id, withheld ? { id, side, displayName, withheld, transfer: p.transfer } : p, e.origin, e.seq, now);
  return local?.email ?? `${id}@${e.origin.toLowerCase()}.peer.invalid`;
}

/**
 * A proposal's parties as the proposing node sent them: the reference, and what its directory said of
 * the party (side, name, an organisation's names). A person whose profile that side's review withheld
 * keeps the neutral name only, whatever the payload carries, and is listed as withheld.
 */
async function partiesIn(tx: Tx, e: PeerEventToApply, rows: unknown, now: Date): Promise<StoredProjectParty[]> {
  const out: StoredProjectParty[] = [];
  for (const r of Array.isArray(rows) ? (rows as P[]) : []) {
    const ref = { partyId: str(r.partyId), kind: r.kind === 'person' ? ('person' as const) : ('organization' as const), role: (['lead', 'partner', 'member'].includes(str(r.role)) ? r.role : 'partner') as StoredProjectParty['role'] };
    const given = r.profile && typeof r.profile === 'object' ? (r.profile as P) : null;
    if (!given) {
      out.push({ ...ref, profile: null });
      continue;
    }
    const side = str(given.side);
    const withheld = ref.kind === 'person' && given.withheld === true;
    const names = ref.kind === 'organization' && Array.isArray(given.names) ? (given.names as P[]).map((n) => ({ lang: str(n.lang), value: str(n.value) })) : undefined;
    const profile: PartyProfile = { side, name: withheld ? withheldName(side) : str(given.name), ...(names ? { names } : {}), ...(withheld ? { withheld: true } : {}), ...(given.transfer && typeof given.transfer === 'object' ? { transfer: given.transfer as P } : {}) };
    out.push({ ...ref, profile });
    if (ref.kind === 'person') await recordWithheld(tx, 'person', ref.partyId, { id: ref.partyId, side, displayName: profile.name, withheld, transfer: profile.transfer }, e.origin, e.seq, now);
  }
  return out;
}

/** A catalogue entry's creators as stored: a withheld one under the neutral name only, listed as withheld. */
async function creatorsIn(tx: Tx, e: PeerEventToApply, rows: unknown, now: Date): Promise<(typeof datasets.$inferInsert)['creators']> {
  const out: (typeof datasets.$inferInsert)['creators'] = [];
  for (const c of Array.isArray(rows) ? (rows as P[]) : []) {
    const side = str(c.side);
    const withheld = c.withheld === true;
    out.push({ name: withheld ? withheldName(side) : str(c.name), affiliation: typeof c.affiliation === 'string' ? c.affiliation : '', side });
    // Sent in full now: any earlier withholding of this creator is over.
    if (!withheld) await recordWithheld(tx, 'person', creatorRef(str(c.name)), { withheld: false }, e.origin, e.seq, now);
    if (withheld && typeof c.ref === 'string') await recordWithheld(tx, 'person', c.ref, { id: c.ref, side, displayName: withheldName(side), withheld, transfer: c.transfer ?? { direction: `${e.origin}-${otherSide(e.origin)}`, verdict: 'withheld' } }, e.origin, e.seq, now);
  }
  return out;
}

async function reviewsIn(tx: Tx, e: PeerEventToApply, rows: unknown, now: Date): Promise<ReviewRow[]> {
  const out: ReviewRow[] = [];
  for (const r of (rows as P[]) ?? []) {
    out.push({ side: str(r.side), decision: r.decision as ReviewRow['decision'], reason: str(r.reason), reviewer: (await personHere(tx, e, r.reviewer, now)) ?? '', at: str(r.at), checksRunAt: str(r.checksRunAt) });
  }
  return out;
}

async function signOffsIn(tx: Tx, e: PeerEventToApply, rows: unknown, now: Date): Promise<SignOffRow[]> {
  const out: SignOffRow[] = [];
  for (const s of (rows as P[]) ?? []) out.push({ side: str(s.side), coChair: (await personHere(tx, e, s.coChair, now)) ?? '', at: str(s.at), checksRunAt: str(s.checksRunAt) });
  return out;
}

/**
 * The status the project's workflow reaches with these reviews and sign-offs, as the local service
 * would set it: a first review takes a submitted project under review; every side's sign-off on the
 * current checks approves it. Both nodes derive it alike, so neither has to send it back.
 */
function derivedStatus(status: (typeof projects.$inferSelect)['status'], checks: ProjectChecks | null, reviews: readonly ReviewRow[], signOffs: readonly SignOffRow[]): (typeof projects.$inferSelect)['status'] {
  if (!checks) return status;
  let s = status;
  if (s === 'submitted' && reviews.some((r) => r.checksRunAt === checks.runAt)) s = 'under_review';
  if (s === 'under_review' && SIDES.every((side) => signOffs.some((o) => o.side === side && o.checksRunAt === checks.runAt))) s = 'approved';
  return s;
}

const sameEntry = (a: { side: string; at: string; checksRunAt: string }, b: { side: string; at: string; checksRunAt: string }) => a.side === b.side && a.at === b.at && a.checksRunAt === b.checksRunAt;

async function applyProject(tx: Tx, e: PeerEventToApply, p: P, now: Date): Promise<ApplyOutcome> {
  const local = otherSide(e.origin);
  const [g] = await tx.select().from(workingGroups).where(eq(workingGroups.id, str(p.groupId)));
  if (!g) return wait(`working group ${str(p.groupId)} is not on this node yet`);
  if (!g.sides.includes(e.origin)) refuse(`the ${e.origin} node is not a side of working group ${g.id} (${g.sides.join(', ')})`);
  const [existing] = await tx.select().from(projects).where(eq(projects.id, e.objectId)).for('update');
  if (existing) {
    const origin = await replicaOrigin(tx, 'project', e.objectId);
    if (origin !== e.origin) refuse(`project ${e.objectId} was proposed on the ${origin ?? local} node; only that node sends its proposal`);
  }
  const checks = (p.checks ?? null) as ProjectChecks | null;
  const createdBy = (await personHere(tx, e, p.createdBy, now)) === null ? null : str((p.createdBy as P).id);
  // The origin's side's reviews and sign-offs come from the payload; this side's stay this node's
  // own (never taken from the peer), except those the proposer's node no longer holds for older checks.
  const incoming = { reviews: await reviewsIn(tx, e, ((p.reviews as P[]) ?? []).filter((r) => r.side !== local), now), signOffs: await signOffsIn(tx, e, ((p.signOffs as P[]) ?? []).filter((s) => s.side !== local), now) };
  const sentOwn = { reviews: ((p.reviews as ReviewRow[]) ?? []).filter((r) => r.side === local), signOffs: ((p.signOffs as SignOffRow[]) ?? []).filter((s) => s.side === local) };
  const keep = <T extends { side: string; at: string; checksRunAt: string }>(mine: readonly T[], sent: readonly T[]) => mine.filter((m) => m.side === local && (m.checksRunAt === checks?.runAt || sent.some((s) => sameEntry(s, m))));
  const reviews = [...incoming.reviews, ...keep(existing?.reviews ?? [], sentOwn.reviews)].sort(byTime);
  const signOffs = [...incoming.signOffs, ...keep(existing?.signOffs ?? [], sentOwn.signOffs)].sort(byTime);
  const parties = await partiesIn(tx, e, p.parties, now);
  const values = {
    groupId: g.id,
    title: p.title as typeof projects.$inferInsert.title,
    abstract: p.abstract as typeof projects.$inferInsert.abstract,
    technologyArea: str(p.technologyArea),
    keywords: p.keywords as string[],
    parties,
    dataPlan: p.dataPlan as typeof projects.$inferInsert.dataPlan,
    budget: p.budget as typeof projects.$inferInsert.budget,
    status: derivedStatus(p.status as (typeof projects.$inferSelect)['status'], checks, reviews, signOffs),
    createdBy,
    checks,
    reviews,
    signOffs,
    version: Math.max(Number(p.version), existing?.version ?? 0),
    createdAt: new Date(str(p.createdAt)),
    updatedAt: new Date(str(p.updatedAt)),
  };
  if (!existing) await tx.insert(projects).values({ id: e.objectId, ...values });
  else await tx.update(projects).set(values).where(eq(projects.id, e.objectId));
  return { kind: 'applied' };
}

async function applyProjectSide(tx: Tx, e: PeerEventToApply, p: P, now: Date): Promise<ApplyOutcome> {
  const side = str(p.side);
  const projectId = str(p.projectId);
  const [existing] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
  if (!existing) return wait(`project ${projectId} is not on this node yet`);
  const [g] = await tx.select().from(workingGroups).where(eq(workingGroups.id, existing.groupId));
  if (!g?.sides.includes(e.origin)) refuse(`the ${e.origin} node is not a side of the working group of project ${projectId}`);
  const rows = [...((p.reviews as P[]) ?? []), ...((p.signOffs as P[]) ?? [])];
  if (rows.some((r) => r.side !== side)) refuse(`the ${side} side's part of project ${projectId} carries another side's review or sign-off`);
  const reviews = [...existing.reviews.filter((r) => r.side !== side), ...(await reviewsIn(tx, e, p.reviews, now))].sort(byTime);
  const signOffs = [...existing.signOffs.filter((s) => s.side !== side), ...(await signOffsIn(tx, e, p.signOffs, now))].sort(byTime);
  if (JSON.stringify([reviews, signOffs]) === JSON.stringify([[...existing.reviews].sort(byTime), [...existing.signOffs].sort(byTime)])) return { kind: 'noop' };
  const status = derivedStatus(existing.status, existing.checks, reviews, signOffs);
  await tx
    .update(projects)
    .set({ reviews, signOffs, status, version: existing.version + 1, updatedAt: now })
    .where(eq(projects.id, projectId));
  return { kind: 'applied' };
}

async function applyDataset(tx: Tx, e: PeerEventToApply, p: P, now: Date): Promise<ApplyOutcome> {
  const [existing] = await tx.select({ id: datasets.id }).from(datasets).where(eq(datasets.id, e.objectId));
  const origin = await replicaOrigin(tx, 'dataset', e.objectId);
  if (existing && origin !== e.origin) refuse(`dataset ${e.objectId} is a ${origin ?? otherSide(e.origin)}-side dataset on this node; the ${e.origin} node cannot change it`);
  if (p.withheld === true) {
    // Withheld by the exporting side's transfer review: no copy of the entry stays here, only the stub.
    if (existing) await tx.delete(datasets).where(eq(datasets.id, e.objectId));
    await recordWithheld(tx, 'dataset', e.objectId, p, e.origin, e.seq, now);
    return { kind: 'applied' };
  }
  const stewardEmail = await personHere(tx, e, p.steward, now);
  const values = {
    title: p.title as typeof datasets.$inferInsert.title,
    description: p.description as typeof datasets.$inferInsert.description,
    creators: await creatorsIn(tx, e, p.creators, now),
    subjects: p.subjects as string[],
    temporalStart: (p.temporalStart ?? null) as string | null,
    temporalEnd: (p.temporalEnd ?? null) as string | null,
    spatial: p.spatial as string[],
    licence: str(p.licence),
    relatedPublications: p.relatedPublications as typeof datasets.$inferInsert.relatedPublications,
    accessLevel: p.accessLevel as typeof datasets.$inferInsert.accessLevel,
    embargoUntil: (p.embargoUntil ?? null) as string | null,
    side: e.origin,
    dataDeclaration: p.dataDeclaration as Record<string, unknown>,
    stewardId: stewardEmail ? str((p.steward as P).id) : null,
    isDemo: p.isDemo === true,
    version: Number(p.version),
    createdAt: new Date(str(p.createdAt)),
    updatedAt: new Date(str(p.updatedAt)),
  };
  if (existing) await tx.update(datasets).set(values).where(eq(datasets.id, e.objectId));
  else await tx.insert(datasets).values({ id: e.objectId, ...values });
  await tx.delete(federationWithheld).where(and(eq(federationWithheld.objectType, 'dataset'), eq(federationWithheld.objectId, e.objectId)));
  return { kind: 'applied' };
}
