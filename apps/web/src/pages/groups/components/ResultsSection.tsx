import type { GroupDetail, Result } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useQuery } from '@tanstack/react-query';
import { actionKeys, actionsApi } from '../../../api/groups.ts';
import { isFilled, toInput, uiLang } from '../../../lib/bilingual.ts';
import { isFieldError, serverFieldError } from '../../../lib/field-errors.ts';
import { formatDay } from '../../../lib/format.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { BilingualFields, EMPTY_TEXTS as EMPTY } from '../../../components/BilingualFields.tsx';
import { ProgressBar } from './ProgressBar.tsx';

/** Results that actions roll up into, with milestones and the progress the server computes. */
export function ResultsSection({ group, canManage }: { group: GroupDetail; canManage: boolean }) {
  const { t } = useTranslation('groups');
  const results = useQuery({ queryKey: actionKeys.results(group.id), queryFn: () => actionsApi.results(group.id) });
  return (
    <section className="section" aria-labelledby="results-title" data-testid="results">
      <h2 id="results-title">{t('results.title')}</h2>
      <p className="muted">{t('results.intro')}</p>
      {results.isPending && <Loading />}
      {results.isError && <ErrorMessage error={results.error} onRetry={() => void results.refetch()} />}
      {results.isSuccess && results.data.length === 0 && <p className="muted">{t('results.none')}</p>}
      {results.isSuccess && results.data.length > 0 && (
        <ul className="card-grid result-grid">
          {results.data.map((r) => (
            <ResultCard key={r.id} result={r} canManage={canManage} />
          ))}
        </ul>
      )}
      {canManage && <NewResultForm groupId={group.id} />}
    </section>
  );
}

function ResultCard({ result, canManage }: { result: Result; canManage: boolean }) {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const submit = useSubmit();
  const [title, setTitle] = useState(EMPTY);
  const [due, setDue] = useState('');
  useUnsavedChanges(isFilled(title) || due !== '');
  const invalidate = [actionKeys.results(result.groupId)];

  async function handleToggle(id: string, done: boolean, version: number) {
    await submit.run(() => actionsApi.setMilestoneDone(id, done, version), { invalidate });
  }
  async function handleAdd(e: FormEvent) {
    e.preventDefault();
    const ok = await submit.run(() => actionsApi.addMilestone(result.id, { title: toInput(title), ...(due ? { dueDate: due } : {}) }), {
      success: t('results.milestoneAdded'),
      invalidate,
    });
    if (ok) {
      setTitle(EMPTY);
      setDue('');
    }
  }

  return (
    <li className="card result-card" data-result-id={result.id}>
      <Bilingual text={result.title}>{(text, l) => <h3 lang={l}>{text}</h3>}</Bilingual>
      <ProgressBar value={result.progress} label={t('results.progress')} />
      <p className="muted">{t('results.linkedActions', { count: result.actionIds.length })}</p>
      {result.milestones.length > 0 && (
        <ul className="plain-list milestone-list">
          {result.milestones.map((m) => (
            <li key={m.id}>
              <label className="checkbox">
                <input type="checkbox" checked={m.doneAt !== null} disabled={!canManage || submit.busy} onChange={(e) => void handleToggle(m.id, e.target.checked, m.version)} />
                <Bilingual text={m.title}>{(text, l) => <span lang={l}>{text}</span>}</Bilingual>
              </label>
              {m.dueDate && <span className="muted"> · {formatDay(m.dueDate, lang)}</span>}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <details className="form-panel">
          <summary>{t('results.addMilestone')}</summary>
          <form className="form" onSubmit={(e) => void handleAdd(e)}>
            <BilingualFields label={t('results.milestone')} name="milestone" value={title} onChange={setTitle} maxLength={500} required error={serverFieldError(submit.error, 'title')} />
            <Field label={t('results.dueDate')} type="date" name="milestone-due" value={due} onChange={(e) => setDue(e.target.value)} error={serverFieldError(submit.error, 'dueDate')} />
            <button type="submit" className="button button-secondary" disabled={submit.busy || !isFilled(title)}>
              {t('results.addMilestone')}
            </button>
          </form>
        </details>
      )}
      {submit.error !== null && !isFieldError(submit.error, ['title', 'dueDate']) && <ErrorMessage error={submit.error} />}
    </li>
  );
}

function NewResultForm({ groupId }: { groupId: string }) {
  const { t } = useTranslation('groups');
  const [title, setTitle] = useState(EMPTY);
  const submit = useSubmit();
  useUnsavedChanges(isFilled(title));
  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await submit.run(() => actionsApi.createResult({ groupId, title: toInput(title) }), {
      success: t('results.created'),
      invalidate: [actionKeys.results(groupId)],
    });
    if (ok) setTitle(EMPTY);
  }
  return (
    <details className="form-panel">
      <summary>{t('results.new')}</summary>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        <BilingualFields label={t('results.resultTitle')} name="result-title" value={title} onChange={setTitle} maxLength={500} required error={serverFieldError(submit.error, 'title')} />
        {submit.error !== null && !isFieldError(submit.error, ['title']) && <ErrorMessage error={submit.error} />}
        <button type="submit" className="button button-secondary" disabled={submit.busy || !isFilled(title)}>
          {t('results.create')}
        </button>
      </form>
    </details>
  );
}
