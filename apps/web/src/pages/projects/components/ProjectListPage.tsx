import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { EMPTY_FILTER, FILTER_KEYS, projectKeys, projectsApi, readFilter, type ProjectFilter } from '../api.ts';
import { ProjectCard } from './ProjectCard.tsx';
import { ProjectFilters } from './ProjectFilters.tsx';

export function ProjectListPage() {
  const { t } = useTranslation('projects');
  // Filters live in the address, so a filtered list can be linked to and survives a reload.
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  // A page at a time; "Load more" follows the server's next link, with the same filters.
  const list = useInfiniteQuery({
    queryKey: projectKeys.pages(filter),
    queryFn: ({ pageParam }) => projectsApi.page(filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
  const shown = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? shown.length;
  const groups = useQuery({ queryKey: projectKeys.groups(), queryFn: projectsApi.groups });
  const groupList = groups.status === 'success' ? groups.data : [];
  const filtered = Object.values(filter).some(Boolean);

  function handleFilterChange(next: ProjectFilter) {
    const search = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k]) search.set(k, next[k]);
    setParams(search, { replace: true });
  }

  return (
    <>
      <PageHeader title={t('list.title')} intro={t('list.intro')}>
        <Link to="new" className="button button-primary" data-testid="new-project">
          {t('list.new')}
        </Link>
      </PageHeader>
      <ProjectFilters groups={groupList} value={filter} onChange={handleFilterChange} />
      <section className="section" aria-labelledby="project-results" aria-busy={list.status === 'pending'}>
        <h2 id="project-results" className="visually-hidden">
          {t('list.results')}
        </h2>
        {list.status === 'pending' && <Loading />}
        {list.status === 'error' && !list.data && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && shown.length > 0 && (
          <>
            <p className="muted" role="status">
              {shown.length < total ? t('list.countShown', { shown: shown.length, count: total }) : t('list.count', { count: total })}
            </p>
            <ul className="card-grid project-grid">
              {shown.map((p) => (
                <ProjectCard key={p.id} project={p} group={groupList.find((g) => g.id === p.groupId)} />
              ))}
            </ul>
            {/* A later page that failed keeps the pages already shown. */}
            {list.isFetchNextPageError && <ErrorMessage error={list.error} onRetry={() => void list.fetchNextPage()} />}
            {list.hasNextPage && (
              <button type="button" className="button button-secondary" data-testid="projects-load-more" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? t('list.loadingMore') : t('list.loadMore')}
              </button>
            )}
          </>
        )}
        {list.data && shown.length === 0 && (
          <EmptyState title={filtered ? t('list.noMatchTitle') : t('list.emptyTitle')}>
            <p>{filtered ? t('list.noMatch') : t('list.empty')}</p>
            {filtered ? (
              <button type="button" className="button button-secondary" onClick={() => handleFilterChange(EMPTY_FILTER)}>
                {t('list.clearFilters')}
              </button>
            ) : (
              <Link to="new" className="button button-secondary">
                {t('list.new')}
              </Link>
            )}
          </EmptyState>
        )}
      </section>
    </>
  );
}
