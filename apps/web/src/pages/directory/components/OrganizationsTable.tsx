import type { Organization, Side } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { DemoBadge } from '../../../components/DemoBadge.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { CorrectSide } from './CorrectSide.tsx';
import { NameList } from './NameList.tsx';
import { DataTable } from '../../../components/DataTable.tsx';

/** Admins get a side correction on each row; the side is otherwise read-only once a party exists. */
export interface SideCorrection {
  sides: readonly Side[];
  onCorrected: () => void;
}

export function OrganizationsTable({ organizations, emptyText, correction }: { organizations: Organization[]; emptyText: string; correction?: SideCorrection }) {
  const { t } = useTranslation();
  if (organizations.length === 0) return <p className="empty-inline">{emptyText}</p>;
  return (
    <DataTable testId="organizations-table" columns={[t('directory.columns.names'), t('directory.columns.side'), t('directory.columns.country'), t('directory.columns.kind')]}>
      {organizations.map((org) => (
        <tr key={org.id} data-side={org.side}>
          <td>
            <NameList names={org.names}>{org.isDemo && <DemoBadge />}</NameList>
            {org.website && (
              <a className="row-link" href={org.website} rel="noreferrer noopener" target="_blank">
                {org.website.replace(/^https?:\/\//, '')}
              </a>
            )}
          </td>
          <td className="cell-tight">
            <SideBadge side={org.side} />
            {correction && <CorrectSide kind="organization" party={org} sides={correction.sides} onCorrected={correction.onCorrected} />}
          </td>
          <td className="cell-tight">{org.country}</td>
          <td className="cell-tight">{t(`directory.kinds.${org.kind}`)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
