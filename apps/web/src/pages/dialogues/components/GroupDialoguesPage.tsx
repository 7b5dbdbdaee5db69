import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useUser } from '../../../session/session-context.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { plain, uiLang } from '../../../lib/bilingual.ts';
import { RoundList } from './RoundList.tsx';
import { TitledTextForm } from './TitledTextForm.tsx';
import { groupKeys, groupsApi } from '../../../api/groups.ts';
import { groupAccess } from '../../../lib/group-access.ts';
import { dialogueKeys, dialoguesApi } from '../api.ts';

/** A group's dialogue tracks, each with its rounds; co-chairs and admins open tracks and plan rounds. */
export function GroupDialoguesPage() {
  const { t, i18n } = useTranslation('groups');
  const { groupId = '' } = useParams();
  const user = useUser();
  const groupQuery = useQuery({ queryKey: groupKeys.detail(groupId), queryFn: () => groupsApi.get(groupId) });
  const tracksQuery = useQuery({ queryKey: dialogueKeys.tracks(groupId), queryFn: () => dialoguesApi.tracks(groupId) });
  if (!groupQuery.isSuccess || !tracksQuery.isSuccess) {
    const failed = groupQuery.isError ? groupQuery : tracksQuery.isError ? tracksQuery : null;
    return (
      <>
        <PageHeader title={t('dialogues.title')} />
        {failed ? <ErrorMessage error={failed.error} onRetry={() => void failed.refetch()} /> : <Loading />}
      </>
    );
  }
  const group = groupQuery.data;
  const tracks = tracksQuery.data;
  const access = groupAccess(user, group);
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/groups/${group.id}`}>{plain(group.name, uiLang(i18n.language))}</Link>
      </p>
      <PageHeader title={t('dialogues.groupTitle', { group: plain(group.name, uiLang(i18n.language)) })} intro={t('dialogues.groupIntro')} />
      {tracks.length === 0 && (
        <EmptyState title={t('tracks.emptyTitle')}>
          <p>{access.manager ? t('tracks.emptyManager') : t('tracks.empty')}</p>
        </EmptyState>
      )}
      {tracks.map((track) => (
        <section key={track.id} className="section track" data-testid="track" data-track-id={track.id}>
          <Bilingual text={track.title}>{(title, lang) => <h2 lang={lang}>{title}</h2>}</Bilingual>
          {track.description && (
            <Bilingual text={track.description}>
              {(text, lang) => (
                <p className="prose pre-wrap" lang={lang}>
                  {text}
                </p>
              )}
            </Bilingual>
          )}
          <RoundList track={track} group={group} canPlan={access.manager} />
        </section>
      ))}
      {access.manager && <NewTrackForm groupId={group.id} />}
    </>
  );
}

function NewTrackForm({ groupId }: { groupId: string }) {
  const { t } = useTranslation('groups');
  return (
    <TitledTextForm
      testId="new-track"
      name="track"
      labels={{ open: t('tracks.new'), title: t('tracks.trackTitle'), description: t('tracks.description'), submit: t('tracks.create'), done: t('tracks.added') }}
      save={(body) => dialoguesApi.createTrack(groupId, body)}
      invalidate={[dialogueKeys.tracks(groupId)]}
    />
  );
}
