import type { ActionItem, Decision, GroupDetail, Minutes, Result } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { useUser } from '../../../session/session-context.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { AssignActionForm } from './AssignActionForm.tsx';
import { ActionTable, actionsApi, type GroupAccess } from '../../groups/public.ts';
import { minutesApi } from '../api.ts';

async function load(minutes: Minutes): Promise<{ decisions: Decision[]; actions: ActionItem[]; results: Result[] }> {
  const [decisions, actions, results] = await Promise.all([
    minutesApi.decisions({ minutesId: minutes.id }),
    actionsApi.forGroup(minutes.groupId),
    actionsApi.results(minutes.groupId),
  ]);
  return { decisions, actions, results };
}

/** Decisions entered into the record when the minutes locked, each with the actions it led to. */
export function DecisionsSection({ minutes, group, access }: { minutes: Minutes; group: GroupDetail; access: GroupAccess }) {
  const { t } = useTranslation('groups');
  const user = useUser();
  const data = useResource(() => load(minutes), [minutes.id, minutes.lockedRevision]);
  const names = new Map(group.members.map((m) => [m.userId, m.displayName]));
  return (
    <section className="section" aria-labelledby="decisions-title" data-testid="decisions">
      <h3 id="decisions-title">{t('decisions.title')}</h3>
      <p className="muted">{t('decisions.intro')}</p>
      {data.status === 'loading' && <Loading />}
      {data.status === 'error' && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {data.status === 'ready' && data.data.decisions.length === 0 && <p className="muted">{t('decisions.none')}</p>}
      {data.status === 'ready' && (
        <ol className="plain-list decision-records">
          {data.data.decisions.map((d) => {
            const actions = data.data.actions.filter((a) => a.decisionId === d.id);
            return (
              <li key={d.id} className="panel decision" data-testid="decision" data-decision-id={d.id}>
                <Bilingual text={d.text}>{(text, l) => <h4 lang={l}>{text}</h4>}</Bilingual>
                <p className="muted small">{t('decisions.fromRevision', { n: d.revision })}</p>
                {actions.length > 0 ? (
                  <ActionTable
                    actions={actions}
                    names={names}
                    canChangeStatus={(a) => access.manager || a.owners.some((o) => o.userId === user.id)}
                    onChanged={data.reload}
                    testId="decision-actions"
                  />
                ) : (
                  <p className="muted">{t('decisions.noActions')}</p>
                )}
                {access.manager && <AssignActionForm decision={d} group={group} results={data.data.results} onCreated={data.reload} />}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
