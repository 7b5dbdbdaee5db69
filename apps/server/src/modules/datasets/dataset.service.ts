import type { AccessDecisionInput, AccessRequest, Dataset, DatasetInput, DatasetListQuery, DatasetVersion, DownloadLogEntry, PageQuery, TransferReview, User } from '@qiao/contracts';
import { DatasetFileNameSchema, mergeBilingual, withFlag } from '@qiao/contracts';
import type { Readable } from 'node:stream';
import { AppError, conflict, forbidden, invalidTransition, isUniqueViolation, notFound, validationFailed } from '../../errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Page } from '../../db/keyset-page.ts';
import { UntilWrite } from '../../cache/local-writes.ts';
import { readCacheOf } from '../../cache/read-cache.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { refuseOnPeerCopy, replicateDataset } from '../federation/federation.projects.ts';
import * as notices from '../notifications/notification.raise.ts';
import { listSides } from '../sides/side.repository.ts';
import { checkDeclaration } from '../policy/policy.adapter.ts';
import { canSee, downloadAccess, embargoed, grantActive, hadGrant, isSteward } from './dataset.access.ts';
import * as repo from './dataset.repository.ts';
import type { ContentStore } from './dataset.storage.ts';
import type { TransferEvaluator } from './dataset.transfer.ts';

export type DatasetPatch = Partial<DatasetInput> & { version: number };

const locked = (number: number) => new AppError(409, 'locked', `version ${number} is published and cannot change; start a new version`);

export class DatasetService {
  /** Each user's access requests, until a write may have changed them (UntilWrite, topic `access`). */
  private readonly requests: UntilWrite<repo.RequestRow[]>;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly blobs: ContentStore,
    private readonly evaluate: TransferEvaluator,
    private readonly maxUploadBytes: number,
  ) {
    this.requests = new UntilWrite(deps.db, 1000, ['access']);
  }

  today(): string {
    return this.deps.now().toISOString().slice(0, 10);
  }

  private async view(user: User | null, row: repo.DatasetRow, latest?: number, known?: repo.RequestRow[], today = this.today()): Promise<Dataset> {
    const requests = known ?? (user ? await repo.requestsOf(this.deps.db, { datasetId: row.id, requesterId: user.id }) : []);
    const latestVersion = latest ?? (await repo.latestPublishedNumbers(this.deps.db, [row.id])).get(row.id) ?? 0;
    return {
      ...row,
      title: withFlag(row.title),
      description: withFlag(row.description),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      latestVersion,
      access: downloadAccess(user, row, requests, today),
    };
  }

  async list(user: User | null, q: DatasetListQuery): Promise<Dataset[]> {
    return this.views(user, (await repo.listDatasets(this.deps.db, q)).filter((r) => canSee(user, r)));
  }

  /** One page of the catalogue as this caller may see it. */
  async page(user: User | null, q: DatasetListQuery & PageQuery): Promise<Page<Dataset>> {
    const publicOnly = user === null;
    // The page (rows, total, latest versions) is the same for every reader until a dataset or version
    // changes; what each reader may see and download is worked out per request.
    const { rows, next, total, latest } = await readCacheOf(this.deps.db).value(`datasets-page|${JSON.stringify([q, publicOnly])}`, ['datasets'], async () => {
      const page = await repo.pageDatasets(this.deps.db, q, publicOnly);
      const numbers = await repo.latestPublishedNumbers(
        this.deps.db,
        page.rows.map((r) => r.id),
      );
      return { ...page, latest: numbers };
    });
    return { items: await this.views(user, rows.filter((r) => canSee(user, r)), latest), next, total };
  }

  private async views(user: User | null, rows: repo.DatasetRow[], known?: Map<string, number>): Promise<Dataset[]> {
    const latest =
      known ??
      (await repo.latestPublishedNumbers(
        this.deps.db,
        rows.map((r) => r.id),
      ));
    // The user's access requests for the whole page in one query, not one per dataset.
    const requests = new Map<string, repo.RequestRow[]>();
    const own = user ? await this.requests.get(user.id, () => repo.requestsOf(this.deps.db, { requesterId: user.id })) : [];
    for (const r of own) requests.set(r.datasetId, [...(requests.get(r.datasetId) ?? []), r]);
    const today = this.today();
    return Promise.all(rows.map((r) => this.view(user, r, latest.get(r.id) ?? 0, requests.get(r.id) ?? [], today)));
  }

  private async visible(user: User | null, id: string): Promise<repo.DatasetRow> {
    const row = await repo.findDataset(this.deps.db, id);
    // Unseen datasets are reported as missing, so their existence is not disclosed.
    if (!row || !canSee(user, row)) throw notFound('dataset');
    return row;
  }

  private async stewarded(user: User, id: string): Promise<repo.DatasetRow> {
    const row = await this.visible(user, id);
    await refuseOnPeerCopy(this.deps.db, 'dataset', id, 'its stewards act on it');
    if (isSteward(user, row)) return row;
    if (user.roles.some((g) => g.role === 'data_steward')) throw new AppError(403, 'wrong_side', `this dataset belongs to side ${row.side}; only its data stewards can do this`);
    throw forbidden(`only a data steward of side ${row.side} can do this`);
  }

  async get(user: User | null, id: string): Promise<Dataset> {
    return this.view(user, await this.visible(user, id));
  }

  /** Open data must be allowed to every other side as it stands; otherwise it needs requests. */
  private async checkOpenAllowed(level: DatasetInput['accessLevel'], side: string, declaration: Record<string, unknown>): Promise<void> {
    if (level !== 'open' && level !== 'embargoed') return;
    for (const other of (await listSides(this.deps.db)).filter((s) => s.code !== side)) {
      const review = this.evaluate(declaration, side, other.code);
      if (review.verdict !== 'allowed') {
        throw new AppError(400, 'transfer_not_allowed', `data of this kind cannot be ${level} to side ${other.code}: the transfer review says "${review.verdict}"; use on_request or restricted`);
      }
    }
  }

  async create(user: User, input: DatasetInput, isDemo = false): Promise<Dataset> {
    if (!isSteward(user, { stewardId: null, side: input.side })) throw forbidden(`only a data steward of side ${input.side} can publish its datasets`);
    checkDeclaration(input.dataDeclaration);
    await this.checkOpenAllowed(input.accessLevel, input.side, input.dataDeclaration);
    const now = this.deps.now();
    const row = await this.deps.db.transaction(async (tx) => {
      const created = await repo.insertDataset(tx, {
        ...input,
        title: mergeBilingual(null, input.title, now),
        description: mergeBilingual(null, input.description, now),
        stewardId: user.id,
        isDemo,
      });
      await repo.insertVersion(tx, { datasetId: created.id, number: 1, note: 'first version' });
      await insertAudit(tx, user, { action: 'dataset.create', entity: 'dataset', entityId: created.id, after: created });
      await replicateDataset(this.deps.federation, tx, created.id, now);
      return created;
    });
    return this.view(user, row);
  }

  async update(user: User, id: string, patch: DatasetPatch): Promise<Dataset> {
    const before = await this.stewarded(user, id);
    const { version, title, description, ...rest } = patch;
    const merged = { ...before, ...rest };
    if (merged.temporalStart && merged.temporalEnd && merged.temporalStart > merged.temporalEnd) throw validationFailed('temporalEnd: must not be before temporalStart');
    if ((merged.accessLevel === 'embargoed') !== (merged.embargoUntil !== null)) throw validationFailed('embargoUntil: is required exactly when accessLevel is embargoed');
    if (rest.side && rest.side !== before.side) throw validationFailed('side: a dataset cannot change side; publish a new one');
    if (rest.dataDeclaration) checkDeclaration(rest.dataDeclaration);
    await this.checkOpenAllowed(merged.accessLevel, merged.side, merged.dataDeclaration);
    const now = this.deps.now();
    const row = await this.deps.db.transaction(async (tx) => {
      const after = await repo.updateDataset(tx, id, version, {
        ...rest,
        ...(title ? { title: mergeBilingual(before.title, title, now) } : {}),
        ...(description ? { description: mergeBilingual(before.description, description, now) } : {}),
      });
      if (!after) throw conflict(`dataset was changed by someone else (now version ${before.version}); reload and try again`);
      await insertAudit(tx, user, { action: 'dataset.update', entity: 'dataset', entityId: id, before, after });
      await replicateDataset(this.deps.federation, tx, id, now);
      await this.endGrantsOnTightening(tx, user, before, after);
      return after;
    });
    return this.view(user, row);
  }

  /**
   * Tightening ends the grants the new level no longer allows, in the same transaction: restricted
   * ends the grants of people on other sides, an embargo that starts now ends them all. They stay
   * ended if the level is loosened again; the people concerned can ask anew.
   */
  private async endGrantsOnTightening(tx: DbOrTx, user: User, before: repo.DatasetRow, after: repo.DatasetRow): Promise<void> {
    const today = this.today();
    let grants: repo.RequestRow[] = [];
    let why = '';
    if (embargoed(after, today) && !embargoed(before, today)) {
      grants = await repo.activeGrants(tx, after.id, today);
      why = `ended: the dataset was put under embargo until ${after.embargoUntil ?? ''}`;
    } else if (after.accessLevel === 'restricted' && before.accessLevel !== 'restricted') {
      grants = await repo.activeGrants(tx, after.id, today, after.side);
      why = `ended: the dataset was restricted to side ${after.side}`;
    }
    for (const grant of grants) await this.revokeIn(tx, user, grant, why);
  }

  private async revokeIn(tx: DbOrTx, user: User, grant: repo.RequestRow, note: string): Promise<repo.RequestRow> {
    const after = await repo.updateRequest(tx, grant.id, grant.version, { status: 'revoked', revokedAt: this.deps.now(), revokedBy: user.email, revokeNote: note });
    if (!after) throw conflict('the grant was changed by someone else; reload and try again');
    await insertAudit(tx, user, { action: 'dataset.access.revoke', entity: 'access_request', entityId: grant.id, before: grant, after });
    const dataset = await repo.findDataset(tx, grant.datasetId);
    if (dataset) await notices.accessRevoked(tx, { dataset, requestId: grant.id, requesterId: grant.requesterId, note });
    return after;
  }

  async versions(user: User | null, id: string): Promise<DatasetVersion[]> {
    const ds = await this.visible(user, id);
    const steward = isSteward(user, ds);
    // Drafts are work in progress: only stewards see them.
    const versions = (await repo.listVersions(this.deps.db, id)).filter((v) => steward || v.publishedAt);
    const files = await repo.filesOf(
      this.deps.db,
      versions.map((v) => v.id),
    );
    return versions.map((v) => ({
      number: v.number,
      note: v.note,
      createdAt: v.createdAt.toISOString(),
      publishedAt: v.publishedAt?.toISOString() ?? null,
      files: files.filter((f) => f.versionId === v.id).map((f) => ({ id: f.id, name: f.name, size: f.size, sha256: f.sha256, contentType: f.contentType, createdAt: f.createdAt.toISOString() })),
    }));
  }

  /** Refuses early, before any byte of an upload is read; the write itself checks again under a lock. */
  private async draft(user: User, id: string, number: number): Promise<void> {
    await this.stewarded(user, id);
    const version = await repo.findVersion(this.deps.db, id, number);
    if (!version) throw notFound('version');
    if (version.publishedAt) throw locked(number);
  }

  /** The version, locked for the rest of the transaction, if it is still a draft. */
  private async lockedDraft(tx: DbOrTx, id: string, number: number): Promise<repo.VersionRow> {
    const version = await repo.lockVersion(tx, id, number);
    if (!version) throw notFound('version');
    if (version.publishedAt) throw locked(number);
    return version;
  }

  /** Starts a new draft holding the latest version's files (by reference: their bytes never change). */
  async newVersion(user: User, id: string, note: string): Promise<DatasetVersion[]> {
    await this.stewarded(user, id);
    await this.deps.db.transaction(async (tx) => {
      const all = await repo.listVersions(tx, id);
      const last = all.at(-1);
      if (last && !last.publishedAt) throw conflict(`version ${last.number} is still a draft; publish it first`);
      const created = await repo.insertVersion(tx, { datasetId: id, number: (last?.number ?? 0) + 1, note });
      for (const f of last ? await repo.filesOf(tx, [last.id]) : []) {
        await repo.upsertFile(tx, { versionId: created.id, name: f.name, size: f.size, sha256: f.sha256, contentType: f.contentType });
      }
      await insertAudit(tx, user, { action: 'dataset.version.create', entity: 'dataset', entityId: id, after: { number: created.number, note } });
    });
    return this.versions(user, id);
  }

  async publish(user: User, id: string, number: number): Promise<DatasetVersion[]> {
    await this.draft(user, id, number);
    await this.deps.db.transaction(async (tx) => {
      const version = await this.lockedDraft(tx, id, number);
      if ((await repo.filesOf(tx, [version.id])).length === 0) throw validationFailed('version: add at least one file before publishing');
      await repo.publishVersion(tx, version.id, this.deps.now());
      await insertAudit(tx, user, { action: 'dataset.version.publish', entity: 'dataset', entityId: id, after: { number } });
    });
    return this.versions(user, id);
  }

  /**
   * Streams a file into a draft version; on any failure nothing is recorded and no partial file remains.
   * The bytes arrive before the version is locked (an upload can take minutes), so the record is
   * written only if the version is still a draft under the lock: a publish that got there first wins
   * and the upload answers 409 locked.
   */
  async upload(user: User, id: string, number: number, name: string, contentType: string, body: Readable): Promise<DatasetVersion[]> {
    if (!DatasetFileNameSchema.safeParse(name).success) throw validationFailed(`name: must be a file name of 1–200 characters without slashes or control characters`);
    await this.draft(user, id, number);
    const blob = await this.blobs.stage(body, this.maxUploadBytes);
    try {
      await this.deps.db.transaction(async (tx) => {
        const version = await this.lockedDraft(tx, id, number);
        await blob.commit();
        const file = await repo.upsertFile(tx, { versionId: version.id, name, size: blob.size, sha256: blob.sha256, contentType });
        await insertAudit(tx, user, { action: 'dataset.file.upload', entity: 'dataset', entityId: id, after: { version: number, name, size: blob.size, sha256: blob.sha256, fileId: file.id } });
      });
    } finally {
      await blob.discard();
    }
    return this.versions(user, id);
  }

  async removeFile(user: User, id: string, number: number, name: string): Promise<DatasetVersion[]> {
    await this.draft(user, id, number);
    await this.deps.db.transaction(async (tx) => {
      const version = await this.lockedDraft(tx, id, number);
      if (!(await repo.deleteFile(tx, version.id, name))) throw notFound('file');
      await insertAudit(tx, user, { action: 'dataset.file.delete', entity: 'dataset', entityId: id, before: { version: number, name } });
    });
    return this.versions(user, id);
  }

  /** Resolves a file the caller may read; drafts only for stewards. */
  async readable(user: User | null, id: string, fileId: string): Promise<{ ds: repo.DatasetRow; file: repo.FileRow; version: repo.VersionRow }> {
    const ds = await this.visible(user, id);
    const found = await repo.findFile(this.deps.db, fileId);
    if (!found || found.version.datasetId !== id || (!found.version.publishedAt && !isSteward(user, ds))) throw notFound('file');
    const requests = user ? await repo.requestsOf(this.deps.db, { datasetId: id, requesterId: user.id }) : [];
    const today = this.today();
    const access = downloadAccess(user, ds, requests, today);
    if (!access.canDownload && hadGrant(requests, today)) throw new AppError(403, 'access_revoked', `your access to this dataset's files has ended: ${access.reason}`);
    if (!access.canDownload) throw forbidden(`no access to this dataset's files: ${access.reason}`);
    return { ds, ...found };
  }

  openBlob(sha256: string, range?: { start: number; end: number }): Readable {
    return this.blobs.read(sha256, range);
  }

  async logDownload(user: User | null, ds: repo.DatasetRow, file: repo.FileRow, version: repo.VersionRow, bytes: number, range: string | null): Promise<void> {
    await repo.logDownload(this.deps.db, { datasetId: ds.id, fileId: file.id, fileName: file.name, versionNumber: version.number, userId: user?.id ?? null, userEmail: user?.email ?? null, userSide: user?.side ?? null, bytes, range });
  }

  async downloads(user: User, id: string): Promise<DownloadLogEntry[]> {
    await this.stewarded(user, id);
    return (await repo.downloadsOf(this.deps.db, id)).map((d) => ({ at: d.at.toISOString(), userEmail: d.userEmail, userSide: d.userSide, fileName: d.fileName, version: d.versionNumber, bytes: d.bytes, range: d.range }));
  }

  // --- access requests -------------------------------------------------------------------------

  private async requestViews(rows: repo.RequestRow[]): Promise<AccessRequest[]> {
    const people = await repo.requesters(this.deps.db, [...new Set(rows.map((r) => r.requesterId))]);
    const today = this.today();
    return rows.map((r) => ({
      id: r.id,
      datasetId: r.datasetId,
      requester: people.get(r.requesterId) ?? { id: r.requesterId, email: '', displayName: '', side: '' },
      purpose: r.purpose,
      status: r.status,
      transfer: r.transfer ?? null,
      conditions: r.conditions,
      decisionNote: r.decisionNote,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      expiresAt: r.expiresAt,
      createdAt: r.createdAt.toISOString(),
      active: grantActive(r, today),
      revokedAt: r.revokedAt?.toISOString() ?? null,
      revokedBy: r.revokedBy,
      revokeNote: r.revokeNote,
    }));
  }

  private async requestView(row: repo.RequestRow): Promise<AccessRequest> {
    const [view] = await this.requestViews([row]);
    if (!view) throw notFound('access request');
    return view;
  }

  /**
   * A request from another side runs the transfer review for that direction first. A prohibited
   * transfer is refused on the spot; conditions are copied onto the request for the steward to meet.
   */
  async requestAccess(user: User, id: string, purpose: string): Promise<AccessRequest> {
    const ds = await this.visible(user, id);
    await refuseOnPeerCopy(this.deps.db, 'dataset', id, 'ask for access to its files');
    if (ds.accessLevel === 'open') throw conflict('this dataset is open: download it directly');
    if (ds.accessLevel === 'restricted' && user.side !== ds.side) throw forbidden(`restricted datasets are shared within side ${ds.side} only`);
    const mine = await repo.requestsOf(this.deps.db, { datasetId: id, requesterId: user.id });
    if (mine.some((r) => r.status === 'pending' || grantActive(r, this.today()))) throw conflict('you already have a pending request or an active grant for this dataset');
    const transfer: TransferReview | null = user.side === ds.side ? null : this.evaluate(ds.dataDeclaration, ds.side, user.side);
    const prohibited = transfer?.verdict === 'prohibited';
    const insert = () =>
      this.deps.db.transaction(async (tx) => {
        const created = await repo.insertRequest(tx, {
          datasetId: id,
          requesterId: user.id,
          purpose,
          status: prohibited ? 'denied' : 'pending',
          transfer,
          conditions: (transfer?.conditions ?? []).map((c) => ({ ...c, met: false, metBy: null, metAt: null, note: '' })),
          decisionNote: prohibited ? 'refused automatically: the transfer review prohibits this transfer' : '',
          decidedAt: prohibited ? this.deps.now() : null,
        });
        await insertAudit(tx, user, { action: 'dataset.access.request', entity: 'access_request', entityId: created.id, after: created });
        if (prohibited) await notices.accessDecided(tx, { dataset: ds, requestId: created.id, requesterId: user.id, decision: 'deny', note: created.decisionNote });
        else await notices.accessRequested(tx, { dataset: ds, requestId: created.id, requesterId: user.id, purpose, requesterSide: user.side });
        return created;
      });
    const row = await insert().catch((err: unknown) => {
      // Two requests that passed the check above at the same moment: the one-pending index keeps one.
      throw isUniqueViolation(err) ? conflict('you already have a pending request for this dataset') : err;
    });
    return this.requestView(row);
  }

  async requestsForDataset(user: User, id: string): Promise<AccessRequest[]> {
    await this.stewarded(user, id);
    return this.requestViews(await repo.requestsOf(this.deps.db, { datasetId: id }));
  }

  async myRequests(user: User): Promise<AccessRequest[]> {
    return this.requestViews(await repo.requestsOf(this.deps.db, { requesterId: user.id }));
  }

  private async stewardedRequest(user: User, requestId: string): Promise<repo.RequestRow & { dataset: repo.DatasetRow }> {
    const req = await repo.findRequest(this.deps.db, requestId);
    if (!req) throw notFound('access request');
    return { ...req, dataset: await this.stewarded(user, req.datasetId) };
  }

  async setCondition(user: User, requestId: string, conditionId: string, met: boolean, note: string): Promise<AccessRequest> {
    const req = await this.stewardedRequest(user, requestId);
    if (req.status !== 'pending') throw conflict(`the request is ${req.status}; conditions can change only while it is pending`);
    if (!req.conditions.some((c) => c.id === conditionId)) throw notFound('condition');
    const now = this.deps.now().toISOString();
    const conditions = req.conditions.map((c) => (c.id === conditionId ? { ...c, met, note, metBy: met ? user.email : null, metAt: met ? now : null } : c));
    const row = await this.deps.db.transaction(async (tx) => {
      const after = await repo.updateRequest(tx, requestId, req.version, { conditions });
      if (!after) throw conflict('the request was changed by someone else; reload and try again');
      await insertAudit(tx, user, { action: 'dataset.access.condition', entity: 'access_request', entityId: requestId, before: { conditions: req.conditions }, after: { conditions } });
      return after;
    });
    return this.requestView(row);
  }

  async decide(user: User, requestId: string, input: AccessDecisionInput): Promise<AccessRequest> {
    const { dataset, ...req } = await this.stewardedRequest(user, requestId);
    if (req.status !== 'pending') throw conflict(`the request is already ${req.status}`);
    if (input.decision === 'grant') {
      // A request from another side made before the dataset was restricted can no longer be granted.
      if (req.transfer && dataset.accessLevel === 'restricted') throw forbidden(`restricted datasets are shared within side ${dataset.side} only`);
      if (req.transfer?.verdict === 'prohibited') throw new AppError(400, 'transfer_not_allowed', 'the transfer review prohibits this transfer');
      const open = req.conditions.filter((c) => !c.met);
      if (open.length > 0) throw new AppError(400, 'conditions_unmet', `record these conditions as met first: ${open.map((c) => c.id).join(', ')}`);
      if (input.expiresAt && input.expiresAt < this.today()) throw validationFailed('expiresAt: must not be in the past');
    }
    const row = await this.deps.db.transaction(async (tx) => {
      const after = await repo.updateRequest(tx, requestId, req.version, {
        status: input.decision === 'grant' ? 'granted' : 'denied',
        decisionNote: input.note,
        decidedBy: user.email,
        decidedAt: this.deps.now(),
        expiresAt: input.decision === 'grant' ? input.expiresAt : null,
      });
      if (!after) throw conflict('the request was changed by someone else; reload and try again');
      await insertAudit(tx, user, { action: `dataset.access.${input.decision}`, entity: 'access_request', entityId: requestId, before: req, after });
      await notices.accessDecided(tx, { dataset, requestId, requesterId: req.requesterId, decision: input.decision, note: input.note });
      return after;
    });
    return this.requestView(row);
  }

  /** Ends a grant at once (its dataset's stewards); it stays listed as revoked, with who and why. */
  async revokeGrant(user: User, datasetId: string, grantId: string, note: string): Promise<AccessRequest> {
    await this.stewarded(user, datasetId);
    const grant = await repo.findRequest(this.deps.db, grantId);
    if (!grant || grant.datasetId !== datasetId) throw notFound('grant');
    if (grant.status !== 'granted') throw invalidTransition(`the request is ${grant.status}; only a grant can be revoked`);
    const row = await this.deps.db.transaction((tx) => this.revokeIn(tx, user, grant, note));
    return this.requestView(row);
  }
}
