import { toneOf, type EnumKind } from '../lib/enum-labels.ts';
import { useEnumLabel } from '../lib/use-enum-label.ts';

interface StatusBadgeProps {
  kind: EnumKind;
  value: string;
  testId?: string;
}

/**
 * Any workflow status or verdict the server sends, as a tinted tag with its translated label;
 * `data-status` lets tests read it in either language.
 */
export function StatusBadge({ kind, value, testId }: StatusBadgeProps) {
  const label = useEnumLabel();
  return (
    <span className={`badge status-badge tone-${toneOf(kind, value)}`} data-status={value} data-kind={kind} data-testid={testId}>
      {label(kind, value)}
    </span>
  );
}
