import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { datasetsApi, EMPTY_FILTER, FILTER_KEYS, type CatalogFilter } from '../api.ts';
import { useOptionalUser } from '../../../lib/session.ts';
import { isStewardOfAnySide } from '../lib/access.ts';
import { CatalogFilters } from './CatalogFilters.tsx';
import { DatasetCard } from './DatasetCard.tsx';

const FALLBACK_SIDES = [
  { code: 'US', nameEn: 'United States', nameZh: '美国' },
  { code: 'CN', nameEn: 'China', nameZh: '中国' },
];

export function CatalogPage() {
  const { t } = useTranslation('datasets');
  const user = useOptionalUser();
  // Filters live in the address, so a search can be linked to and survives a reload.
  const [params, setParams] = useSearchParams();
  const filter = { ...EMPTY_FILTER };
  for (const k of FILTER_KEYS) filter[k] = params.get(k) ?? '';
  const key = JSON.stringify(filter);
  const list = useResource(() => datasetsApi.list(filter), [key]);
  const sides = useResource(() => datasetsApi.sides().catch(() => FALLBACK_SIDES), []);
  const filtered = Object.values(filter).some(Boolean);

  function handleFilterChange(next: CatalogFilter) {
    const search = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k]) search.set(k, next[k]);
    setParams(search, { replace: true });
  }

  return (
    <>
      <PageHeader title={t('catalog.title')} intro={t('catalog.intro')}>
        <div className="header-actions">
          {user && (
            <Link to="requests" className="button button-secondary">
              {t('requests.mineTitle')}
            </Link>
          )}
          {isStewardOfAnySide(user) && (
            <Link to="new" className="button button-primary" data-testid="new-dataset">
              {t('create.title')}
            </Link>
          )}
        </div>
      </PageHeader>
      <CatalogFilters sides={sides.status === 'ready' ? sides.data : FALLBACK_SIDES} value={filter} onChange={handleFilterChange} />
      <section className="section" aria-labelledby="catalog-results" aria-busy={list.status === 'loading'}>
        <h2 id="catalog-results" className="visually-hidden">
          {t('catalog.results')}
        </h2>
        {list.status === 'loading' && <Loading />}
        {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.reload} />}
        {list.status === 'ready' && list.data.length > 0 && (
          <>
            <p className="muted" role="status">
              {t('catalog.count', { count: list.data.length })}
            </p>
            <ul className="card-grid dataset-grid">
              {list.data.map((ds) => (
                <DatasetCard key={ds.id} dataset={ds} />
              ))}
            </ul>
          </>
        )}
        {list.status === 'ready' && list.data.length === 0 && (
          <EmptyState title={filtered ? t('catalog.noMatchTitle') : t('catalog.emptyTitle')}>
            <p>{filtered ? t('catalog.noMatch') : isStewardOfAnySide(user) ? t('catalog.emptySteward') : user ? t('catalog.empty') : t('catalog.emptyPublic')}</p>
            {filtered && (
              <button type="button" className="button button-secondary" onClick={() => handleFilterChange(EMPTY_FILTER)}>
                {t('catalog.clearFilters')}
              </button>
            )}
          </EmptyState>
        )}
      </section>
    </>
  );
}
