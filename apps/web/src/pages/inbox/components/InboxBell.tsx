import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { inboxApi, inboxKeys } from '../api.ts';
import { useLiveInbox } from '../live.ts';
import '../inbox.css';

/** The header's bell: the unread count, kept current by the live stream; leads to the inbox. */
export function InboxBell() {
  const { t } = useTranslation('inbox');
  useLiveInbox();
  const unread = useQuery({ queryKey: inboxKeys.unread(), queryFn: inboxApi.unread });
  const count = unread.data?.unread ?? 0;
  return (
    <Link to="/inbox" className="inbox-bell" data-testid="inbox-bell" data-count={unread.data ? count : undefined} aria-label={t('bell.unread', { count })}>
      <span aria-hidden="true">🔔</span>
      {count > 0 && (
        <span className="inbox-bell-count" data-testid="inbox-bell-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
