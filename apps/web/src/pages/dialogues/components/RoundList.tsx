import type { GroupDetail, Round, Track } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { isFilled, toInput, uiLang } from '../../../lib/bilingual.ts';
import { formatDateTime, localInputToIso } from '../../../lib/format.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { BilingualFields, type TwoTexts } from '../../groups/public.ts';
import { dialoguesApi } from '../api.ts';

/** The rounds of one track: when, where (a place or an online link), who, and their status. */
export function RoundList({ track, group, canPlan }: { track: Track; group: GroupDetail; canPlan: boolean }) {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const rounds = useResource(() => dialoguesApi.rounds(track.id), [track.id]);
  return (
    <>
      {rounds.status === 'loading' && <Loading />}
      {rounds.status === 'error' && <ErrorMessage error={rounds.error} onRetry={rounds.reload} />}
      {rounds.status === 'ready' && rounds.data.length === 0 && <p className="muted">{t('rounds.none')}</p>}
      {rounds.status === 'ready' && rounds.data.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="rounds-table">
            <thead>
              <tr>
                <th scope="col">{t('rounds.round')}</th>
                <th scope="col">{t('rounds.when')}</th>
                <th scope="col">{t('rounds.where')}</th>
                <th scope="col">{t('rounds.participants')}</th>
                <th scope="col">{t('rounds.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.data.map((r) => (
                <tr key={r.id} data-round-id={r.id}>
                  <td>
                    <Bilingual text={r.title}>
                      {(title, l) => (
                        <Link to={`/dialogues/rounds/${r.id}`} lang={l} className="card-link">
                          {title}
                        </Link>
                      )}
                    </Bilingual>
                  </td>
                  <td className="cell-tight">{formatDateTime(r.startsAt, lang)}</td>
                  <td>
                    <RoundPlace round={r} />
                  </td>
                  <td>
                    <Participants round={r} />
                  </td>
                  <td className="cell-tight">
                    <StatusBadge kind="roundStatus" value={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canPlan && <NewRoundForm track={track} group={group} onCreated={rounds.reload} />}
    </>
  );
}

export function RoundPlace({ round }: { round: Pick<Round, 'place' | 'onlineLink'> }) {
  const { t } = useTranslation('groups');
  return (
    <>
      {round.place && <span>{round.place}</span>}
      {round.place && round.onlineLink && <br />}
      {round.onlineLink && (
        <a href={round.onlineLink} target="_blank" rel="noreferrer noopener">
          {t('rounds.onlineLink')}
        </a>
      )}
    </>
  );
}

export function Participants({ round }: { round: Pick<Round, 'participants'> }) {
  const { t } = useTranslation('groups');
  if (round.participants.length === 0) return <span className="muted">{t('rounds.noParticipants')}</span>;
  return (
    <ul className="plain-list">
      {round.participants.map((p) => (
        <li key={p.userId}>
          <SideBadge side={p.side} /> {p.displayName}
        </li>
      ))}
    </ul>
  );
}

const EMPTY: TwoTexts = { en: '', zh: '' };

function NewRoundForm({ track, group, onCreated }: { track: Track; group: GroupDetail; onCreated: () => void }) {
  const { t } = useTranslation('groups');
  const [title, setTitle] = useState(EMPTY);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [place, setPlace] = useState('');
  const [onlineLink, setOnlineLink] = useState('');
  // Everyone who may take part is ticked to start with; co-chairs untick who is not coming.
  const eligible = group.members.filter((m) => m.role !== 'observer');
  const [participants, setParticipants] = useState<string[]>(eligible.map((m) => m.userId));
  const submit = useSubmit();

  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await submit.run(() =>
      dialoguesApi.createRound(track.id, {
        title: toInput(title),
        startsAt: localInputToIso(startsAt),
        ...(endsAt ? { endsAt: localInputToIso(endsAt) } : {}),
        ...(place.trim() ? { place: place.trim() } : {}),
        ...(onlineLink.trim() ? { onlineLink: onlineLink.trim() } : {}),
        participantIds: participants,
      }),
    );
    if (ok) {
      setTitle(EMPTY);
      setStartsAt('');
      setEndsAt('');
      setPlace('');
      setOnlineLink('');
      onCreated();
    }
  }

  const toggle = (id: string, on: boolean) => setParticipants(on ? [...participants, id] : participants.filter((p) => p !== id));
  return (
    <details className="form-panel" data-testid="new-round">
      <summary>{t('rounds.new')}</summary>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        <BilingualFields label={t('rounds.roundTitle')} name="round-title" value={title} onChange={setTitle} required />
        <div className="field-row">
          <Field label={t('rounds.startsAt')} type="datetime-local" name="startsAt" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} required />
          <Field label={t('rounds.endsAt')} type="datetime-local" name="endsAt" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        </div>
        <div className="field-row">
          <Field label={t('rounds.place')} name="place" value={place} onChange={(e) => setPlace(e.target.value)} maxLength={300} />
          <Field label={t('rounds.onlineLinkLabel')} type="url" name="onlineLink" value={onlineLink} onChange={(e) => setOnlineLink(e.target.value)} placeholder="https://" />
        </div>
        <p className="hint">{t('rounds.placeHint')}</p>
        <fieldset className="fieldset">
          <legend>{t('rounds.participants')}</legend>
          <div className="checkbox-row">
            {eligible.map((m) => (
              <label key={m.userId} className="checkbox">
                <input type="checkbox" name="participant" value={m.userId} checked={participants.includes(m.userId)} onChange={(e) => toggle(m.userId, e.target.checked)} />
                <SideBadge side={m.side} /> {m.displayName}
              </label>
            ))}
          </div>
        </fieldset>
        {submit.error !== null && <ErrorMessage error={submit.error} />}
        <button type="submit" className="button button-primary" disabled={submit.busy || !isFilled(title) || !startsAt || (!place.trim() && !onlineLink.trim())}>
          {t('rounds.create')}
        </button>
      </form>
    </details>
  );
}
