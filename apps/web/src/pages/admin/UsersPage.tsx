import type { Side, User } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api/admin.ts';
import { directoryApi } from '../../api/directory.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useResource } from '../../hooks/use-resource.ts';
import { CreateUserForm } from './components/CreateUserForm.tsx';
import { InvitationForm } from './components/InvitationForm.tsx';
import { UsersTable } from './components/UsersTable.tsx';

async function loadUsers(): Promise<{ users: User[]; sides: Side[] }> {
  const [users, sides] = await Promise.all([adminApi.users(), directoryApi.sides()]);
  return { users, sides };
}

export function UsersPage() {
  const { t } = useTranslation();
  const data = useResource(loadUsers, []);
  return (
    <>
      <PageHeader title={t('admin.users.title')} intro={t('admin.users.intro')} />
      {data.status === 'loading' && <Loading />}
      {data.status === 'error' && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {data.status === 'ready' && (
        <>
          <UsersTable users={data.data.users} />
          <div className="panel-grid">
            <InvitationForm sides={data.data.sides} />
            <CreateUserForm sides={data.data.sides} onCreated={data.reload} />
          </div>
        </>
      )}
    </>
  );
}
