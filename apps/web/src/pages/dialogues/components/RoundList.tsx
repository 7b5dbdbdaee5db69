import { RoundInputSchema, type GroupDetail, type Round, type RoundInput, type Track } from '@qiao/contracts';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { toInput, uiLang } from '../../../lib/bilingual.ts';
import { formatDateTime, localInputToIso } from '../../../lib/format.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { EMPTY_TEXTS, type TwoTexts } from '../../../components/BilingualFields.tsx';
import { BilingualFormField } from '../../../components/BilingualFormField.tsx';
import { isFieldError, serverFieldError } from '../../../lib/field-errors.ts';
import { wireResolver } from '../../../lib/wire-resolver.ts';
import { dialogueKeys, dialoguesApi } from '../api.ts';
import { DataTable } from '../../../components/DataTable.tsx';

/** The rounds of one track: when, where (a place or an online link), who, and their status. */
export function RoundList({ track, group, canPlan }: { track: Track; group: GroupDetail; canPlan: boolean }) {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const rounds = useQuery({ queryKey: dialogueKeys.rounds(track.id), queryFn: () => dialoguesApi.rounds(track.id) });
  return (
    <>
      {rounds.isPending && <Loading />}
      {rounds.isError && <ErrorMessage error={rounds.error} onRetry={() => void rounds.refetch()} />}
      {rounds.isSuccess && rounds.data.length === 0 && <p className="muted">{t('rounds.none')}</p>}
      {rounds.isSuccess && rounds.data.length > 0 && (
        <DataTable testId="rounds-table" columns={[t('rounds.round'), t('rounds.when'), t('rounds.where'), t('rounds.participants'), t('rounds.status')]}>
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
        </DataTable>
      )}
      {canPlan && <NewRoundForm track={track} group={group} />}
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

interface RoundFormValues {
  title: TwoTexts;
  /** `datetime-local` values, in the browser's time zone. */
  startsAt: string;
  endsAt: string;
  place: string;
  onlineLink: string;
  participantIds: string[];
}

const ROUND_FIELDS = ['title', 'startsAt', 'endsAt', 'place', 'onlineLink', 'participantIds'] as const;

const roundToWire = (v: RoundFormValues) => ({
  title: toInput(v.title),
  startsAt: localInputToIso(v.startsAt),
  ...(v.endsAt ? { endsAt: localInputToIso(v.endsAt) } : {}),
  ...(v.place.trim() ? { place: v.place.trim() } : {}),
  ...(v.onlineLink.trim() ? { onlineLink: v.onlineLink.trim() } : {}),
  participantIds: v.participantIds,
});

function NewRoundForm({ track, group }: { track: Track; group: GroupDetail }) {
  const { t } = useTranslation('groups');
  // Everyone who may take part is ticked to start with; co-chairs untick who is not coming.
  const eligible = group.members.filter((m) => m.role !== 'observer');
  const form = useForm<RoundFormValues, unknown, RoundInput>({
    resolver: wireResolver(RoundInputSchema, roundToWire),
    defaultValues: { title: EMPTY_TEXTS, startsAt: '', endsAt: '', place: '', onlineLink: '', participantIds: eligible.map((m) => m.userId) },
  });
  const { errors, isDirty } = form.formState;
  useUnsavedChanges(isDirty);
  const submit = useSubmit();
  const server = (field: string) => serverFieldError(submit.error, field);

  const handleSubmit = form.handleSubmit(async (body) => {
    const ok = await submit.run(() => dialoguesApi.createRound(track.id, body), { success: t('rounds.created'), invalidate: [dialogueKeys.rounds(track.id)] });
    if (ok) form.reset();
  });

  return (
    <details className="form-panel" data-testid="new-round">
      <summary>{t('rounds.new')}</summary>
      <form className="form" noValidate onSubmit={(e) => void handleSubmit(e)}>
        <BilingualFormField
          control={form.control}
          field="title"
          label={t('rounds.roundTitle')}
          name="round-title"
          maxLength={300}
          required
          error={errors.title ? t('form.needText') : server('title')}
        />
        <div className="field-row">
          <Field label={t('rounds.startsAt')} type="datetime-local" {...form.register('startsAt')} error={errors.startsAt ? t('rounds.needStart') : server('startsAt')} />
          <Field label={t('rounds.endsAt')} type="datetime-local" {...form.register('endsAt')} error={errors.endsAt ? t('rounds.endBeforeStart') : server('endsAt')} />
        </div>
        <div className="field-row">
          <Field label={t('rounds.place')} maxLength={300} {...form.register('place')} error={errors.place ? t('rounds.placeHint') : server('place')} />
          <Field label={t('rounds.onlineLinkLabel')} type="url" placeholder="https://" {...form.register('onlineLink')} error={errors.onlineLink ? t('rounds.badLink') : server('onlineLink')} />
        </div>
        <p className="hint">{t('rounds.placeHint')}</p>
        <fieldset className="fieldset">
          <legend>{t('rounds.participants')}</legend>
          <div className="checkbox-row">
            {eligible.map((m) => (
              <label key={m.userId} className="checkbox">
                <input type="checkbox" value={m.userId} {...form.register('participantIds')} />
                <SideBadge side={m.side} /> {m.displayName}
              </label>
            ))}
          </div>
        </fieldset>
        {submit.error !== null && !isFieldError(submit.error, ROUND_FIELDS) && <ErrorMessage error={submit.error} />}
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {t('rounds.create')}
        </button>
      </form>
    </details>
  );
}
