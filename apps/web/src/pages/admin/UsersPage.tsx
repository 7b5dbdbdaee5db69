import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { directoryApi } from '../../api/directory.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { adminKeys, adminPagesApi } from './api.ts';
import { CreateUserForm } from './components/CreateUserForm.tsx';
import { InvitationForm } from './components/InvitationForm.tsx';
import { UsersTable } from './components/UsersTable.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: adminKeys.users(), queryFn: adminPagesApi.users });
  const sides = useQuery({ queryKey: adminKeys.sides(), queryFn: directoryApi.sides, staleTime: Infinity });
  const error = users.error ?? sides.error;
  return (
    <>
      <PageHeader title={t('admin.users.title')} intro={t('admin.users.intro')} />
      {error ? (
        <ErrorMessage error={error} onRetry={() => void Promise.all([users.refetch(), sides.refetch()])} />
      ) : (
        (!users.data || !sides.data) && <Loading />
      )}
      {users.data && sides.data && (
        <>
          <UsersTable users={users.data} />
          <div className="panel-grid">
            <InvitationForm sides={sides.data} />
            <CreateUserForm sides={sides.data} onCreated={() => void queryClient.invalidateQueries({ queryKey: adminKeys.users() })} />
          </div>
        </>
      )}
    </>
  );
}
