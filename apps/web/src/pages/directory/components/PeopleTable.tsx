import type { Organization, Person } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { DemoBadge } from '../../../components/DemoBadge.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { primaryName } from '../../../lib/names.ts';
import { CorrectSide } from './CorrectSide.tsx';
import { NameList } from './NameList.tsx';
import type { SideCorrection } from './OrganizationsTable.tsx';
import { DataTable } from '../../../components/DataTable.tsx';

interface PeopleTableProps {
  people: Person[];
  organizations: readonly Organization[];
  emptyText: string;
  correction?: SideCorrection;
}

export function PeopleTable({ people, organizations, emptyText, correction }: PeopleTableProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'zh' ? 'zh' : 'en';
  const byId = new Map(organizations.map((org) => [org.id, org]));
  if (people.length === 0) return <p className="empty-inline">{emptyText}</p>;
  return (
    <DataTable testId="people-table" columns={[t('directory.columns.names'), t('directory.columns.side'), t('directory.columns.affiliation'), t('directory.columns.email')]}>
      {people.map((person) => {
        const affiliation = person.affiliationId ? byId.get(person.affiliationId) : undefined;
        return (
          <tr key={person.id} data-side={person.side}>
            <td>
              <NameList names={person.names}>{person.isDemo && <DemoBadge />}</NameList>
            </td>
            <td className="cell-tight">
              <SideBadge side={person.side} />
              {correction && <CorrectSide kind="person" party={person} sides={correction.sides} onCorrected={correction.onCorrected} />}
            {correction && <CorrectSide kind="person" party={person} sides={correction.sides} onCorrected={correction.onCorrected} />}
            </td>
            <td>{affiliation ? primaryName(affiliation.names, locale) : t('common.none')}</td>
            <td>{person.email ?? t('common.none')}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
