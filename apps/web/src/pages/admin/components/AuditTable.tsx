import type { AuditEntry } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { AuditChanges } from './AuditChanges.tsx';

/** Ids are mostly UUIDs: the first block tells entries apart on screen, the tooltip has the rest. */
function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const dateLocale = i18n.language === 'zh' ? 'zh-CN' : 'en';
  if (entries.length === 0) return <p className="empty-inline">{t('admin.audit.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.columns.when')}</th>
            <th scope="col">{t('admin.audit.columns.who')}</th>
            <th scope="col">{t('admin.audit.columns.action')}</th>
            <th scope="col">{t('admin.audit.columns.entity')}</th>
            <th scope="col">{t('admin.audit.columns.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="cell-tight">
                <time dateTime={entry.at}>{new Date(entry.at).toLocaleString(dateLocale)}</time>
              </td>
              <td>{entry.actorEmail ?? t('admin.audit.system')}</td>
              <td className="cell-tight">
                <code>{entry.action}</code>
              </td>
              <td>
                <code>{entry.entity}</code>
                <br />
                <span className="muted mono" title={entry.entityId}>
                  {shortId(entry.entityId)}
                </span>
              </td>
              <td>
                <AuditChanges before={entry.before} after={entry.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
