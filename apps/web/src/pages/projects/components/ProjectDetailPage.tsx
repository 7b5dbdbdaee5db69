import type { Project, ProjectHistoryEntry } from '@qiao/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useUser } from '../../../session/session-context.ts';
import { useLiveObject } from '../../inbox/index.ts';
import { useAreaLabel } from '../../../lib/technology-area.ts';
import { projectKeys, projectsApi } from '../api.ts';
import { restore } from '../lib/carried-error.ts';
import { htmlLang, otherLang, pick, uiLang } from '../lib/lang.ts';
import { ActionBar } from './ActionBar.tsx';
import { FlagsBySide } from './FlagsBySide.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { PreChecks } from './PreChecks.tsx';
import { ProjectOverview } from './ProjectOverview.tsx';
import { SignOffs } from './SignOffs.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const queryClient = useQueryClient();
  const project = useQuery({ queryKey: projectKeys.detail(id), queryFn: () => projectsApi.get(id) });
  const history = useQuery({ queryKey: projectKeys.history(id), queryFn: () => projectsApi.history(id) });
  const groups = useQuery({ queryKey: projectKeys.groups(), queryFn: projectsApi.groups });
  const [carried] = useState(() => restore(location.state));
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: projectKeys.detail(id) }), [queryClient, id]);
  // Reviews, sign-offs and re-checks made elsewhere show here at once.
  useLiveObject('project', id, refresh);

  const handleChanged = useCallback(
    (next: Project) => {
      // The answer is the new state: show it at once, then refresh the history and the list.
      queryClient.setQueryData(projectKeys.detail(id), next);
      void queryClient.invalidateQueries({ queryKey: projectKeys.history(id) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
    [queryClient, id],
  );

  const error = project.error ?? history.error ?? groups.error;
  if (error) return <ErrorMessage error={error} onRetry={() => void Promise.all([project.refetch(), history.refetch(), groups.refetch()])} />;
  if (!project.data || !history.data || !groups.data) return <Loading />;
  return (
    <ProjectView
      project={project.data}
      history={history.data}
      groupName={groups.data.find((g) => g.id === project.data.groupId)?.name}
      carriedError={carried}
      onChanged={handleChanged}
    />
  );
}

interface ProjectViewProps {
  project: Project;
  history: ProjectHistoryEntry[];
  groupName: Project['title'] | undefined;
  carriedError: unknown;
  onChanged: (next: Project) => void;
}

function ProjectView({ project, history, groupName, carriedError, onChanged }: ProjectViewProps) {
  const { t, i18n } = useTranslation('projects');
  const user = useUser();
  const lang = uiLang(i18n.language);
  const areaLabel = useAreaLabel();
  const title = pick(project.title, lang);
  const other = project.title[otherLang(title.lang)];
  return (
    <>
      <p className="breadcrumb">
        <Link to="/projects">{t('list.title')}</Link>
      </p>
      <PageHeader
        title={title.text || t('detail.untitled')}
        intro={other ? <span lang={htmlLang(otherLang(title.lang))}>{other}</span> : undefined}
      />
      <div className="project-summary">
        <StatusBadge kind="projectStatus" value={project.status} testId="project-status" />
        {project.title.flag !== 'ok' && <span className="badge badge-warn">{t(`bilingualFlag.${project.title.flag}`)}</span>}
        <dl className="project-facts inline-facts">
          {groupName && (
            <>
              <dt>{t('detail.group')}</dt>
              <dd>{pick(groupName, lang).text}</dd>
            </>
          )}
          <dt>{t('detail.technologyArea')}</dt>
          <dd>{areaLabel(project.technologyArea)}</dd>
          {project.keywords.length > 0 && (
            <>
              <dt>{t('detail.keywords')}</dt>
              <dd>{project.keywords.join(', ')}</dd>
            </>
          )}
        </dl>
      </div>
      <p className="next-step" data-testid="next-step">
        {project.status === 'under_review' && project.pendingReviewSides.length === 0
          ? t('next.under_review_signoff')
          : t(`next.${project.status}`, { sides: project.pendingReviewSides.join(', ') })}
      </p>
      <ActionBar key={project.version} project={project} onChanged={onChanged} initialError={project.version === 1 || project.status === 'draft' ? carriedError : null} />
      <ProjectOverview project={project} />
      <PreChecks project={project} />
      <FlagsBySide project={project} user={user} onChanged={onChanged} />
      <SignOffs project={project} />
      <HistoryTimeline entries={history} />
    </>
  );
}
