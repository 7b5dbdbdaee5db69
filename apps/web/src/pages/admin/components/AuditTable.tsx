import type { AuditEntry } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { AuditChanges } from './AuditChanges.tsx';
import { DataTable } from '../../../components/DataTable.tsx';

/**
 * The log as recorded: who by name (their email on hover), and the action, record and changes as the
 * server stored them, marked translate="no" since they are data, not wording.
 */
export function AuditTable({ entries, names }: { entries: AuditEntry[]; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (entries.length === 0) return <p className="empty-inline">{t('admin.audit.empty')}</p>;
  return (
    <DataTable testId="audit-table" columns={[t('admin.audit.columns.when'), t('admin.audit.columns.who'), t('admin.audit.columns.action'), t('admin.audit.columns.entity'), t('admin.audit.columns.changes')]}>
      {entries.map((entry) => (
        <tr key={entry.id}>
          <td className="cell-tight">
            <time dateTime={entry.at}>{f.dateTime(entry.at)}</time>
          </td>
          <td title={entry.actorEmail ?? undefined}>{(entry.actorId && names.get(entry.actorId)) ?? entry.actorEmail ?? t('admin.audit.system')}</td>
          <td className="cell-tight" translate="no">
            <code>{entry.action}</code>
          </td>
          <td translate="no">
            <code>{entry.entity}</code>
            <br />
            <code className="muted small">{entry.entityId}</code>
          </td>
          <td>
            <AuditChanges before={entry.before} after={entry.after} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
