import type { GroupDetail, Minutes, RoundDetail } from '@qiao/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useUser } from '../../../session/session-context.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { ApprovalState } from './ApprovalState.tsx';
import { CommentsPanel } from './CommentsPanel.tsx';
import { DecisionsSection } from './DecisionsSection.tsx';
import { MINUTES_FIELDS, MinutesForm } from './MinutesForm.tsx';
import { RevisionsPanel } from './RevisionsPanel.tsx';
import type { GroupAccess } from '../../../lib/group-access.ts';
import { isFieldError } from '../../../lib/field-errors.ts';
import { dialogueKeys, minutesApi } from '../api.ts';

/** The server lets the round's participants and the co-chairs draft, amend and comment. */
function mayWrite(round: RoundDetail, access: GroupAccess, userId: string): boolean {
  return access.coChair || (access.member && round.participants.some((p) => p.userId === userId));
}

export function MinutesSection({ round, group, access }: { round: RoundDetail; group: GroupDetail; access: GroupAccess }) {
  const { t } = useTranslation('groups');
  const user = useUser();
  const writer = mayWrite(round, access, user.id);
  const submit = useSubmit();
  return (
    <section className="section" aria-labelledby="minutes-title" data-testid="minutes">
      <h2 id="minutes-title">{t('minutes.title')}</h2>
      {round.minutesId ? (
        <MinutesView minutesId={round.minutesId} group={group} access={access} writer={writer} />
      ) : writer ? (
        <>
          <p className="muted">{t('minutes.draftIntro')}</p>
          <MinutesForm
            busy={submit.busy}
            error={submit.error}
            submitLabel={t('minutes.saveDraft')}
            onSubmit={(value) => {
              void submit.run(() => minutesApi.create(round.id, value), { success: t('minutes.draftSaved'), invalidate: [dialogueKeys.round(round.id)] });
            }}
          >
            {submit.error !== null && !isFieldError(submit.error, MINUTES_FIELDS) && <ErrorMessage error={submit.error} />}
          </MinutesForm>
        </>
      ) : (
        <p className="muted">{t('minutes.none')}</p>
      )}
    </section>
  );
}

function MinutesView({ minutesId, group, access, writer }: { minutesId: string; group: GroupDetail; access: GroupAccess; writer: boolean }) {
  const { t } = useTranslation('groups');
  const minutes = useQuery({ queryKey: dialogueKeys.minutesOf(minutesId), queryFn: () => minutesApi.get(minutesId) });
  if (minutes.isPending) return <Loading />;
  if (minutes.isError) return <ErrorMessage error={minutes.error} onRetry={() => void minutes.refetch()} />;
  const m = minutes.data;
  return (
    <div data-testid="minutes-view" data-status={m.status} data-revision={m.currentRevision}>
      <p className="meta-row">
        <StatusBadge kind="minutesStatus" value={m.status} />
        <span>{t('minutes.revision', { n: m.currentRevision })}</span>
        {m.lockedRevision !== null && <span className="muted">{t('minutes.lockedRevision', { n: m.lockedRevision })}</span>}
      </p>
      {m.status === 'locked' && (
        <p className="alert alert-success" data-testid="minutes-locked">
          {t('minutes.lockedNote', { n: m.currentRevision })}
        </p>
      )}
      <MinutesBody minutes={m} writer={writer} />
      <ApprovalState minutes={m} group={group} access={access} />
      {m.lockedRevision !== null && <DecisionsSection minutes={m} group={group} access={access} />}
      <RevisionsPanel minutes={m} group={group} />
      <CommentsPanel minutes={m} group={group} writer={writer} />
    </div>
  );
}

function MinutesBody({ minutes, writer }: { minutes: Minutes; writer: boolean }) {
  const { t } = useTranslation('groups');
  // The revision and version the amendment starts from: a newer revision arriving meanwhile (another
  // browser) must meet the server's conflict check rather than be overwritten.
  const [amending, setAmending] = useState<Pick<Minutes, 'revision' | 'version'> | null>(null);
  const submit = useSubmit();
  const queryClient = useQueryClient();
  const conflict = submit.error instanceof ApiError && submit.error.id === 'conflict';
  const refresh = () => void queryClient.invalidateQueries({ queryKey: dialogueKeys.minutesOf(minutes.id) });
  if (amending) {
    return (
      <MinutesForm
        from={amending.revision}
        busy={submit.busy}
        error={submit.error}
        submitLabel={t('minutes.saveRevision')}
        onCancel={() => {
          submit.clear();
          setAmending(null);
        }}
        onSubmit={(value) => {
          void submit
            .run(() => minutesApi.amend(minutes.id, { ...value, version: amending.version }), {
              success: t('minutes.revisionSaved'),
              invalidate: [dialogueKeys.minutesOf(minutes.id)],
            })
            .then((ok) => ok && setAmending(null));
        }}
      >
        {conflict ? (
          <div className="alert alert-error" role="alert" data-testid="minutes-conflict">
            <p>{t('minutes.conflict')}</p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                submit.clear();
                setAmending(null);
                refresh();
              }}
            >
              {t('minutes.reload')}
            </button>
          </div>
        ) : (
          submit.error !== null && !isFieldError(submit.error, MINUTES_FIELDS) && <ErrorMessage error={submit.error} />
        )}
      </MinutesForm>
    );
  }
  return (
    <>
      <Bilingual text={minutes.revision.body}>
        {(text, l) => (
          <div className="prose pre-wrap minutes-body" lang={l} data-testid="minutes-body">
            {text}
          </div>
        )}
      </Bilingual>
      {minutes.revision.decisions.length > 0 && (
        <>
          <h3>{t('minutes.decisions')}</h3>
          <ol className="decision-list">
            {minutes.revision.decisions.map((d, i) => (
              <li key={i}>
                <Bilingual text={d}>{(text, l) => <span lang={l}>{text}</span>}</Bilingual>
              </li>
            ))}
          </ol>
        </>
      )}
      {writer && (
        <button type="button" className="button button-secondary" data-testid="amend-minutes" onClick={() => setAmending({ revision: minutes.revision, version: minutes.version })}>
          {minutes.status === 'locked' ? t('minutes.proposeRevision') : t('minutes.amend')}
        </button>
      )}
    </>
  );
}
