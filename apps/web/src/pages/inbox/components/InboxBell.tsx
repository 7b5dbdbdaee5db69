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
      {/* Drawn, not an emoji: a machine without a colour-emoji font would show an empty box. */}
      <svg className="inbox-bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {count > 0 && (
        <span className="inbox-bell-count" data-testid="inbox-bell-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
