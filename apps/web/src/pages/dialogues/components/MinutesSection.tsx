import type { GroupDetail, Minutes, RoundDetail } from '@qiao/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { useUser } from '../../../session/session-context.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { ApprovalState } from './ApprovalState.tsx';
import { CommentsPanel } from './CommentsPanel.tsx';
import { DecisionsSection } from './DecisionsSection.tsx';
import { MinutesForm } from './MinutesForm.tsx';
import { RevisionsPanel } from './RevisionsPanel.tsx';
import { type GroupAccess } from '../../groups/public.ts';
import { minutesApi } from '../api.ts';

/** The server lets the round's participants and the co-chairs draft, amend and comment. */
function mayWrite(round: RoundDetail, access: GroupAccess, userId: string): boolean {
  return access.coChair || (access.member && round.participants.some((p) => p.userId === userId));
}

export function MinutesSection({ round, group, access, onCreated }: { round: RoundDetail; group: GroupDetail; access: GroupAccess; onCreated: () => void }) {
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
            submitLabel={t('minutes.saveDraft')}
            onSubmit={(value) => {
              void submit.run(() => minutesApi.create(round.id, value)).then((ok) => ok && onCreated());
            }}
          >
            {submit.error !== null && <ErrorMessage error={submit.error} />}
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
  const minutes = useResource(() => minutesApi.get(minutesId), [minutesId]);
  if (minutes.status === 'loading') return <Loading />;
  if (minutes.status === 'error') return <ErrorMessage error={minutes.error} onRetry={minutes.reload} />;
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
      <MinutesBody minutes={m} group={group} access={access} writer={writer} onChanged={minutes.reload} />
      <ApprovalState minutes={m} group={group} access={access} onChanged={minutes.reload} />
      {m.lockedRevision !== null && <DecisionsSection minutes={m} group={group} access={access} />}
      <RevisionsPanel minutes={m} group={group} />
      <CommentsPanel minutes={m} group={group} writer={writer} />
    </div>
  );
}

function MinutesBody({ minutes, writer, onChanged }: { minutes: Minutes; group: GroupDetail; access: GroupAccess; writer: boolean; onChanged: () => void }) {
  const { t } = useTranslation('groups');
  const [amending, setAmending] = useState(false);
  const submit = useSubmit();
  const conflict = submit.error instanceof ApiError && submit.error.id === 'conflict';
  if (amending) {
    return (
      <MinutesForm
        from={minutes.revision}
        busy={submit.busy}
        submitLabel={t('minutes.saveRevision')}
        onCancel={() => {
          submit.clear();
          setAmending(false);
        }}
        onSubmit={(value) => {
          void submit.run(() => minutesApi.amend(minutes.id, { ...value, version: minutes.version })).then((ok) => {
            if (!ok) return;
            setAmending(false);
            onChanged();
          });
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
                setAmending(false);
                onChanged();
              }}
            >
              {t('minutes.reload')}
            </button>
          </div>
        ) : (
          submit.error !== null && <ErrorMessage error={submit.error} />
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
        <button type="button" className="button button-secondary" data-testid="amend-minutes" onClick={() => setAmending(true)}>
          {minutes.status === 'locked' ? t('minutes.proposeRevision') : t('minutes.amend')}
        </button>
      )}
    </>
  );
}
