import { useTranslation } from 'react-i18next';

type Kind = 'group' | 'round' | 'convergence' | 'action' | 'minutes';

/** A workflow status as a tinted tag; `data-status` lets tests read it in any language. */
export function StatusBadge({ kind, status }: { kind: Kind; status: string }) {
  const { t } = useTranslation('groups');
  return (
    <span className={`badge status-badge status-${status}`} data-status={status}>
      {/* Keys are `status.<kind>.<status>`; the contracts' enums and en.json list the same values. */}
      {t(`status.${kind}.${status}` as 'status.group.active')}
    </span>
  );
}
