import type { Project } from '@qiao/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { useUser } from '../../../session/session-context.ts';
import { useLiveObject } from '../../inbox/index.ts';
import { projectsApi } from '../api.ts';
import { restore } from '../lib/carried-error.ts';
import { htmlLang, otherLang, pick, uiLang } from '../lib/lang.ts';
import { ActionBar } from './ActionBar.tsx';
import { FlagsBySide } from './FlagsBySide.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { PreChecks } from './PreChecks.tsx';
import { ProjectOverview } from './ProjectOverview.tsx';
import { SignOffs } from './SignOffs.tsx';
import { StatusBadge } from './StatusBadge.tsx';

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const [generation, setGeneration] = useState(0);
  const data = useResource(() => Promise.all([projectsApi.get(id), projectsApi.history(id), projectsApi.groups()]), [id, generation]);
  const [carried] = useState(() => restore(location.state));
  // Reviews, sign-offs and re-checks made elsewhere show here at once.
  useLiveObject('project', id, data.reload);

  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorMessage error={data.error} onRetry={data.reload} />;
  const [project, history, groups] = data.data;
  return (
    <ProjectView
      project={project}
      history={history}
      groupName={groups.find((g) => g.id === project.groupId)?.name}
      carriedError={carried}
      onChanged={() => setGeneration((n) => n + 1)}
    />
  );
}

interface ProjectViewProps {
  project: Project;
  history: Awaited<ReturnType<typeof projectsApi.history>>;
  groupName: Project['title'] | undefined;
  carriedError: unknown;
  onChanged: (next: Project) => void;
}

function ProjectView({ project, history, groupName, carriedError, onChanged }: ProjectViewProps) {
  const { t, i18n } = useTranslation('projects');
  const user = useUser();
  const lang = uiLang(i18n.language);
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
        <StatusBadge status={project.status} />
        {project.title.flag !== 'ok' && <span className="badge badge-warn">{t(`bilingualFlag.${project.title.flag}`)}</span>}
        <dl className="project-facts inline-facts">
          {groupName && (
            <>
              <dt>{t('detail.group')}</dt>
              <dd>{pick(groupName, lang).text}</dd>
            </>
          )}
          <dt>{t('detail.technologyArea')}</dt>
          <dd>{project.technologyArea}</dd>
          {project.keywords.length > 0 && (
            <>
              <dt>{t('detail.keywords')}</dt>
              <dd>{project.keywords.join(', ')}</dd>
            </>
          )}
        </dl>
      </div>
      <p className="next-step" data-testid="next-step">
        {t(`next.${project.status}`, { sides: project.pendingReviewSides.join(', ') })}
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
