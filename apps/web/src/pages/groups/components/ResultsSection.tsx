import type { GroupDetail, Result } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { actionsApi } from '../api.ts';
import { isFilled, toInput, uiLang } from '../../../lib/bilingual.ts';
import { formatDay } from '../../../lib/format.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { BilingualFields, type TwoTexts } from './BilingualFields.tsx';
import { ProgressBar } from './ProgressBar.tsx';

const EMPTY: TwoTexts = { en: '', zh: '' };

/** Results that actions roll up into, with milestones and the progress the server computes. */
export function ResultsSection({ group, canManage }: { group: GroupDetail; canManage: boolean }) {
  const { t } = useTranslation('groups');
  const results = useResource(() => actionsApi.results(group.id), [group.id]);
  return (
    <section className="section" aria-labelledby="results-title" data-testid="results">
      <h2 id="results-title">{t('results.title')}</h2>
      <p className="muted">{t('results.intro')}</p>
      {results.status === 'loading' && <Loading />}
      {results.status === 'error' && <ErrorMessage error={results.error} onRetry={results.reload} />}
      {results.status === 'ready' && results.data.length === 0 && <p className="muted">{t('results.none')}</p>}
      {results.status === 'ready' && results.data.length > 0 && (
        <ul className="card-grid result-grid">
          {results.data.map((r) => (
            <ResultCard key={r.id} result={r} canManage={canManage} onChanged={results.reload} />
          ))}
        </ul>
      )}
      {canManage && <NewResultForm groupId={group.id} onCreated={results.reload} />}
    </section>
  );
}

function ResultCard({ result, canManage, onChanged }: { result: Result; canManage: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const submit = useSubmit();
  const [title, setTitle] = useState(EMPTY);
  const [due, setDue] = useState('');

  async function handleToggle(id: string, done: boolean) {
    if (await submit.run(() => actionsApi.setMilestoneDone(id, done))) onChanged();
  }
  async function handleAdd(e: FormEvent) {
    e.preventDefault();
    const ok = await submit.run(() => actionsApi.addMilestone(result.id, { title: toInput(title), ...(due ? { dueDate: due } : {}) }));
    if (ok) {
      setTitle(EMPTY);
      setDue('');
      onChanged();
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
                <input type="checkbox" checked={m.doneAt !== null} disabled={!canManage || submit.busy} onChange={(e) => void handleToggle(m.id, e.target.checked)} />
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
            <BilingualFields label={t('results.milestone')} name="milestone" value={title} onChange={setTitle} required />
            <Field label={t('results.dueDate')} type="date" name="milestone-due" value={due} onChange={(e) => setDue(e.target.value)} />
            <button type="submit" className="button button-secondary" disabled={submit.busy || !isFilled(title)}>
              {t('results.addMilestone')}
            </button>
          </form>
        </details>
      )}
      {submit.error !== null && <ErrorMessage error={submit.error} />}
    </li>
  );
}

function NewResultForm({ groupId, onCreated }: { groupId: string; onCreated: () => void }) {
  const { t } = useTranslation('groups');
  const [title, setTitle] = useState(EMPTY);
  const submit = useSubmit();
  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    if (await submit.run(() => actionsApi.createResult({ groupId, title: toInput(title) }))) {
      setTitle(EMPTY);
      onCreated();
    }
  }
  return (
    <details className="form-panel">
      <summary>{t('results.new')}</summary>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        <BilingualFields label={t('results.resultTitle')} name="result-title" value={title} onChange={setTitle} required />
        {submit.error !== null && <ErrorMessage error={submit.error} />}
        <button type="submit" className="button button-secondary" disabled={submit.busy || !isFilled(title)}>
          {t('results.create')}
        </button>
      </form>
    </details>
  );
}
