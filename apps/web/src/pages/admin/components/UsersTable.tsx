import type { User } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { DataTable } from '../../../components/DataTable.tsx';

export function UsersTable({ users }: { users: User[] }) {
  const { t } = useTranslation();
  if (users.length === 0) return <p className="empty-inline">{t('admin.users.empty')}</p>;
  return (
    <DataTable testId="users-table" columns={[t('admin.users.columns.name'), t('admin.users.columns.email'), t('admin.users.columns.side'), t('admin.users.columns.roles'), t('admin.users.columns.locale')]}>
      {users.map((user) => (
        <tr key={user.id}>
          <td>
            {user.displayName}
            {user.mustChangePassword && <span className="badge badge-warn">{t('admin.users.mustChange')}</span>}
          </td>
          <td>{user.email}</td>
          <td className="cell-tight">
            <SideBadge side={user.side} />
          </td>
          <td>
            {user.roles.length === 0
              ? t('common.none')
              : user.roles.map((grant) => `${t(`roles.${grant.role}`)} (${grant.side})`).join(', ')}
          </td>
          <td>{t(`language.${user.locale}`)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
