import { SCREENING_STATUSES, type ScreeningStatus } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';

const isStatus = (s: string): s is ScreeningStatus => (SCREENING_STATUSES as readonly string[]).includes(s);

/** A party's screening status against both sides' lists; unknown while it has never been screened. */
export function ScreeningBadge({ status }: { status: string | null }) {
  const { t } = useTranslation('projects');
  const known = status !== null && isStatus(status) ? status : null;
  return (
    <span className={`badge screening screening-${known ?? 'unknown'}`} data-testid="screening-status" data-status={known ?? 'unknown'}>
      {known ? t(`screening.${known}`) : t('screening.unknown')}
    </span>
  );
}
