import { ROUND_TRANSITIONS, type GroupDetail, type RoundDetail, type RoundStatus } from '@qiao/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle } from '../../../hooks/use-page-title.ts';
import { useUser } from '../../../session/session-context.ts';
import { useLiveObject } from '../../inbox/index.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { ConfirmButton } from '../../../components/ConfirmDialog.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { plain, uiLang } from '../../../lib/bilingual.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { AddItemForm } from './AddItemForm.tsx';
import { AddToCalendar } from './AddToCalendar.tsx';
import { AgendaItemCard } from './AgendaItemCard.tsx';
import { MinutesSection } from './MinutesSection.tsx';
import { Participants, RoundPlace } from './RoundList.tsx';
import { groupKeys, groupsApi } from '../../../api/groups.ts';
import { groupAccess, type GroupAccess } from '../../../lib/group-access.ts';
import { dialogueKeys, dialoguesApi } from '../api.ts';

/** One round: its agenda with each side's position per item and convergence, then the minutes. */
export function RoundPage() {
  const { t } = useTranslation('groups');
  const { roundId = '' } = useParams();
  const user = useUser();
  const queryClient = useQueryClient();
  const round = useQuery({ queryKey: dialogueKeys.round(roundId), queryFn: () => dialoguesApi.round(roundId) });
  const groupId = round.data?.groupId ?? '';
  const group = useQuery({ queryKey: groupKeys.detail(groupId), queryFn: () => groupsApi.get(groupId), enabled: groupId !== '' });
  // Positions, convergence, minutes and approvals saved in another browser show here at once.
  useLiveObject('round', roundId, () => {
    void queryClient.invalidateQueries({ queryKey: dialogueKeys.round(roundId) });
    void queryClient.invalidateQueries({ queryKey: dialogueKeys.minutes() });
  });
  if (!round.isSuccess || !group.isSuccess) {
    const failed = round.isError ? round : group.isError ? group : null;
    return (
      <>
        <PageHeader title={t('round.loadingTitle')} />
        {failed ? <ErrorMessage error={failed.error} onRetry={() => void failed.refetch()} /> : <Loading />}
      </>
    );
  }
  return <RoundView round={round.data} group={group.data} access={groupAccess(user, group.data)} />;
}

function RoundView({ round, group, access }: { round: RoundDetail; group: GroupDetail; access: GroupAccess }) {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  usePageTitle(plain(round.title, lang));
  return (
    <article data-testid="round-page" data-round-id={round.id}>
      <p className="breadcrumb">
        <Link to={`/dialogues/groups/${group.id}`}>{plain(group.name, lang)}</Link>
      </p>
      <header className="page-header">
        <div>
          <Bilingual text={round.title}>{(title, l) => <h1 lang={l}>{title}</h1>}</Bilingual>
          <p className="meta-row">
            <StatusBadge kind="roundStatus" value={round.status} />
            <span>
              {formatDateTime(round.startsAt, lang)}
              {round.endsAt && ` – ${formatDateTime(round.endsAt, lang)}`}
            </span>
            <span>
              <RoundPlace round={round} />
            </span>
            <AddToCalendar roundId={round.id} />
          </p>
        </div>
        {access.manager && <RoundStatusControl round={round} />}
      </header>
      <section className="section" aria-labelledby="participants-title">
        <h2 id="participants-title">{t('rounds.participants')}</h2>
        <Participants round={round} />
      </section>
      <section className="section" aria-labelledby="agenda-title" data-testid="agenda">
        <h2 id="agenda-title">{t('agenda.title')}</h2>
        {round.agenda.length === 0 && <p className="muted">{t('agenda.none')}</p>}
        <ol className="plain-list agenda-list">
          {round.agenda.map((item) => (
            <AgendaItemCard key={item.id} item={item} group={group} access={access} />
          ))}
        </ol>
        {access.manager && <AddItemForm roundId={round.id} />}
      </section>
      <MinutesSection round={round} group={group} access={access} />
    </article>
  );
}

function RoundStatusControl({ round }: { round: RoundDetail }) {
  const { t } = useTranslation('groups');
  const submit = useSubmit();
  const next = ROUND_TRANSITIONS[round.status];
  async function handleChange(status: RoundStatus) {
    await submit.run(() => dialoguesApi.updateRound(round.id, { status, version: round.version }), {
      success: t('rounds.statusChanged'),
      invalidate: [dialogueKeys.round(round.id), dialogueKeys.rounds(round.trackId)],
    });
  }
  if (next.length === 0) return null;
  return (
    <div className="header-actions" data-testid="round-status-control">
      {next.map((s) =>
        // A closed round cannot be opened again, so closing asks once more.
        s === 'closed' ? (
          <ConfirmButton
            key={s}
            label={t('rounds.markAs.closed')}
            confirmLabel={t('rounds.markAs.closed')}
            testId="close-round"
            disabled={submit.busy}
            busy={submit.busy}
            onConfirm={() => void handleChange(s)}
          >
            <p>{t('rounds.closeConfirm')}</p>
          </ConfirmButton>
        ) : (
          <button key={s} type="button" className="button button-secondary" disabled={submit.busy} onClick={() => void handleChange(s)}>
            {t(`rounds.markAs.${s}`)}
          </button>
        ),
      )}
      {submit.error !== null && <ErrorMessage error={submit.error} />}
    </div>
  );
}
