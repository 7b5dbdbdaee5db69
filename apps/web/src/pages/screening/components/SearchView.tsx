import { useMutation } from '@tanstack/react-query';
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
  const [type, setType] = useState<'' | 'organization' | 'person'>('');
  const search = useMutation({ mutationFn: screeningApi.search });

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    search.mutate({ name: name.trim(), ...(type ? { type } : {}) });
  }

  const result = search.data;
  return (
    <section aria-labelledby="search-title" className="section">
      <h2 id="search-title">{t('search.title')}</h2>
      <form className="screen-search" role="search" onSubmit={handleSubmit} data-testid="screen-search">
        <div className="field screen-search-name">
          <label htmlFor="screen-name">{t('search.name')}</label>
          <input id="screen-name" name="name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('search.placeholder')} autoComplete="off" required />
        </div>
        <div className="field">
          <label htmlFor="screen-type">{t('search.type')}</label>
          <select id="screen-type" value={type} onChange={(e) => setType(e.target.value as typeof type)}>
            <option value="">{t('search.anyType')}</option>
            <option value="organization">{t('search.organization')}</option>
            <option value="person">{t('search.person')}</option>
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={search.isPending}>
          {t('search.submit')}
        </button>
      </form>
      {search.isPending && <Loading />}
      {search.isError && <ErrorMessage error={search.error} />}
      {result && (
        <div aria-live="polite" className="screen-results">
          <p className="muted" data-testid="search-summary">
            {t('search.summary', { count: result.matches.length, threshold: Math.round(result.threshold * 100) })} {t('search.acrossLists', { count: result.lists.length })}
          </p>
          {result.lists.length === 0 && <EmptyState title={t('search.noLists')}>{t('search.noListsHint')}</EmptyState>}
          {result.lists.length > 0 && result.matches.length === 0 && <EmptyState title={t('search.noMatches')}>{t('search.noMatchesHint')}</EmptyState>}
          <div className="match-list">
            {result.matches.map((m) => (
              <MatchCard key={`${m.listId}/${m.recordId}`} match={m} query={result.query} />
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
