import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useNodeInfo } from './api.ts';

/** The admin menu entry for the federation page, shown only when this node is federated. */
export function FederationNavItem({ linkClass, onNavigate }: { linkClass: (s: { isActive: boolean }) => string; onNavigate: () => void }) {
  const { t } = useTranslation('federation');
  const node = useNodeInfo();
  if (!node.data?.federated) return null;
  return (
    <li>
      <NavLink to="/admin/federation" className={linkClass} onClick={onNavigate} data-testid="nav-federation">
        {t('nav')}
      </NavLink>
    </li>
  );
}
