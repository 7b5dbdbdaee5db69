import { useTranslation } from 'react-i18next';

const CLASS: Record<string, string> = { clear: 'badge', potential_match: 'badge badge-warn', confirmed_match: 'badge badge-danger', cleared_by_decision: 'badge badge-ok' };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('screening');
  const key = (['clear', 'potential_match', 'confirmed_match', 'cleared_by_decision'] as const).find((s) => s === status);
  return <span className={CLASS[status] ?? 'badge'}>{key ? t(`status.${key}`) : status}</span>;
}
