import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SideBadge } from '../../components/SideBadge.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { uiLang } from '../../lib/bilingual.ts';
import { useFormat } from '../../lib/format.ts';
import './federation.css';
import { federationApi, federationKeys, useFederationStatus, useNodeInfo, type ConcurrentEdit, type FederationStatus, type RecordCheckpoints, type RejectedEvent, type WithheldEntry } from './api.ts';
import { DataTable } from '../../components/DataTable.tsx';

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** A titled section of the page showing one query's answer, with its loading and error states. */
function QuerySection<T>({ id, section, query, children }: { id: string; section: 'rejected' | 'checkpoints' | 'withheld' | 'conflicts'; query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation('federation');
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{t(`${section}.title` as const)}</h2>
      <p className="muted">{t(`${section}.intro` as const)}</p>
      {query.isPending && <Loading />}
      {query.isError && <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && children(query.data)}
    </section>
  );
}

/** The link to the peer node, the peer's events this node refused, the co-signed record checkpoints, what the transfer guards withheld and the changes that lost to a concurrent one. */
export function FederationPage() {
  const { t } = useTranslation('federation');
  const node = useNodeInfo();
  const alone = node.isSuccess && !node.data.federated;
  const status = useFederationStatus(node.data?.federated === true);
  const federated = status.isSuccess;
  const rejected = useQuery({ queryKey: federationKeys.rejected(), queryFn: federationApi.rejected, enabled: federated, refetchInterval: 10_000 });
  const checkpoints = useQuery({ queryKey: federationKeys.checkpoints(), queryFn: federationApi.checkpoints, enabled: federated, refetchInterval: 10_000 });
  const withheld = useQuery({ queryKey: federationKeys.withheld(), queryFn: federationApi.withheld, enabled: federated, refetchInterval: 10_000 });
  const conflicts = useQuery({ queryKey: federationKeys.conflicts(), queryFn: federationApi.conflicts, enabled: federated, refetchInterval: 10_000 });
  return (
    <>
      <PageHeader title={t('title')} intro={t('intro')} />
      {(node.isPending || (node.data?.federated && status.isPending)) && <Loading />}
      {node.isError && <ErrorMessage error={node.error} onRetry={() => void node.refetch()} />}
      {alone && <EmptyState title={t('alone.title')}>{t('alone.body')}</EmptyState>}
      {status.isError && <ErrorMessage error={status.error} onRetry={() => void status.refetch()} />}
      {status.isSuccess && (
        <>
          <LinkState status={status.data} />
          <QuerySection id="federation-rejected" section="rejected" query={rejected}>
            {(data) => <RejectedTable items={data} />}
          </QuerySection>
          <QuerySection id="federation-checkpoints" section="checkpoints" query={checkpoints}>
            {(data) => <CheckpointTables data={data} />}
          </QuerySection>
          <QuerySection id="federation-withheld" section="withheld" query={withheld}>
            {(data) => <WithheldTable items={data} />}
          </QuerySection>
          <QuerySection id="federation-conflicts" section="conflicts" query={conflicts}>
            {(data) => <ConflictsTable items={data} />}
          </QuerySection>
        </>
      )}
    </>
  );
}

function LinkState({ status }: { status: FederationStatus }) {
  const { t } = useTranslation('federation');
  const f = useFormat();
  const { peer } = status;
  return (
    <section className="section" aria-labelledby="federation-link">
      <h2 id="federation-link">{t('link.title')}</h2>
      <dl className="federation-facts" data-testid="federation-link">
        <dt>{t('link.side')}</dt>
        <dd>
          <SideBadge side={status.side} />
        </dd>
        <dt>{t('link.peer')}</dt>
        <dd>
          <SideBadge side={peer.side} /> <span translate="no">{peer.url ?? t('link.noUrl')}</span>
        </dd>
        <dt>{t('link.state')}</dt>
        <dd data-testid="federation-connected" data-connected={peer.connected ? 'yes' : 'no'}>
          <span className={peer.connected ? 'badge status-badge tone-ok' : 'badge status-badge tone-warn'}>{peer.connected ? t('link.connected') : t('link.disconnected')}</span>
        </dd>
        <dt>{t('link.lastSync')}</dt>
        <dd>{peer.lastSyncAt ? <time dateTime={peer.lastSyncAt}>{f.dateTime(peer.lastSyncAt)}</time> : t('link.never')}</dd>
        <dt>{t('link.lag')}</dt>
        <dd data-testid="federation-lag">{peer.lag === null ? t('link.unknown') : t('link.lagCount', { count: peer.lag })}</dd>
        <dt>{t('link.head')}</dt>
        <dd>
          {t('link.headSeq', { seq: status.head.seq })}{' '}
          <code translate="no" title={status.head.hash}>
            {short(status.head.hash)}
          </code>
        </dd>
        <dt>{t('link.resync')}</dt>
        <dd data-testid="federation-resync">
          {status.resync ? (
            <>
              <time dateTime={status.resync.at}>{f.dateTime(status.resync.at)}</time> · {t('link.resyncSent', { count: status.resync.sent })} ·{' '}
              <span>{t('link.resyncSettings')}</span>{' '}
              <code translate="no">{status.resync.fingerprint}</code>
            </>
          ) : (
            t('link.resyncNever')
          )}
        </dd>
      </dl>
    </section>
  );
}

function RejectedTable({ items }: { items: RejectedEvent[] }) {
  const { t } = useTranslation('federation');
  const f = useFormat();
  if (items.length === 0) return <p className="empty-inline">{t('rejected.empty')}</p>;
  return (
    <DataTable testId="federation-rejected" columns={[t('rejected.columns.when'), t('rejected.columns.from'), t('rejected.columns.seq'), t('rejected.columns.reason')]}>
      {items.map((r, i) => (
        <tr key={`${r.receivedAt}-${i}`}>
          <td className="cell-tight">
            <time dateTime={r.receivedAt}>{f.dateTime(r.receivedAt)}</time>
          </td>
          <td>{r.origin ? <SideBadge side={r.origin} /> : '—'}</td>
          <td>{r.seq ?? '—'}</td>
          {/* The reason is the server's own text about the event, kept as evidence: data, not wording. */}
          <td translate="no">{r.reason}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function CheckpointTables({ data }: { data: RecordCheckpoints }) {
  const { t } = useTranslation('federation');
  const f = useFormat();
  return (
    <>
      {data.items.length === 0 ? (
        <p className="empty-inline">{t('checkpoints.empty')}</p>
      ) : (
        <DataTable testId="federation-checkpoints" columns={[t('checkpoints.columns.taken'), t('checkpoints.columns.group'), t('checkpoints.columns.length'), t('checkpoints.columns.head'), t('checkpoints.columns.signedBy'), t('checkpoints.columns.state')]}>
          {data.items.map((cp) => (
            <tr key={cp.id}>
              <td className="cell-tight">
                <time dateTime={cp.takenAt}>{f.dateTime(cp.takenAt)}</time> <SideBadge side={cp.origin} title={t('checkpoints.takenBy', { side: cp.origin })} />
              </td>
              <td>
                <code translate="no" title={cp.groupId}>
                  {cp.groupId.slice(0, 8)}
                </code>
              </td>
              <td>{cp.length}</td>
              <td>
                <code translate="no" title={cp.headHash}>
                  {short(cp.headHash)}
                </code>
              </td>
              <td>
                {cp.signedBy.map((side) => (
                  <SideBadge key={side} side={side} />
                ))}
              </td>
              <td>
                <span className={cp.final ? 'badge status-badge tone-ok' : 'badge status-badge tone-warn'}>{cp.final ? t('checkpoints.final') : t('checkpoints.awaiting')}</span>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {data.refused.length > 0 && (
        <>
          <h3>{t('checkpoints.refusedTitle')}</h3>
          <ul className="plain-list" data-testid="federation-checkpoints-refused">
            {data.refused.map((r, i) => (
              <li key={`${r.receivedAt}-${i}`}>
                <time dateTime={r.receivedAt}>{f.dateTime(r.receivedAt)}</time> <span translate="no">{r.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function WithheldTable({ items }: { items: WithheldEntry[] }) {
  const { t, i18n } = useTranslation('federation');
  const f = useFormat();
  const zh = uiLang(i18n.language) === 'zh';
  const lang = zh ? 'zh-Hans' : 'en';
  if (items.length === 0) return <p className="empty-inline">{t('withheld.empty')}</p>;
  return (
    <DataTable testId="federation-withheld" columns={[t('withheld.columns.when'), t('withheld.columns.entry'), t('withheld.columns.direction'), t('withheld.columns.verdict'), t('withheld.columns.reason'), t('withheld.columns.findings')]}>
      {items.map((w) => {
        const [from = '', to = ''] = w.direction.split('-');
        return (
          <tr key={`${w.objectType}:${w.objectId}`} data-object-id={w.objectId}>
            <td className="cell-tight">
              <time dateTime={w.at}>{f.dateTime(w.at)}</time>
            </td>
            <td>
              <code translate="no" title={w.objectId}>
                {w.objectId.slice(0, 8)}
              </code>{' '}
              <span className="muted">{w.withheldBy === 'this node' ? t('withheld.byThisNode') : t('withheld.byPeer', { side: w.exporter })}</span>
            </td>
            <td>{t('withheld.direction', { from, to })}</td>
            <td>
              <StatusBadge kind="transferVerdict" value={w.verdict} />
            </td>
            <td lang={lang}>{zh ? w.reasonZh : w.reasonEn}</td>
            <td>
              {w.findings.length === 0 ? (
                '—'
              ) : (
                <ul className="plain-list">
                  {w.findings.map((finding) => (
                    <li key={finding.id} lang={lang}>
                      {zh ? finding.textZh : finding.textEn}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

function ConflictsTable({ items }: { items: ConcurrentEdit[] }) {
  const { t } = useTranslation('federation');
  const f = useFormat();
  if (items.length === 0) return <p className="empty-inline">{t('conflicts.empty')}</p>;
  return (
    <DataTable testId="federation-conflicts" columns={[t('conflicts.columns.when'), t('conflicts.columns.object'), t('conflicts.columns.version'), t('conflicts.columns.lost'), t('conflicts.columns.stands')]}>
      {items.map((c) => (
        <tr key={`${c.objectType}:${c.objectId}:${c.hash}`} data-object-id={c.objectId}>
          <td className="cell-tight">
            <time dateTime={c.recordedAt}>{f.dateTime(c.recordedAt)}</time>
          </td>
          <td>
            {t(`conflicts.objectType.${c.objectType}`)}{' '}
            <code translate="no" title={c.objectId}>
              {c.objectId.slice(0, 8)}
            </code>
          </td>
          <td>{c.version}</td>
          <td>
            <SideBadge side={c.origin} />{' '}
            <code translate="no" title={c.hash}>
              {short(c.hash)}
            </code>
          </td>
          <td>
            <SideBadge side={c.winnerOrigin} />{' '}
            <code translate="no" title={c.lostTo}>
              {short(c.lostTo)}
            </code>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
