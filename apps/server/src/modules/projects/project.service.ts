import type { PageQuery, Project, ProjectHistoryEntry, ProjectInput, ProjectListQuery, ProjectPartyInput, ProjectTransition, ProjectUpdate, ScreeningStatus, User } from '@qiao/contracts';
import { mergeBilingual, PROJECT_ACTIONS, withFlag } from '@qiao/contracts';
import { UntilWrite } from '../../cache/local-writes.ts';
import { readCacheOf } from '../../cache/read-cache.ts';
import type { Page } from '../../db/keyset-page.ts';
import { AppError, conflict, notFound, outOfScope, validationFailed, wrongSide } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { refuseOnPeerCopy, replicateProject } from '../federation/federation.projects.ts';
import { isAdmin, requireMember } from '../groups/group-access.ts';
import { findGroup, findMember, membershipsOf } from '../groups/group.repository.ts';
import { projectChanged, type RecheckCause } from '../notifications/notification.raise.ts';
import { findOrganization, findPerson, partiesByIds } from '../parties/party.repository.ts';
import { checkDeclaration } from '../policy/policy.adapter.ts';
import type { PartyScreeningService } from '../screening/party-screening.service.ts';
import type { PartyStatusChange } from '../screening/screening.events.ts';
import { pendingReviewSides, runChecks } from './project.checks.ts';
import * as repo from './project.repository.ts';
import { describeActor, EDITABLE, LIVE, reviewerSides, TRANSITIONS, type Actor } from './project.workflow.ts';

/** How a re-check event records its cause (see onPartyStatusChange). */
const RECHECK_REASON = /^party ([0-9a-f-]{36}) is now ([a-z_]+)$/;

const REQUIRED_SIDES = ['US', 'CN'] as const;

type MemberLookup = Awaited<ReturnType<typeof membershipsOf>>;
/** What a page of projects is shown with, read once for the page. */
interface ViewBatch {
  parties: Awaited<ReturnType<typeof partiesByIds>>;
  statuses: Map<string, ScreeningStatus>;
  members: MemberLookup;
}
const invalidTransition = (message: string) => new AppError(409, 'invalid_transition', message);

export class ProjectService {
  /** Each user's group roles, until a write may have changed them (UntilWrite, topic `members`). */
  private readonly memberships: UntilWrite<MemberLookup>;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly screening: PartyScreeningService,
  ) {
    this.memberships = new UntilWrite(deps.db, 1000, ['members']);
  }

  private async partyInfo(refs: readonly ProjectPartyInput[]): Promise<{ side: string; name: string }[]> {
    return Promise.all(
      refs.map(async (r, i) => {
        const party = r.kind === 'organization' ? await findOrganization(this.deps.db, r.partyId) : await findPerson(this.deps.db, r.partyId);
        if (!party) throw validationFailed(`parties.${i}.partyId: no such ${r.kind}`);
        return { side: party.side, name: party.names.find((n) => n.lang === 'en')?.value ?? party.names[0]?.value ?? r.partyId };
      }),
    );
  }

  /**
   * The hats the user wears on this project, which decide the actions open to them. Each hat is tied to
   * this project: co-chair of its own group, or compliance officer of a side its current checks flag.
   */
  private async actorsOf(user: User, p: repo.ProjectRow, member?: MemberLookup): Promise<{ actors: Set<Actor>; coChairSide: string | null }> {
    const row = member ? member.get(p.groupId) : await findMember(this.deps.db, p.groupId, user.id);
    const coChairSide = row?.role === 'co_chair' ? row.side : null;
    const actors = new Set<Actor>();
    if (p.createdBy === user.id || coChairSide || isAdmin(user)) actors.add('proposer');
    if (reviewerSides(user, p.checks).length > 0) actors.add('reviewer');
    if (coChairSide) actors.add('co_chair');
    return { actors, coChairSide };
  }

  private async view(user: User, p: repo.ProjectRow, batch?: ViewBatch): Promise<Project> {
    // A party this node's directory does not hold (a proposal from the peer's node) shows what the
    // proposing node's directory said of it, as the proposal brought it.
    const parties = batch?.parties ?? (await this.partiesOf([p]));
    const info = p.parties.map((r) => {
      const party = parties.get(r.partyId);
      if (party) return { side: party.side, name: party.names.find((n) => n.lang === 'en')?.value ?? party.names[0]?.value ?? r.partyId };
      return { side: r.profile?.side ?? '', name: r.profile?.name ?? '' };
    });
    const statuses = batch?.statuses ?? (await this.screening.statusOf(p.parties.map((r) => r.partyId)));
    const { actors, coChairSide } = await this.actorsOf(user, p, batch?.members);
    // A co-chair whose side has signed the current checks has nothing left to sign: the button goes.
    const signed = coChairSide !== null && p.signOffs.some((s) => s.side === coChairSide && s.checksRunAt === p.checks?.runAt);
    const allowedActions = PROJECT_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(p.status) && TRANSITIONS[a].by.some((b) => actors.has(b)) && !(a === 'approve' && signed));
    return {
      id: p.id,
      groupId: p.groupId,
      title: withFlag(p.title),
      abstract: withFlag(p.abstract),
      technologyArea: p.technologyArea,
      keywords: p.keywords,
      // A party this node's directory does not hold was never screened here: no status, rather than "clear".
      parties: p.parties.map((r, i) => ({ partyId: r.partyId, kind: r.kind, role: r.role, side: info[i]?.side ?? '', name: info[i]?.name ?? '', screeningStatus: parties.has(r.partyId) ? (statuses.get(r.partyId) ?? null) : null })),
      dataPlan: p.dataPlan,
      budget: p.budget,
      status: p.status,
      createdBy: p.createdBy,
      checks: p.checks,
      reviews: p.reviews,
      signOffs: p.signOffs,
      pendingReviewSides: pendingReviewSides(p.checks, p.reviews),
      allowedActions,
      version: p.version,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }

  private async row(id: string): Promise<repo.ProjectRow> {
    const p = await repo.findProject(this.deps.db, id);
    if (!p) throw notFound('project');
    return p;
  }

  async list(user: User, q: ProjectListQuery): Promise<Project[]> {
    return this.views(user, await repo.listProjects(this.deps.db, q));
  }

  /** One page of the list (filters applied in the query, so every page is full and the total is right). */
  async page(user: User, q: ProjectListQuery & PageQuery): Promise<Page<Project>> {
    // The page and the parties it names are the same for every reader until a project or party changes
    // (the `indicators` topic covers those tables); actions and statuses are worked out per request.
    const { rows, next, total, parties } = await readCacheOf(this.deps.db).value(`projects-page|${JSON.stringify(q)}`, ['indicators'], async () => {
      const page = await repo.pageProjects(this.deps.db, q);
      return { ...page, parties: await this.partiesOf(page.rows) };
    });
    return { items: await this.views(user, rows, parties), next, total };
  }

  private partiesOf(rows: readonly repo.ProjectRow[]): Promise<ViewBatch['parties']> {
    const refs = rows.flatMap((r) => r.parties);
    const ids = (kind: ProjectPartyInput['kind']) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.partyId))];
    return partiesByIds(this.deps.db, { organizations: ids('organization'), people: ids('person') });
  }

  private async views(user: User, rows: repo.ProjectRow[], known?: ViewBatch['parties']): Promise<Project[]> {
    // Parties, their screening status and the user's group roles for the whole page in a few queries,
    // not a few per project. Statuses are read each time: a decision's expiry changes them without a write.
    const [parties, statuses, members] = await Promise.all([
      known ?? this.partiesOf(rows),
      this.screening.statusOf([...new Set(rows.flatMap((r) => r.parties.map((p) => p.partyId)))]),
      this.memberships.get(user.id, () => membershipsOf(this.deps.db, user.id)),
    ]);
    return Promise.all(rows.map((r) => this.view(user, r, { parties, statuses, members })));
  }

  async get(user: User, id: string): Promise<Project> {
    return this.view(user, await this.row(id));
  }

  private checkPlan(plan: ProjectInput['dataPlan']): void {
    plan.forEach((flow, i) => checkDeclaration(flow.dataset, `dataPlan.${i}.dataset`));
  }

  async create(user: User, input: ProjectInput): Promise<Project> {
    if (!(await findGroup(this.deps.db, input.groupId))) throw validationFailed('groupId: no such working group');
    if (!isAdmin(user)) await requireMember(this.deps.db, input.groupId, user, 'propose projects in it');
    await this.partyInfo(input.parties);
    this.checkPlan(input.dataPlan);
    const now = this.deps.now();
    const row = await this.deps.db.transaction(async (tx) => {
      const created = await repo.insertProject(tx, {
        ...input,
        title: mergeBilingual(null, input.title, now),
        abstract: mergeBilingual(null, input.abstract, now),
        createdBy: user.id,
      });
      await repo.insertEvent(tx, { projectId: created.id, actor: user.email, action: 'create', toStatus: 'draft' });
      await insertAudit(tx, user, { action: 'project.create', entity: 'project', entityId: created.id, after: created });
      await replicateProject(this.deps.federation, tx, null, created, now);
      return created;
    });
    return this.view(user, row);
  }

  async update(user: User, id: string, patch: ProjectUpdate): Promise<Project> {
    const before = await this.row(id);
    await refuseOnPeerCopy(this.deps.db, 'project', id, 'edit it');
    const { actors } = await this.actorsOf(user, before);
    if (!actors.has('proposer')) throw outOfScope('only the proposer or a co-chair of the group may edit this project');
    if (!EDITABLE.includes(before.status)) throw invalidTransition(`a project that is ${before.status} cannot be edited`);
    const { version, title, abstract, ...rest } = patch;
    if (rest.parties) await this.partyInfo(rest.parties);
    if (rest.dataPlan) this.checkPlan(rest.dataPlan);
    const now = this.deps.now();
    const row = await this.deps.db.transaction(async (tx) => {
      const after = await repo.updateProject(tx, id, version, {
        ...rest,
        ...(title ? { title: mergeBilingual(before.title, title, now) } : {}),
        ...(abstract ? { abstract: mergeBilingual(before.abstract, abstract, now) } : {}),
      });
      if (!after) throw conflict(`project was changed by someone else (now version ${before.version}); reload and try again`);
      await insertAudit(tx, user, { action: 'project.update', entity: 'project', entityId: id, before, after });
      await replicateProject(this.deps.federation, tx, before, after, now);
      return after;
    });
    return this.view(user, row);
  }

  /** What must hold before a submission: both languages, and parties from both sides. */
  private async readyToSubmit(p: repo.ProjectRow): Promise<void> {
    for (const [field, text] of [['title', p.title], ['abstract', p.abstract]] as const) {
      if (!text.en || !text.zh) throw validationFailed(`${field}: give it in both English and Chinese before submitting`);
    }
    const sides = new Set((await this.partyInfo(p.parties)).map((i) => i.side));
    const missing = REQUIRED_SIDES.filter((s) => !sides.has(s));
    if (missing.length > 0) throw new AppError(400, 'parity_violation', `a joint project needs at least one party from each side; missing: ${missing.join(', ')}`);
  }

  async transition(user: User, id: string, input: ProjectTransition): Promise<Project> {
    const p = await this.row(id);
    if (p.version !== input.version) throw conflict(`project was changed by someone else (now version ${p.version}); reload and try again`);
    // On the peer's copy of a project only this side's sign-off is taken here; the rest happens on its node.
    if (input.action !== 'approve') await refuseOnPeerCopy(this.deps.db, 'project', id, `${input.action} it`);
    const rule = TRANSITIONS[input.action];
    const { actors, coChairSide } = await this.actorsOf(user, p);
    if (!rule.by.some((b) => actors.has(b))) throw outOfScope(`${input.action} is for ${rule.by.map(describeActor).join(' or ')}`);
    if (!rule.from.includes(p.status)) throw invalidTransition(`cannot ${input.action} a project that is ${p.status}`);
    if (rule.needsReason && input.reason.length < 10) throw validationFailed('reason: give the reason (10 characters or more)');

    let changes: Partial<repo.ProjectRow> = { status: rule.to };
    let action: string = input.action;
    if (input.action === 'submit') {
      await this.readyToSubmit(p);
      const checks = await runChecks(p, this.screening, 'submit', this.deps.now());
      changes = { status: 'submitted', checks, reviews: [], signOffs: [] };
    }
    if (input.action === 'approve') {
      changes = this.signOff(p, coChairSide ?? '', user);
      action = changes.status === 'approved' ? 'approve' : 'sign_off';
    }
    return this.view(user, await this.persist(user, p, changes, action, input.reason));
  }

  /** A co-chair's sign-off on the current checks; the last side to sign approves the project. */
  private signOff(p: repo.ProjectRow, side: string, user: User): Partial<repo.ProjectRow> {
    const checks = p.checks;
    if (!checks) throw invalidTransition('the pre-checks have not run');
    const pending = pendingReviewSides(checks, p.reviews);
    if (pending.length > 0) throw invalidTransition(`waiting for the compliance review of side ${pending.join(', ')}`);
    if (p.reviews.some((r) => r.checksRunAt === checks.runAt && r.decision === 'blocked')) throw invalidTransition('a compliance officer blocked this project; request changes or reject it');
    if (checks.flags.some((f) => f.severity === 'blocking')) throw invalidTransition('a blocking flag (prohibited transfer or confirmed list match) must be resolved first');
    const current = p.signOffs.filter((s) => s.checksRunAt === checks.runAt);
    if (current.some((s) => s.side === side)) throw conflict(`the co-chair of side ${side} has already signed off`);
    const signOffs = [...current, { side, coChair: user.email, at: this.deps.now().toISOString(), checksRunAt: checks.runAt }];
    const done = REQUIRED_SIDES.every((s) => signOffs.some((o) => o.side === s));
    return { signOffs, status: done ? 'approved' : p.status };
  }

  async review(user: User, id: string, input: { side: string; decision: 'cleared' | 'blocked'; reason: string }): Promise<Project> {
    const p = await this.row(id);
    if (!user.roles.some((r) => r.role === 'compliance_officer' && r.side === input.side)) throw wrongSide(`only a compliance officer of side ${input.side} can review its flags`);
    const checks = p.checks;
    const flags = checks?.flags.filter((f) => f.side === input.side) ?? [];
    // An officer reviews only the projects their own side flagged; the rest is not theirs to judge.
    if (!checks || flags.length === 0) throw outOfScope(`side ${input.side} has no flags on this project`);
    if (p.status !== 'under_review' && p.status !== 'submitted') throw invalidTransition(`a project that is ${p.status} is not under review`);
    if (input.decision === 'cleared' && flags.some((f) => f.severity === 'blocking')) throw invalidTransition('a blocking flag cannot be cleared: request changes or reject');
    const reviews = [...p.reviews.filter((r) => !(r.side === input.side && r.checksRunAt === checks.runAt)), { ...input, reviewer: user.email, at: this.deps.now().toISOString(), checksRunAt: checks.runAt }];
    // A first review also takes the project under review.
    return this.view(user, await this.persist(user, p, { reviews, status: p.status === 'submitted' ? 'under_review' : p.status }, `review_${input.decision}`, input.reason));
  }

  private persist(actor: User | null, p: repo.ProjectRow, changes: Partial<repo.ProjectRow>, action: string, reason: string, cause?: RecheckCause): Promise<repo.ProjectRow> {
    return this.deps.db.transaction(async (tx) => {
      const after = await repo.updateProject(tx, p.id, p.version, changes);
      if (!after) throw conflict('project was changed by someone else; reload and try again');
      await replicateProject(this.deps.federation, tx, p, after, this.deps.now());
      await repo.insertEvent(tx, { projectId: p.id, actor: actor?.email ?? null, action, fromStatus: p.status, toStatus: after.status, reason });
      await insertAudit(tx, actor, { action: `project.${action}`, entity: 'project', entityId: p.id, before: { status: p.status, reviews: p.reviews, signOffs: p.signOffs }, after: { status: after.status, reviews: after.reviews, signOffs: after.signOffs, reason } });
      await projectChanged(tx, { before: p, after, action, reason, actorId: actor?.id ?? null, cause });
      return after;
    });
  }

  /**
   * The project's events for people to read. A re-check names the party and its new screening status
   * as data (the stored reason `party <id> is now <status>` is for the audit trail), so the page can
   * say it in words in either language.
   */
  async history(id: string): Promise<ProjectHistoryEntry[]> {
    const p = await this.row(id);
    const events = await repo.eventsOf(this.deps.db, id);
    const kindOf = new Map(p.parties.map((r) => [r.partyId, r.kind]));
    const names = new Map<string, string | null>();
    for (const e of events) {
      const partyId = e.action === 'rechecked' ? RECHECK_REASON.exec(e.reason)?.[1] : undefined;
      if (partyId && !names.has(partyId)) names.set(partyId, await this.partyName(partyId, kindOf.get(partyId)));
    }
    return events.map((e) => {
      const recheck = e.action === 'rechecked' ? RECHECK_REASON.exec(e.reason) : null;
      const base = { at: e.at.toISOString(), actor: e.actor, action: e.action, from: e.fromStatus, to: e.toStatus };
      if (!recheck?.[1] || !recheck[2]) return { ...base, reason: e.reason, recheck: null };
      return { ...base, reason: '', recheck: { partyId: recheck[1], partyName: names.get(recheck[1]) ?? null, status: recheck[2] } };
    });
  }

  /** A party's English name (else its first), whether or not the project still names it. */
  private async partyName(partyId: string, kind: string | undefined): Promise<string | null> {
    const party = kind === 'person' ? await findPerson(this.deps.db, partyId) : ((await findOrganization(this.deps.db, partyId)) ?? (await findPerson(this.deps.db, partyId)));
    return party ? (party.names.find((n) => n.lang === 'en')?.value ?? party.names[0]?.value ?? null) : null;
  }

  /**
   * A party's screening changed: every live project naming it runs its checks again, so reviews and
   * sign-offs given on the old checks no longer count; an approved project goes back under review when
   * the new checks raise a concern (or a harder one) that the approval was not given on.
   */
  async onPartyStatusChange(change: PartyStatusChange): Promise<void> {
    for (const p of await repo.projectsWithParty(this.deps.db, change.partyId)) {
      if (!LIVE.includes(p.status)) continue;
      const checks = await runChecks(p, this.screening, `screening change (${change.before} → ${change.after}${change.listId ? `, ${change.listId}` : ''})`, this.deps.now());
      // Only a concern the approval did not see reopens it: a decision that answers a flag (either side's)
      // re-runs the checks too, and must not send an approved project back for having fewer flags.
      const seen = new Set((p.checks?.flags ?? []).map((f) => `${f.id}\u0000${f.severity}`));
      const added = checks.flags.some((f) => !seen.has(`${f.id}\u0000${f.severity}`));
      const status = p.status === 'approved' && added ? 'under_review' : p.status;
      await this.persist(null, p, { checks, status }, 'rechecked', `party ${change.partyId} is now ${change.after}`, { partyId: change.partyId, partyKind: change.partyKind, listId: change.listId, after: change.after });
    }
  }
}
