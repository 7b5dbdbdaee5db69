import type { Group, Project } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { useAreaLabel } from '../../../lib/technology-area.ts';
import { formatDateTime, htmlLang, pick, uiLang } from '../lib/lang.ts';
import { StatusBadge } from '../../../components/StatusBadge.tsx';

/** A project in the list: title in the reader's language, status, group, sides and open flags. */
export function ProjectCard({ project, group }: { project: Project; group: Group | undefined }) {
  const { t, i18n } = useTranslation('projects');
  const lang = uiLang(i18n.language);
  const areaLabel = useAreaLabel();
  const title = pick(project.title, lang);
  const sides = [...new Set(project.parties.map((p) => p.side).filter(Boolean))];
  const flags = project.checks?.flags.length ?? 0;
  return (
    <li className="card project-card" data-testid="project-card" data-status={project.status} data-id={project.id}>
      <h2 className="project-card-title" lang={htmlLang(title.lang)}>
        <Link to={project.id} className="card-link">
          {title.text || t('detail.untitled')}
        </Link>
      </h2>
      <p className="project-meta">
        <StatusBadge kind="projectStatus" value={project.status} testId="project-status" />
        {sides.map((s) => (
          <SideBadge key={s} side={s} />
        ))}
        {flags > 0 && <span className="badge badge-warn">{t('list.flags', { count: flags })}</span>}
        {project.pendingReviewSides.length > 0 && (
          <span className="badge badge-warn">{t('list.awaitingReview', { sides: project.pendingReviewSides.join(', ') })}</span>
        )}
      </p>
      <dl className="project-facts">
        {group && (
          <>
            <dt>{t('detail.group')}</dt>
            <dd>{pick(group.name, lang).text}</dd>
          </>
        )}
        <dt>{t('detail.technologyArea')}</dt>
        <dd>{areaLabel(project.technologyArea)}</dd>
        <dt>{t('detail.updated')}</dt>
        <dd>{formatDateTime(project.updatedAt, lang)}</dd>
      </dl>
    </li>
  );
}
