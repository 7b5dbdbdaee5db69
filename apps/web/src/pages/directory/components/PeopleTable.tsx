import type { Organization, Person } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { DemoBadge } from '../../../components/DemoBadge.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { primaryName } from '../../../lib/names.ts';
import { CorrectSide } from './CorrectSide.tsx';
import { NameList } from './NameList.tsx';
import type { SideCorrection } from './OrganizationsTable.tsx';

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
    <div className="table-wrap">
      <table className="table" data-testid="people-table">
        <thead>
          <tr>
            <th scope="col">{t('directory.columns.names')}</th>
            <th scope="col">{t('directory.columns.side')}</th>
            <th scope="col">{t('directory.columns.affiliation')}</th>
            <th scope="col">{t('directory.columns.email')}</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
