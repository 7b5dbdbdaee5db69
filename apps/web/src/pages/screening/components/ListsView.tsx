import type { ListDiff, ListImportResult, ShrinkNotice } from '@qiao/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { useToast } from '../../../hooks/use-toast.ts';
import { useFormat } from '../../../lib/format.ts';
import { hasRole, useUser } from '../../../session/session-context.ts';
import { ApiError } from '../../../api/client.ts';
import { importLists, screeningApi, screeningKeys } from '../api.ts';
import { groupWarnings } from '../lib/warnings.ts';
import { DataTable, HiddenHeader } from '../../../components/DataTable.tsx';

/** The lists in force with their versions; admins import new versions and anyone can see what changed. */
export function ListsView() {
  const { t } = useTranslation('screening');
  const user = useUser();
  const f = useFormat();
  const toast = useToast();
  const queryClient = useQueryClient();
  const lists = useQuery({ queryKey: screeningKeys.lists(), queryFn: screeningApi.lists });
  const [files, setFiles] = useState<File[]>([]);
  const [result, setResult] = useState<ListImportResult | null>(null);
  const [diff, setDiff] = useState<ListDiff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // What a refused import would remove: shown with a confirm button that sends the files again.
  const [shrink, setShrink] = useState<ShrinkNotice[]>([]);

  async function runImport(allowShrink: boolean) {
    setBusy(true);
    setError(null);
    setShrink([]);
    try {
      setResult(await importLists(files, allowShrink));
      toast.show(t('lists.importDone'));
      await queryClient.invalidateQueries({ queryKey: screeningKeys.all });
    } catch (err) {
      if (err instanceof ApiError && err.id === 'shrink_not_confirmed' && err.shrink.length > 0) setShrink([...err.shrink]);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  function handleImport(event: FormEvent) {
    event.preventDefault();
    void runImport(false);
  }

  async function showDiff(listId: string) {
    setError(null);
    try {
      setDiff(await screeningApi.diff(listId));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby="lists-title" className="section">
      <h2 id="lists-title">{t('lists.title')}</h2>
      {lists.isPending && <Loading />}
      {lists.isError && <ErrorMessage error={lists.error} onRetry={() => void lists.refetch()} />}
      {lists.data?.items.length === 0 && <EmptyState title={t('lists.empty')}>{t('lists.emptyHint')}</EmptyState>}
      {lists.data && lists.data.items.length > 0 && (
        <DataTable columns={[t('lists.list'), t('lists.side'), t('lists.version'), t('lists.records'), t('lists.dataDate'), t('lists.imported'), <HiddenHeader>{t('lists.changes')}</HiddenHeader>]}>
          {lists.data.items.map((l) => (
            <tr key={l.id}>
              <td>
                {l.title}
                <div className="muted mono" title={t('lists.checksum')}>
                  {l.listId} · {l.checksum.slice(0, 12)}
                </div>
              </td>
              <td>{l.side === 'US' || l.side === 'CN' ? <SideBadge side={l.side} /> : t('lists.reference')}</td>
              <td>{l.version}</td>
              <td>{f.number(l.recordCount)}</td>
              <td>{l.dataDate ?? '—'}</td>
              <td>{f.day(l.importedAt)}</td>
              <td>
                <button type="button" className="button button-quiet" onClick={() => void showDiff(l.listId)}>
                  {t('lists.showChanges')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {diff && (
        <div className="panel" aria-live="polite">
          <h3>{t('lists.diffTitle', { list: diff.listId, from: diff.from?.version ?? 0, to: diff.to.version })}</h3>
          <p>{t('lists.diffCounts', diff.counts)}</p>
          <ul>
            {diff.added.slice(0, 50).map((r) => (
              <li key={`a-${r.recordId}`}>
                <span className="badge badge-warn">{t('lists.added')}</span> {r.name}
              </li>
            ))}
            {diff.changed.slice(0, 50).map((c) => (
              <li key={`c-${c.after.recordId}`}>
                <span className="badge">{t('lists.changed')}</span> {c.after.name} <span className="muted">({c.fields.join(', ')})</span>
              </li>
            ))}
            {diff.removed.slice(0, 50).map((r) => (
              <li key={`r-${r.recordId}`}>
                <span className="badge">{t('lists.removed')}</span> {r.name}
              </li>
            ))}
          </ul>
        </div>
      )}
      {hasRole(user, 'admin') && (
        <form className="form form-panel list-import" onSubmit={handleImport}>
          <h3>{t('lists.importTitle')}</h3>
          <div className="field">
            <label htmlFor="list-files">{t('lists.files')}</label>
            <input
              id="list-files"
              type="file"
              multiple
              onChange={(e) => {
                setFiles([...(e.target.files ?? [])]);
                setShrink([]);
              }}
              required
            />
            <p className="hint">{t('lists.filesHint')}</p>
          </div>
          <button type="submit" className="button button-primary" disabled={busy || files.length === 0}>
            {t('lists.import')}
          </button>
          {shrink.length > 0 && (
            <div className="alert alert-error" role="alert" data-testid="list-shrink">
              <p>
                <strong>{t('lists.shrinkTitle')}</strong>
              </p>
              <ul>
                {shrink.map((s) => (
                  <li key={s.subject}>{t('lists.shrinkItem', { list: s.subject, removed: f.number(s.removed), total: f.number(s.total) })}</li>
                ))}
              </ul>
              <p>{t('lists.shrinkHint')}</p>
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void runImport(true)} data-testid="list-shrink-confirm">
                {t('lists.shrinkConfirm')}
              </button>{' '}
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => setShrink([])}>
                {t('lists.shrinkCancel')}
              </button>
            </div>
          )}
          {result && (
            <ul aria-live="polite">
              {result.items.map((i) => (
                <li key={i.listId}>{t(i.outcome === 'imported' ? 'lists.importedResult' : 'lists.unchangedResult', { list: i.listId, version: i.version.version, ...i.changes })}</li>
              ))}
              {groupWarnings(result.warnings).map((w) => (
                <li key={w.text} className="muted" data-testid="import-warning">
                  {w.count > 1 ? t('lists.warningTimes', { warning: w.text, count: w.count }) : w.text}
                </li>
              ))}
            </ul>
          )}
        </form>
      )}
    </section>
  );
}
