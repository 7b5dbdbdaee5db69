import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { filterParties } from '../../lib/names.ts';
import { hasRole, useUser } from '../../session/session-context.ts';
import { directoryKeys, directoryQuery } from './api.ts';
import { DirectoryFilters } from './components/DirectoryFilters.tsx';
import { OrganizationForm } from './components/OrganizationForm.tsx';
import { OrganizationsTable } from './components/OrganizationsTable.tsx';
import { PartyProposals } from './components/PartyProposals.tsx';
import { PeopleTable } from './components/PeopleTable.tsx';
import { PersonForm } from './components/PersonForm.tsx';

export function DirectoryPage() {
  const { t } = useTranslation();
  const isAdmin = hasRole(useUser(), 'admin');
  const queryClient = useQueryClient();
  const directory = useQuery(directoryQuery);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: directoryKeys.all });
  // Filters live in the address, so a filtered view can be linked to and survives a reload.
  const [params, setParams] = useSearchParams();
  const filter = { side: params.get('side') ?? '', query: params.get('q') ?? '' };

  function handleFilterChange(next: typeof filter) {
    const search = new URLSearchParams();
    if (next.side) search.set('side', next.side);
    if (next.query) search.set('q', next.query);
    setParams(search, { replace: true });
  }

  if (!directory.data) {
    return (
      <>
        <PageHeader title={t('directory.title')} intro={t('directory.intro')} />
        {directory.isError ? <ErrorMessage error={directory.error} onRetry={() => void directory.refetch()} /> : <Loading />}
      </>
    );
  }

  const { sides, organizations, people } = directory.data;
  const shownOrganizations = filterParties(organizations, filter);
  const shownPeople = filterParties(people, filter);
  const correction = isAdmin ? { sides, onCorrected: refresh } : undefined;

  return (
    <>
      <PageHeader title={t('directory.title')} intro={t('directory.intro')} />
      <DirectoryFilters sides={sides} value={filter} onChange={handleFilterChange} />

      <section id="organizations" aria-labelledby="directory-organizations" className="section">
        <div className="section-header">
          <h2 id="directory-organizations">{t('directory.organizations')}</h2>
          <p className="muted">
            {t('common.showing', { shown: shownOrganizations.length, total: organizations.length })}
          </p>
        </div>
        <OrganizationsTable
          organizations={shownOrganizations}
          emptyText={organizations.length === 0 ? t('directory.nothingYetOrganizations') : t('directory.emptyOrganizations')}
          correction={correction}
        />
        {isAdmin && <OrganizationForm sides={sides} onCreated={refresh} />}
      </section>

      <section id="people" aria-labelledby="directory-people" className="section">
        <div className="section-header">
          <h2 id="directory-people">{t('directory.people')}</h2>
          <p className="muted">{t('common.showing', { shown: shownPeople.length, total: people.length })}</p>
        </div>
        <PeopleTable
          people={shownPeople}
          organizations={organizations}
          emptyText={people.length === 0 ? t('directory.nothingYetPeople') : t('directory.emptyPeople')}
          correction={correction}
        />
        {isAdmin && <PersonForm sides={sides} organizations={organizations} onCreated={refresh} />}
      </section>

      <PartyProposals sides={sides} onAccepted={refresh} />
    </>
  );
}
