import type { Minutes, Notification } from '@qiao/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { dialogueKeys, minutesApi } from '../../dialogues/api.ts';
import { notificationKeys, notificationsApi } from '../api.ts';
import { asTwoLanguages, plain, uiLang, type Lang } from '../../../lib/bilingual.ts';
import { formatDateTime, formatDay } from '../../../lib/format.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';

/** Where a notice leads: the round for minutes to approve, else the group page. */
function target(n: Notification): string {
  const roundId = typeof n.payload.roundId === 'string' ? n.payload.roundId : null;
  if (n.kind === 'minutes_approval_needed' && roundId) return `/dialogues/rounds/${roundId}`;
  if (n.kind === 'action_assigned' || n.kind === 'action_overdue') return '/groups/my-actions';
  return n.groupId ? `/groups/${n.groupId}` : '/groups';
}

function Summary({ n, lang }: { n: Notification; lang: Lang }) {
  const { t } = useTranslation('groups');
  const p = n.payload;
  const group = plain(asTwoLanguages(p.groupName), lang);
  const title = plain(asTwoLanguages(p.title), lang);
  const due = typeof p.dueDate === 'string' ? formatDay(p.dueDate, lang) : '';
  switch (n.kind) {
    case 'minutes_approval_needed':
      return <>{t('notifications.kind.minutes_approval_needed', { group, revision: typeof p.revision === 'number' ? p.revision : 1 })}</>;
    case 'join_request':
      return <>{t('notifications.kind.join_request', { group, name: typeof p.requester === 'string' ? p.requester : '', side: typeof p.side === 'string' ? p.side : '' })}</>;
    case 'action_assigned':
      return <>{t('notifications.kind.action_assigned', { title, due })}</>;
    case 'action_overdue':
      return <>{t('notifications.kind.action_overdue', { title, due })}</>;
  }
}

/** Minutes wait for this person only while they are a draft and the notice's revision is still current. */
function stillAwaiting(n: Notification, minutes: Minutes | undefined): boolean {
  if (n.kind !== 'minutes_approval_needed' || !minutes) return true;
  return minutes.status === 'draft' && minutes.currentRevision === (typeof n.payload.revision === 'number' ? n.payload.revision : minutes.currentRevision);
}

/** In-app notices: minutes to approve, join requests, actions assigned to me or overdue. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const list = useQuery({ queryKey: notificationKeys.list(), queryFn: notificationsApi.list });
  const submit = useSubmit();
  // A request for approval is settled once the minutes lock (or move on to a newer revision): it
  // leaves the list rather than asking for something that can no longer be done.
  const minutesIds = [...new Set((list.data ?? []).filter((n) => n.kind === 'minutes_approval_needed').map((n) => n.entityId))];
  const minutes = useQueries({
    queries: minutesIds.map((id) => ({ queryKey: dialogueKeys.minutesOf(id), queryFn: () => minutesApi.get(id) })),
  });
  const byId = new Map(minutes.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])));
  const settling = minutes.some((q) => q.isPending);
  const shown = list.isSuccess && !settling ? list.data.filter((n) => stillAwaiting(n, byId.get(n.entityId))) : [];
  const unread = shown.filter((n) => !n.readAt).length;

  async function handleMarkAll() {
    await submit.run(() => notificationsApi.markRead({ all: true }), { invalidate: [notificationKeys.all] });
  }
  async function handleMark(id: string) {
    await submit.run(() => notificationsApi.markRead({ ids: [id] }), { invalidate: [notificationKeys.all] });
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="..">{t('list.back')}</Link>
      </p>
      <PageHeader title={t('notifications.title')} intro={t('notifications.intro')}>
        {unread > 0 && (
          <button type="button" className="button button-secondary" disabled={submit.busy} onClick={() => void handleMarkAll()}>
            {t('notifications.markAll')}
          </button>
        )}
      </PageHeader>
      {submit.error !== null && <ErrorMessage error={submit.error} />}
      {(list.isPending || (list.isSuccess && settling)) && <Loading />}
      {list.isError && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && !settling && shown.length === 0 && (
        <EmptyState title={t('notifications.emptyTitle')}>
          <p>{t('notifications.empty')}</p>
        </EmptyState>
      )}
      {shown.length > 0 && (
        <ul className="plain-list notification-list" data-testid="notifications">
          {shown.map((n) => (
            <li key={n.id} className={n.readAt ? 'notification' : 'notification unread'} data-kind={n.kind}>
              <Link to={target(n)}>
                <Summary n={n} lang={lang} />
              </Link>
              <span className="muted"> · {formatDateTime(n.createdAt, lang)}</span>
              {!n.readAt && (
                <button type="button" className="button-link" disabled={submit.busy} onClick={() => void handleMark(n.id)}>
                  {t('notifications.markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
