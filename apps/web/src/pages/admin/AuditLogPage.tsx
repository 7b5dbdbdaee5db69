import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type AuditFilter } from '../../api/admin.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useResource } from '../../hooks/use-resource.ts';
import { AuditFilters } from './components/AuditFilters.tsx';
import { AuditTable } from './components/AuditTable.tsx';

export function AuditLogPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({ entity: '', limit: 100 });
  const entries = useResource(() => adminApi.audit(filter), [filter.entity, filter.limit]);
  return (
    <>
      <PageHeader title={t('admin.audit.title')} intro={t('admin.audit.intro')} />
      <AuditFilters value={filter} onApply={setFilter} />
      {entries.status === 'loading' && <Loading />}
      {entries.status === 'error' && <ErrorMessage error={entries.error} onRetry={entries.reload} />}
      {entries.status === 'ready' && <AuditTable entries={entries.data} />}
    </>
  );
}
