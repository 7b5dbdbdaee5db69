import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { projectKeys, projectsApi } from '../api.ts';
import { carry } from '../lib/carried-error.ts';
import { pick, uiLang } from '../lib/lang.ts';
import { fromProject, toProjectInput, type ProposalDraft } from '../lib/proposal.ts';
import { ProposalForm } from './ProposalForm.tsx';

/** Edit a draft or a project sent back for changes; saving names the version it was based on. */
export function EditProjectPage() {
  const { t, i18n } = useTranslation('projects');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const data = useQuery({ queryKey: [...projectKeys.detail(id), 'with-groups'], queryFn: () => Promise.all([projectsApi.get(id), projectsApi.groups()]) });

  async function handleSave(version: number, draft: ProposalDraft, submit: boolean) {
    const { groupId: _group, ...fields } = toProjectInput(draft);
    const saved = await projectsApi.update(id, { ...fields, version });
    if (!submit) return navigate(`/projects/${id}`);
    try {
      await projectsApi.transition(id, 'submit', saved.version);
      await navigate(`/projects/${id}`);
    } catch (error) {
      await navigate(`/projects/${id}`, { state: { submitError: carry(error) } });
    }
  }

  if (data.status === 'pending') return <Loading />;
  if (data.status === 'error') return <ErrorMessage error={data.error} onRetry={() => void data.refetch()} />;
  const [project, groups] = data.data;
  const title = pick(project.title, uiLang(i18n.language)).text;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/projects">{t('list.title')}</Link> / <Link to={`/projects/${id}`}>{title}</Link>
      </p>
      <PageHeader title={t('form.editTitle')} intro={t('form.editIntro')} />
      {!project.allowedActions.includes('submit') && <p className="alert alert-error">{t('form.notEditable')}</p>}
      <ProposalForm
        initial={fromProject(project)}
        groups={groups.filter((g) => g.id === project.groupId)}
        lockGroup
        onSave={(draft, submit) => handleSave(project.version, draft, submit)}
        onCancel={() => void navigate(`/projects/${id}`)}
      />
    </>
  );
}
