import type { SearchResponse } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { screeningApi } from '../api.ts';
import { MatchCard } from './MatchCard.tsx';

/** Screen one name in any script: English, 简体, 繁體 or pinyin. */
export function SearchView() {
  const { t } = useTranslation('screening');
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [state, setState] = useState<{ status: 'idle' } | { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'done'; result: SearchResponse }>({ status: 'idle' });

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    setState({ status: 'loading' });
    try {
      const result = await screeningApi.search({ name: name.trim(), ...(type ? { type: type as 'organization' | 'person' } : {}) });
      setState({ status: 'done', result });
    } catch (error) {
      setState({ status: 'error', error });
    }
  }

  return (
    <section aria-labelledby="search-title" className="section">
      <h2 id="search-title">{t('search.title')}</h2>
      <form className="form filters" role="search" onSubmit={(e) => void handleSubmit(e)}>
        <div className="field">
          <label htmlFor="screen-name">{t('search.name')}</label>
          <input id="screen-name" name="name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('search.placeholder')} autoComplete="off" required />
        </div>
        <div className="field">
          <label htmlFor="screen-type">{t('search.type')}</label>
          <select id="screen-type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t('search.anyType')}</option>
            <option value="organization">{t('search.organization')}</option>
            <option value="person">{t('search.person')}</option>
          </select>
        </div>
        <button type="submit" className="button button-primary">
          {t('search.submit')}
        </button>
      </form>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} />}
      {state.status === 'done' && (
        <div aria-live="polite">
          <p className="muted">
            {t('search.summary', { count: state.result.matches.length, lists: state.result.lists.length, threshold: Math.round(state.result.threshold * 100) })}
          </p>
          {state.result.lists.length === 0 && <EmptyState title={t('search.noLists')}>{t('search.noListsHint')}</EmptyState>}
          {state.result.lists.length > 0 && state.result.matches.length === 0 && <EmptyState title={t('search.noMatches')}>{t('search.noMatchesHint')}</EmptyState>}
          <div className="match-list">
            {state.result.matches.map((m) => (
              <MatchCard key={`${m.listId}/${m.recordId}`} match={m} query={state.result.query} />
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
