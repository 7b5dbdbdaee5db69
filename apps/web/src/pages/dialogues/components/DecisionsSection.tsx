import type { GroupDetail, Minutes } from '@qiao/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { actionKeys, actionsApi } from '../../../api/groups.ts';
import { ActionTable } from '../../../components/ActionTable.tsx';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import type { GroupAccess } from '../../../lib/group-access.ts';
import { useUser } from '../../../session/session-context.ts';
import { dialogueKeys, minutesApi } from '../api.ts';
import { AssignActionForm } from './AssignActionForm.tsx';

/** Decisions entered into the record when the minutes locked, each with the actions it led to. */
export function DecisionsSection({ minutes, group, access }: { minutes: Minutes; group: GroupDetail; access: GroupAccess }) {
  const { t } = useTranslation('groups');
  const user = useUser();
  // Keyed by the locked revision: a revision locked later records its own decisions.
  const decisions = useQuery({ queryKey: [...dialogueKeys.decisions(minutes.id), minutes.lockedRevision], queryFn: () => minutesApi.decisions({ minutesId: minutes.id }) });
  const actions = useQuery({ queryKey: actionKeys.forGroup(minutes.groupId), queryFn: () => actionsApi.forGroup(minutes.groupId) });
  const results = useQuery({ queryKey: actionKeys.results(minutes.groupId), queryFn: () => actionsApi.results(minutes.groupId) });
  const failed = [decisions, actions, results].find((q) => q.isError);
  const ready = decisions.isSuccess && actions.isSuccess && results.isSuccess;
  const names = new Map(group.members.map((m) => [m.userId, m.displayName]));
  return (
    <section className="section" aria-labelledby="decisions-title" data-testid="decisions">
      <h3 id="decisions-title">{t('decisions.title')}</h3>
      <p className="muted">{t('decisions.intro')}</p>
      {!ready && !failed && <Loading />}
      {failed && <ErrorMessage error={failed.error} onRetry={() => void failed.refetch()} />}
      {ready && decisions.data.length === 0 && <p className="muted">{t('decisions.none')}</p>}
      {ready && (
        <ol className="plain-list decision-records">
          {decisions.data.map((d) => {
            const led = actions.data.filter((a) => a.decisionId === d.id);
            return (
              <li key={d.id} className="panel decision" data-testid="decision" data-decision-id={d.id}>
                <Bilingual text={d.text}>{(text, l) => <h4 lang={l}>{text}</h4>}</Bilingual>
                <p className="muted small">{t('decisions.fromRevision', { n: d.revision })}</p>
                {led.length > 0 ? (
                  <ActionTable
                    actions={led}
                    names={names}
                    canChangeStatus={(a) => access.manager || a.owners.some((o) => o.userId === user.id)}
                    testId="decision-actions"
                  />
                ) : (
                  <p className="muted">{t('decisions.noActions')}</p>
                )}
                {access.manager && <AssignActionForm decision={d} group={group} results={results.data} />}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
