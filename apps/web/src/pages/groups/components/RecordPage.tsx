import { RECORD_FORMULA, verifyChain, type RecordCheckpoint, type RecordEntry, type VerifyReport } from '@qiao/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useUser } from '../../../session/session-context.ts';
import { groupKeys, groupsApi } from '../../../api/groups.ts';
import { groupAccess } from '../../../lib/group-access.ts';
import { recordApi, recordKeys } from '../api.ts';
import { plain, uiLang } from '../../../lib/bilingual.ts';
import { formatDateTime, shortHash } from '../../../lib/format.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { DataTable, HiddenHeader } from '../../../components/DataTable.tsx';

/**
 * The hash-chained record of a group's approved minutes and decisions. The chain is one for the whole
 * platform, so "verify" recomputes all of it and checks every signed checkpoint; the export, the
 * checkpoint files (co-chairs) and the public keys are what either side keeps and checks offline.
 */
export function RecordPage() {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const { id = '' } = useParams();
  const group = useQuery({ queryKey: groupKeys.detail(id), queryFn: () => groupsApi.get(id) });
  const entries = useQuery({ queryKey: recordKeys.entries(id), queryFn: () => recordApi.entries(id) });
  const user = useUser();
  const access = group.data ? groupAccess(user, group.data) : null;
  const [report, setReport] = useState<{ where: 'server' | 'browser'; report: VerifyReport } | null>(null);
  const submit = useSubmit();

  async function handleVerify() {
    setReport(null);
    await submit.run(async () => setReport({ where: 'server', report: await recordApi.verify() }));
  }

  // The same recomputation the CLI does offline, here on the export the server hands out, so a reader
  // need not trust the server's own "ok".
  async function handleVerifyLocally() {
    setReport(null);
    await submit.run(async () => {
      const exported = await recordApi.export();
      setReport({ where: 'browser', report: await verifyChain(exported.entries, exported.head) });
    });
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to=".." relative="path">{group.data ? plain(group.data.name, lang) : t('record.backToGroup')}</Link>
      </p>
      <PageHeader title={t('record.title')} intro={t('record.intro')}>
        <div className="header-actions">
          <button type="button" className="button button-primary" data-testid="verify-record" disabled={submit.busy} onClick={() => void handleVerify()}>
            {submit.busy ? t('record.verifying') : t('record.verify')}
          </button>
          <button type="button" className="button button-secondary" data-testid="verify-record-locally" disabled={submit.busy} onClick={() => void handleVerifyLocally()}>
            {t('record.verifyLocally')}
          </button>
          <a href={recordApi.exportUrl} download className="button button-secondary" data-testid="export-record">
            {t('record.export')}
          </a>
          <a href={recordApi.keysUrl} download className="button button-secondary" data-testid="export-record-keys">
            {t('record.downloadKeys')}
          </a>
        </div>
      </PageHeader>
      {submit.error !== null && <ErrorMessage error={submit.error} />}
      {report && <VerifyResult report={report.report} where={report.where} />}
      <p className="muted">
        {t('record.formula')} <code className="mono">{RECORD_FORMULA}</code>
      </p>
      {access && (access.coChair || access.admin) && <CheckpointsSection groupId={id} lang={lang} />}
      {entries.isPending && <Loading />}
      {entries.isError && <ErrorMessage error={entries.error} onRetry={() => void entries.refetch()} />}
      {entries.isSuccess && entries.data.length === 0 && (
        <EmptyState title={t('record.emptyTitle')}>
          <p>{t('record.empty')}</p>
        </EmptyState>
      )}
      {entries.isSuccess && entries.data.length > 0 && (
        <DataTable className="record-table" testId="record-table" columns={[t('record.seq'), t('record.kind'), t('record.recordedAt'), t('record.hash'), t('record.prevHash'), t('record.content')]}>
          {entries.data.map((e) => (
            <EntryRow key={e.seq} entry={e} lang={lang} />
          ))}
        </DataTable>
      )}
    </>
  );
}

function EntryRow({ entry, lang }: { entry: RecordEntry; lang: 'en' | 'zh' }) {
  const { t } = useTranslation('groups');
  return (
    <tr data-seq={entry.seq}>
      <td className="cell-tight">{entry.seq}</td>
      <td className="cell-tight">{t(`record.kinds.${entry.kind}`)}</td>
      <td className="cell-tight">{formatDateTime(entry.recordedAt, lang)}</td>
      <td className="mono cell-tight" title={entry.hash}>
        {shortHash(entry.hash)}
      </td>
      <td className="mono cell-tight" title={entry.prevHash}>
        {shortHash(entry.prevHash)}
      </td>
      <td>
        <details>
          <summary>{t('record.showContent')}</summary>
          <p className="mono small">
            {t('record.contentHash')}: {entry.contentHash}
          </p>
          <pre className="record-content">{JSON.stringify(entry.content, null, 2)}</pre>
        </details>
      </td>
    </tr>
  );
}

function VerifyResult({ report, where }: { report: VerifyReport; where: 'server' | 'browser' }) {
  const { t } = useTranslation('groups');
  if (report.ok) {
    return (
      <div className="alert alert-success" role="status" data-testid="verify-result" data-ok="true" data-where={where}>
        <p>{t(where === 'server' ? 'record.checkedByServer' : 'record.checkedInBrowser')}</p>
        <p>{t('record.ok', { count: report.entries })}</p>
        {report.head && <p className="mono small">{t('record.head', { seq: report.head.seq, hash: report.head.hash })}</p>}
        <CheckpointState report={report} where={where} />
      </div>
    );
  }
  const brk = report.firstBreak;
  return (
    <div className="alert alert-error" role="alert" data-testid="verify-result" data-ok="false" data-where={where}>
      <p>{t(where === 'server' ? 'record.checkedByServer' : 'record.checkedInBrowser')}</p>
      {brk && <p>{t('record.broken', { seq: brk.seq, reason: t(`record.reasons.${brk.reason}`) })}</p>}
      {brk && <p className="mono small">{brk.message}</p>}
      {!brk && !report.checkpoints.failure && <p>{t('record.brokenUnknown')}</p>}
      <CheckpointState report={report} where={where} />
    </div>
  );
}

/** What the signed checkpoints say about this copy of the record: how many hold, or the first that does not. */
function CheckpointState({ report, where }: { report: VerifyReport; where: 'server' | 'browser' }) {
  const { t } = useTranslation('groups');
  const cps = report.checkpoints;
  // The browser recomputes the chain only; checkpoints are checked by the server and by `qiao record verify --checkpoint`.
  if (where === 'browser') return <p className="small">{t('record.checkpointsNotInBrowser')}</p>;
  if (cps.failure) {
    return (
      <div data-testid="checkpoint-state" data-ok="false">
        <p>{t('record.checkpointBroken', { seq: cps.failure.seq, reason: t(`record.checkpointReasons.${cps.failure.reason}`) })}</p>
        <p className="mono small">{cps.failure.message}</p>
      </div>
    );
  }
  if (cps.checked === 0 || !cps.latest) {
    return (
      <p className="small" data-testid="checkpoint-state" data-ok="true">
        {t('record.noCheckpointsChecked')}
      </p>
    );
  }
  return (
    <p data-testid="checkpoint-state" data-ok="true">
      {t('record.checkpointsHold', { count: cps.checked, seq: cps.latest.seq, sides: cps.latest.sides.join(' + ') })}
    </p>
  );
}

/** The group's signed checkpoints, each a file a co-chair downloads and keeps off this server. */
function CheckpointsSection({ groupId, lang }: { groupId: string; lang: 'en' | 'zh' }) {
  const { t } = useTranslation('groups');
  const checkpoints = useQuery({ queryKey: recordKeys.checkpoints(groupId), queryFn: () => recordApi.checkpoints(groupId) });
  return (
    <section className="card" aria-labelledby="record-checkpoints" data-testid="record-checkpoints">
      <h2 id="record-checkpoints">{t('record.checkpointsTitle')}</h2>
      <p className="muted">{t('record.checkpointsIntro')}</p>
      {checkpoints.isPending && <Loading />}
      {checkpoints.isError && <ErrorMessage error={checkpoints.error} onRetry={() => void checkpoints.refetch()} />}
      {checkpoints.isSuccess && checkpoints.data.length === 0 && <p>{t('record.noCheckpoints')}</p>}
      {checkpoints.isSuccess && checkpoints.data.length > 0 && (
        <DataTable columns={[t('record.checkpointSeq'), t('record.takenAt'), t('record.signedBy'), t('record.headHash'), <HiddenHeader>{t('record.downloadCheckpoint')}</HiddenHeader>]}>
          {checkpoints.data.map((cp) => (
            <CheckpointRow key={cp.id} cp={cp} lang={lang} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

function CheckpointRow({ cp, lang }: { cp: RecordCheckpoint; lang: 'en' | 'zh' }) {
  const { t } = useTranslation('groups');
  return (
    <tr data-seq={cp.seq}>
      <td className="cell-tight">{cp.seq}</td>
      <td className="cell-tight">{formatDateTime(cp.takenAt, lang)}</td>
      <td className="cell-tight">{cp.signatures.map((s) => s.side).join(' + ')}</td>
      <td className="mono cell-tight" title={cp.headHash}>
        {shortHash(cp.headHash)}
      </td>
      <td className="cell-tight">
        <a href={recordApi.checkpointExportUrl(cp.id)} download className="button button-secondary" data-testid="download-checkpoint">
          {t('record.downloadCheckpoint')}
        </a>
      </td>
    </tr>
  );
}
