import { useTranslation } from 'react-i18next';
import type { TransferVerdict, YardVerdict } from '@qiao/contracts';

/** The technology yard's or a transfer's verdict; the tint says how much attention it needs. */
export function VerdictBadge({ verdict, testId }: { verdict: YardVerdict | TransferVerdict; testId?: string }) {
  const { t } = useTranslation('projects');
  return (
    <span className={`badge verdict verdict-${verdict}`} data-testid={testId} data-verdict={verdict}>
      {t(`verdict.${verdict}`)}
    </span>
  );
}
