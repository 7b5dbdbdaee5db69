import type { ProjectStatus } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';

/** A project's workflow status, tinted by how far along it is. */
export function StatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation('projects');
  return (
    <span className={`badge project-status status-${status}`} data-testid="project-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
