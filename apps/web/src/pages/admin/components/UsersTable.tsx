import type { User } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { SideBadge } from '../../../components/SideBadge.tsx';

export function UsersTable({ users }: { users: User[] }) {
  const { t } = useTranslation();
  if (users.length === 0) return <p className="empty-inline">{t('admin.users.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.columns.name')}</th>
            <th scope="col">{t('admin.users.columns.email')}</th>
            <th scope="col">{t('admin.users.columns.side')}</th>
            <th scope="col">{t('admin.users.columns.roles')}</th>
            <th scope="col">{t('admin.users.columns.locale')}</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
