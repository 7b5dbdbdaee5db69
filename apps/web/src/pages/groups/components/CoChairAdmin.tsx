import type { GroupDetail } from '@qiao/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { useQuery } from '@tanstack/react-query';
import { groupKeys, groupsApi } from '../../../api/groups.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';

/** Admin: appoint the one co-chair of each side, or hand the role to someone else on that side. */
export function CoChairAdmin({ group }: { group: GroupDetail }) {
  const { t } = useTranslation('groups');
  const users = useQuery({ queryKey: groupKeys.users(), queryFn: groupsApi.users });
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const submit = useSubmit();

  async function handleAppoint(side: string) {
    const userId = chosen[side];
    if (!userId) return;
    const current = group.coChairs[side];
    const ok = await submit.run(() => (current ? groupsApi.handOverCoChair(group.id, side, userId) : groupsApi.appointCoChair(group.id, userId)), {
      success: t('coChairs.appointed', { side }),
      invalidate: [groupKeys.detail(group.id), groupKeys.list()],
    });
    if (ok) setChosen({ ...chosen, [side]: '' });
  }

  return (
    <section className="section panel" aria-labelledby="cochair-admin-title" data-testid="cochair-admin">
      <h2 id="cochair-admin-title">{t('coChairs.title')}</h2>
      <p className="muted">{t('coChairs.intro')}</p>
      {users.isPending && <Loading />}
      {users.isError && <ErrorMessage error={users.error} onRetry={() => void users.refetch()} />}
      {users.isSuccess &&
        group.sides.map((side) => {
          const current = group.members.find((m) => m.userId === group.coChairs[side]);
          const candidates = users.data.filter((u) => u.side === side && u.id !== current?.userId);
          return (
            <div key={side} className="inline-form" data-side={side}>
              <SideBadge side={side} />
              <span>{current ? t('coChairs.current', { name: current.displayName }) : t('group.noCoChair')}</span>
              <label>
                <span className="visually-hidden">{t('coChairs.pick', { side })}</span>
                <select name={`cochair-${side}`} value={chosen[side] ?? ''} onChange={(e) => setChosen({ ...chosen, [side]: e.target.value })}>
                  <option value="">{t('coChairs.pick', { side })}</option>
                  {candidates.map((u) => (
                    <option key={u.id} value={u.id} data-email={u.email}>
                      {u.displayName} · {u.email}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="button button-secondary" data-testid={`appoint-${side}`} disabled={submit.busy || !chosen[side]} onClick={() => void handleAppoint(side)}>
                {current ? t('coChairs.handOver') : t('coChairs.appoint')}
              </button>
            </div>
          );
        })}
      {submit.error !== null && <ErrorMessage error={submit.error} />}
    </section>
  );
}
