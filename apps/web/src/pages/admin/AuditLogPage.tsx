import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { adminKeys, adminPagesApi, type AuditFilter } from './api.ts';
import { AuditFilters } from './components/AuditFilters.tsx';
import { AuditTable } from './components/AuditTable.tsx';

/** The audit log, newest first, a page at a time: "Older entries" reads on from the last one shown. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({ entity: '', limit: 100 });
  const entries = useInfiniteQuery({
    queryKey: adminKeys.audit(filter),
    queryFn: ({ pageParam }) => adminPagesApi.audit(filter, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length < filter.limit ? undefined : last[last.length - 1]?.id),
  });
  // Names of the people who acted; the log itself keeps only their id and email.
  const users = useQuery({ queryKey: adminKeys.users(), queryFn: adminPagesApi.users });
  const names = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));
  return (
    <>
      <PageHeader title={t('admin.audit.title')} intro={t('admin.audit.intro')} />
      <AuditFilters value={filter} onApply={setFilter} />
      {entries.isPending && <Loading />}
      {entries.isError && <ErrorMessage error={entries.error} onRetry={() => void entries.refetch()} />}
      {entries.isSuccess && (
        <>
          <AuditTable entries={entries.data.pages.flat()} names={names} />
          {entries.hasNextPage && (
            <p className="pager">
              <button
                type="button"
                className="button button-secondary"
                data-testid="audit-older"
                disabled={entries.isFetchingNextPage}
                onClick={() => void entries.fetchNextPage()}
              >
                {entries.isFetchingNextPage ? t('app.loading') : t('admin.audit.older')}
              </button>
            </p>
          )}
        </>
      )}
    </>
  );
}
