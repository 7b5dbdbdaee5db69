import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { hasRole, useUser } from '../../../session/session-context.ts';
import { projectKeys, projectsApi, proposableGroups } from '../api.ts';
import { carry } from '../lib/carried-error.ts';
import { EMPTY_PROPOSAL, toProjectInput, type ProposalDraft } from '../lib/proposal.ts';
import { ProposalForm } from './ProposalForm.tsx';

export function NewProjectPage() {
  const { t } = useTranslation('projects');
  const user = useUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const groups = useQuery({ queryKey: projectKeys.proposableGroups(hasRole(user, 'admin')), queryFn: () => proposableGroups(hasRole(user, 'admin')) });

  async function handleSave(draft: ProposalDraft, submit: boolean) {
    const created = await projectsApi.create(toProjectInput(draft));
    if (!submit) return navigate(`/projects/${created.id}`);
    try {
      await projectsApi.transition(created.id, 'submit', created.version);
      await navigate(`/projects/${created.id}`);
    } catch (error) {
      await navigate(`/projects/${created.id}`, { state: { submitError: carry(error) } });
    }
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/projects">{t('list.title')}</Link>
      </p>
      <PageHeader title={t('form.title')} intro={t('form.intro')} />
      {groups.status === 'pending' && <Loading />}
      {groups.status === 'error' && <ErrorMessage error={groups.error} onRetry={() => void groups.refetch()} />}
      {groups.status === 'success' && groups.data.length === 0 && (
        <EmptyState title={t('form.noGroupTitle')}>
          <p>{t('form.noGroup')}</p>
          <Link to="/groups" className="button button-secondary">
            {t('form.openGroups')}
          </Link>
        </EmptyState>
      )}
      {groups.status === 'success' && groups.data.length > 0 && (
        <ProposalForm
          initial={{ ...EMPTY_PROPOSAL, groupId: groups.data.find((g) => g.id === params.get('group'))?.id ?? (groups.data.length === 1 ? (groups.data[0]?.id ?? '') : '') }}
          groups={groups.data}
          onSave={handleSave}
          onCancel={() => void navigate('/projects')}
        />
      )}
    </>
  );
}
