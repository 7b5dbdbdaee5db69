import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { datasetKeys, datasetsApi, EMPTY_FILTER, FILTER_KEYS, type CatalogFilter } from '../api.ts';
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
  // A page at a time; "Load more" follows the server's next link, with the same filters.
  const list = useInfiniteQuery({
    queryKey: datasetKeys.pages(filter),
    queryFn: ({ pageParam }) => datasetsApi.page(filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    // Dataset writes do not invalidate the catalogue, so it is read afresh each time the page opens.
    staleTime: 0,
  });
  const shown = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? shown.length;
  const sides = useQuery({ queryKey: datasetKeys.sides(), queryFn: () => datasetsApi.sides().catch(() => FALLBACK_SIDES), staleTime: Infinity });
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
      <CatalogFilters sides={sides.data ?? FALLBACK_SIDES} value={filter} onChange={handleFilterChange} />
      <section className="section" aria-labelledby="catalog-results" aria-busy={list.status === 'pending'}>
        <h2 id="catalog-results" className="visually-hidden">
          {t('catalog.results')}
        </h2>
        {list.status === 'pending' && <Loading />}
        {list.status === 'error' && !list.data && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && shown.length > 0 && (
          <>
            <p className="muted" role="status">
              {shown.length < total ? t('catalog.countShown', { shown: shown.length, count: total }) : t('catalog.count', { count: total })}
            </p>
            <ul className="card-grid dataset-grid">
              {shown.map((ds) => (
                <DatasetCard key={ds.id} dataset={ds} />
              ))}
            </ul>
            {/* A later page that failed keeps the pages already shown. */}
            {list.isFetchNextPageError && <ErrorMessage error={list.error} onRetry={() => void list.fetchNextPage()} />}
            {list.hasNextPage && (
              <button type="button" className="button button-secondary" data-testid="datasets-load-more" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? t('catalog.loadingMore') : t('catalog.loadMore')}
              </button>
            )}
          </>
        )}
        {list.data && shown.length === 0 && (
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
