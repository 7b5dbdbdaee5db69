import { useTranslation } from 'react-i18next';
import { diffRecords, formatValue } from '../../../lib/audit-diff.ts';

/** The before/after diff of one entry, collapsed until asked for. */
export function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const changes = diffRecords(before, after);
  if (changes.length === 0) return <span className="muted">{t('admin.audit.noChanges')}</span>;
  return (
    <details className="diff">
      <summary>{t('admin.audit.showChanges', { count: changes.length })}</summary>
      <table className="diff-table" translate="no">
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.field')}</th>
            <th scope="col">{t('admin.audit.before')}</th>
            <th scope="col">{t('admin.audit.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.field}>
              <th scope="row">{change.field}</th>
              <td className="diff-before">{formatValue(change.before)}</td>
              <td className="diff-after">{formatValue(change.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
