import type { GroupDetail } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { usePageTitle } from '../../../hooks/use-page-title.ts';
import { useQuery } from '@tanstack/react-query';
import { useUser } from '../../../session/session-context.ts';
import { groupKeys, groupsApi } from '../../../api/groups.ts';
import { useAreaLabel } from '../../../lib/technology-area.ts';
import { groupAccess } from '../../../lib/group-access.ts';
import { plain, uiLang } from '../../../lib/bilingual.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { CharterSection } from './CharterSection.tsx';
import { CoChairAdmin } from './CoChairAdmin.tsx';
import { GroupActions } from './GroupActions.tsx';
import { GroupStatusControl } from './GroupStatusControl.tsx';
import { JoinSection } from './JoinSection.tsx';
import { MembersSection } from './MembersSection.tsx';
import { ResultsSection } from './ResultsSection.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';

export function GroupPage() {
  const { t } = useTranslation('groups');
  const { id = '' } = useParams();
  const group = useQuery({ queryKey: groupKeys.detail(id), queryFn: () => groupsApi.get(id) });
  if (!group.isSuccess) {
    return (
      <>
        <PageHeader title={t('group.loadingTitle')} />
        {group.isPending ? <Loading /> : <ErrorMessage error={group.error} onRetry={() => void group.refetch()} />}
        <p>
          <Link to="..">{t('list.back')}</Link>
        </p>
      </>
    );
  }
  return <GroupView group={group.data} />;
}

function GroupView({ group }: { group: GroupDetail }) {
  const { t, i18n } = useTranslation('groups');
  const user = useUser();
  const access = groupAccess(user, group);
  const areaLabel = useAreaLabel();
  usePageTitle(plain(group.name, uiLang(i18n.language)));
  return (
    <article className="group-page" data-testid="group-page" data-group-id={group.id}>
      <p className="breadcrumb">
        <Link to="..">{t('list.back')}</Link>
      </p>
      <header className="page-header">
        <div>
          <Bilingual text={group.name}>{(name, lang) => <h1 lang={lang}>{name}</h1>}</Bilingual>
          <p className="meta-row">
            <StatusBadge kind="groupStatus" value={group.status} />
            <span>{t('group.area', { area: areaLabel(group.technologyArea) })}</span>
            {group.sides.map((s) => (
              <SideBadge key={s} side={s} />
            ))}
          </p>
        </div>
        <div className="header-actions">
          <Link to={`/dialogues/groups/${group.id}`} className="button button-primary" data-testid="open-dialogues">
            {t('group.openDialogues')}
          </Link>
          <Link to="record" className="button button-secondary" data-testid="open-record">
            {t('record.title')}
          </Link>
        </div>
      </header>
      {access.manager && <GroupStatusControl group={group} />}
      <CharterSection group={group} canEdit={access.manager} />
      <GroupActions group={group} access={access} overdueOnly />
      <MembersSection group={group} />
      <JoinSection group={group} access={access} />
      {access.admin && <CoChairAdmin group={group} />}
      <GroupActions group={group} access={access} />
      <ResultsSection group={group} canManage={access.manager} />
    </article>
  );
}
