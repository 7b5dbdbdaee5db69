import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SideBadge } from '../components/SideBadge.tsx';
import { useSession, useUser } from '../session/session-context.ts';

/** Who is signed in, for which side and with which roles, and the way out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const user = useUser();
  const roles = [...new Set(user.roles.map((grant) => t(`roles.${grant.role}`)))];
  return (
    <section className="user-menu" aria-label={t('user.menuLabel')}>
      <div className="user-identity">
        <span className="user-name" data-testid="user-name">
          {user.displayName}
        </span>
        <span className="user-meta">
          <SideBadge side={user.side} title={t('user.side', { side: user.side })} />{' '}
          <span className="user-roles">{roles.length > 0 ? roles.join(' · ') : t('user.noRoles')}</span>
        </span>
      </div>
      <Link className="button button-quiet" to="/account/password">
        {t('user.changePassword')}
      </Link>
      <button
        type="button"
        className="button button-secondary"
        data-testid="sign-out"
        onClick={() => {
          signOut().catch(() => undefined);
        }}
      >
        {t('user.signOut')}
      </button>
    </section>
  );
}
