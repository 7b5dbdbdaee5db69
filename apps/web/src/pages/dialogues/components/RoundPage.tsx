import { ROUND_TRANSITIONS, type GroupDetail, type RoundDetail, type RoundStatus } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle } from '../../../hooks/use-page-title.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useUser } from '../../../session/session-context.ts';
import { useLiveObject } from '../../inbox/index.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { plain, uiLang } from '../../../lib/bilingual.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { AddItemForm } from './AddItemForm.tsx';
import { AddToCalendar } from './AddToCalendar.tsx';
import { AgendaItemCard } from './AgendaItemCard.tsx';
import { MinutesSection } from './MinutesSection.tsx';
import { Participants, RoundPlace } from './RoundList.tsx';
import { groupAccess, groupsApi, type GroupAccess } from '../../groups/public.ts';
import { dialoguesApi } from '../api.ts';

async function load(roundId: string): Promise<{ round: RoundDetail; group: GroupDetail }> {
  const round = await dialoguesApi.round(roundId);
  return { round, group: await groupsApi.get(round.groupId) };
}

/** One round: its agenda with each side's position per item and convergence, then the minutes. */
export function RoundPage() {
  const { t } = useTranslation('groups');
  const { roundId = '' } = useParams();
  const user = useUser();
  const data = useResource(() => load(roundId), [roundId]);
  // Positions, convergence, minutes and approvals saved in another browser show here at once.
  useLiveObject('round', roundId, data.reload);
  if (data.status !== 'ready') {
    return (
      <>
        <PageHeader title={t('round.loadingTitle')} />
        {data.status === 'loading' ? <Loading /> : <ErrorMessage error={data.error} onRetry={data.reload} />}
      </>
    );
  }
  const { round, group } = data.data;
  return <RoundView round={round} group={group} access={groupAccess(user, group)} reload={data.reload} />;
}

function RoundView({ round, group, access, reload }: { round: RoundDetail; group: GroupDetail; access: GroupAccess; reload: () => void }) {
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
        {access.manager && <RoundStatusControl round={round} onChanged={reload} />}
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
            <AgendaItemCard key={item.id} item={item} group={group} access={access} onChanged={reload} />
          ))}
        </ol>
        {access.manager && <AddItemForm roundId={round.id} onCreated={reload} />}
      </section>
      <MinutesSection round={round} group={group} access={access} onCreated={reload} />
    </article>
  );
}

function RoundStatusControl({ round, onChanged }: { round: RoundDetail; onChanged: () => void }) {
  const { t } = useTranslation('groups');
  const submit = useSubmit();
  const next = ROUND_TRANSITIONS[round.status];
  async function handleChange(status: RoundStatus) {
    if (await submit.run(() => dialoguesApi.updateRound(round.id, { status, version: round.version }))) onChanged();
  }
  if (next.length === 0) return null;
  return (
    <div className="header-actions" data-testid="round-status-control">
      {next.map((s) => (
        <button key={s} type="button" className="button button-secondary" disabled={submit.busy} onClick={() => void handleChange(s)}>
          {t(`rounds.markAs.${s}`)}
        </button>
      ))}
      {submit.error !== null && <ErrorMessage error={submit.error} />}
    </div>
  );
}
