import type { AccessLevel } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';

/** The access level as a tinted tag; an embargo shows its date. */
export function AccessBadge({ level, embargoUntil }: { level: AccessLevel; embargoUntil?: string | null }) {
  const { t } = useTranslation('datasets');
  return (
    <span className={`badge access-${level}`} data-testid="access-badge">
      {level === 'embargoed' && embargoUntil ? t('access.embargoedUntil', { date: embargoUntil }) : t(`access.${level}`)}
    </span>
  );
}
